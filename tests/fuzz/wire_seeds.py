"""Writes seed request frames for fuzz_wire_request: what a real client sends, one
file per request (header v1 and body, without the 4-byte size), built with
kafka-python's own protocol classes (Debian's python3-kafka), plus bare record
batches, uncompressed and gzip.

    /usr/bin/python3 tests/fuzz/wire_seeds.py OUT_DIR
"""
import os
import sys

from kafka.protocol.admin import ApiVersionRequest, CreateTopicsRequest, DeleteTopicsRequest
from kafka.protocol.api import RequestHeader
from kafka.protocol.commit import GroupCoordinatorRequest, OffsetCommitRequest, OffsetFetchRequest
from kafka.protocol.fetch import FetchRequest
from kafka.protocol.group import HeartbeatRequest, JoinGroupRequest, LeaveGroupRequest, SyncGroupRequest
from kafka.protocol.metadata import MetadataRequest
from kafka.protocol.offset import OffsetRequest
from kafka.protocol.produce import ProduceRequest
from kafka.record.default_records import DefaultRecordBatchBuilder


def batch(compression):
    builder = DefaultRecordBatchBuilder(magic=2, compression_type=compression, is_transactional=False,
                                        producer_id=-1, producer_epoch=-1, base_sequence=-1, batch_size=1 << 20)
    for i in range(3):
        key = None if i == 1 else b"user-%d" % i
        builder.append(i, timestamp=1_700_000_000_000 + i, key=key, value=b'{"id": %d}' % i, headers=[])
    return bytes(builder.build())


def requests():
    records = batch(0)
    topic = "registered_user"
    for version in range(len(ApiVersionRequest)):
        yield ApiVersionRequest[version]()
    yield MetadataRequest[0](topics=[topic])
    for version in range(1, len(MetadataRequest)):
        fields = {"topics": None}
        if version >= 4:
            fields["allow_auto_topic_creation"] = True
        yield MetadataRequest[version](**fields)
    for version in range(3, min(len(ProduceRequest), 8)):
        yield ProduceRequest[version](transactional_id=None, required_acks=-1, timeout=30000,
                                      topics=[(topic, [(0, records)])])
    for version in range(4, len(FetchRequest)):
        partition = [0]
        if version >= 9:
            partition.append(-1)  # current_leader_epoch
        partition.append(0)  # fetch_offset
        if version >= 5:
            partition.append(-1)  # log_start_offset
        partition.append(1048576)
        fields = [-1, 500, 1, 52428800, 0]
        if version >= 7:
            fields += [0, -1]
        fields.append([(topic, [tuple(partition)])])
        if version >= 7:
            fields.append([])
        if version >= 11:
            fields.append("")
        yield FetchRequest[version](*fields)
    yield OffsetRequest[1](replica_id=-1, topics=[(topic, [(0, -2)])])
    yield OffsetRequest[2](replica_id=-1, isolation_level=0, topics=[(topic, [(0, -1)])])
    yield GroupCoordinatorRequest[0]("analytics")
    yield GroupCoordinatorRequest[1]("analytics", 0)
    subscription = b"\x00\x00\x00\x00\x00\x01\x00\x0f" + topic.encode() + b"\x00\x00\x00\x00"
    yield JoinGroupRequest[0]("analytics", 10000, "", "consumer", [("range", subscription)])
    yield JoinGroupRequest[1]("analytics", 10000, 300000, "", "consumer", [("range", subscription)])
    assignment = b"\x00\x00\x00\x00\x00\x01\x00\x0f" + topic.encode() + b"\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00"
    yield SyncGroupRequest[0]("analytics", 1, "member-1", [("member-1", assignment)])
    yield HeartbeatRequest[0]("analytics", 1, "member-1")
    yield LeaveGroupRequest[0]("analytics", "member-1")
    yield OffsetCommitRequest[2]("analytics", 1, "member-1", -1, [(topic, [(0, 42, "")])])
    yield OffsetFetchRequest[1]("analytics", [(topic, [0])])
    yield OffsetFetchRequest[2]("analytics", None)
    yield CreateTopicsRequest[0]([("made", 2, 3, [], [("retention.ms", "60000")])], 30000)
    yield DeleteTopicsRequest[0](["made"], 30000)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for n, request in enumerate(requests()):
        header = RequestHeader(request, correlation_id=n, client_id="seed")  # encode() holds it weakly
        frame = header.encode() + request.encode()
        with open(os.path.join(out, "request-%02d" % n), "wb") as f:
            f.write(frame)
    for compression in (0, 1):
        with open(os.path.join(out, "batch-compression-%d" % compression), "wb") as f:
            f.write(batch(compression))


if __name__ == "__main__":
    main()
