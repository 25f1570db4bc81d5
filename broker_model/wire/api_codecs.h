#pragma once
// One decoder per request and one encoder per response, each for every version in
// supported_apis(). A decoder reads the body that follows the request header and
// builds the simulation's own request (broker_model/protocol), which the broker
// model handles without knowing its client is real; an encoder writes the body of
// the simulation's response after the response header. Fields the simulation does
// not model are read and dropped (a transactional id) or written with Kafka's
// default (throttle_time_ms 0).
//
// Decoders throw MalformedFrame on bytes that do not parse.
#include <cstdint>
#include <memory>

#include "broker_model/protocol/admin_requests.h"
#include "broker_model/protocol/fetch.h"
#include "broker_model/protocol/group_requests.h"
#include "broker_model/protocol/list_offsets.h"
#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/produce.h"
#include "broker_model/wire/codec_context.h"
#include "broker_model/wire/record_batch.h"
#include "broker_model/wire/wire_reader.h"
#include "broker_model/wire/wire_writer.h"

namespace kafkalab::kafka::wire {

using RequestPtr = std::shared_ptr<KafkaMessageBase>;

// produce_codec.cpp. Records get their ids only once the whole request has parsed,
// so a request refused halfway leaves nothing in the ledger: decode, then build.
struct DecodedProduce {
    std::int16_t acks = -1;
    std::int32_t timeout_ms = 0;
    struct Partition {
        TopicPartition partition;
        std::vector<DecodedBatch> batches;  // exactly one, views into the frame
    };
    std::vector<Partition> partitions;
};
DecodedProduce decode_produce_body(WireReader& in, std::int16_t version);
RequestPtr build_produce_request(const DecodedProduce& decoded, const DecodeContext& context);
/// Both at once, for a body known to be whole.
RequestPtr decode_produce_request(WireReader& in, std::int16_t version, const DecodeContext& context);
void encode_produce_response(WireWriter& out, const ProduceResponse& response, std::int16_t version);

// fetch_codec.cpp
RequestPtr decode_fetch_request(WireReader& in, std::int16_t version);
void encode_fetch_response(WireWriter& out, const FetchResponse& response, std::int16_t version);

// list_offsets_codec.cpp
RequestPtr decode_list_offsets_request(WireReader& in, std::int16_t version);
void encode_list_offsets_response(WireWriter& out, const ListOffsetsResponse& response, std::int16_t version);

// metadata_codec.cpp
RequestPtr decode_metadata_request(WireReader& in, std::int16_t version);
void encode_metadata_response(WireWriter& out, const MetadataResponse& response, std::int16_t version,
                              const EncodeContext& context);

// group_codec.cpp: the group membership APIs.
RequestPtr decode_find_coordinator_request(WireReader& in, std::int16_t version);
void encode_find_coordinator_response(WireWriter& out, const FindCoordinatorResponse& response,
                                      std::int16_t version, const EncodeContext& context);
RequestPtr decode_join_group_request(WireReader& in, std::int16_t version);
void encode_join_group_response(WireWriter& out, const JoinGroupResponse& response, std::int16_t version);
RequestPtr decode_sync_group_request(WireReader& in, std::int16_t version);
void encode_sync_group_response(WireWriter& out, const SyncGroupResponse& response, std::int16_t version);
RequestPtr decode_heartbeat_request(WireReader& in, std::int16_t version);
void encode_heartbeat_response(WireWriter& out, const HeartbeatResponse& response, std::int16_t version);
RequestPtr decode_leave_group_request(WireReader& in, std::int16_t version);
void encode_leave_group_response(WireWriter& out, const LeaveGroupResponse& response, std::int16_t version);

// offsets_codec.cpp: committed offsets.
RequestPtr decode_offset_commit_request(WireReader& in, std::int16_t version);
void encode_offset_commit_response(WireWriter& out, const OffsetCommitResponse& response, std::int16_t version);
RequestPtr decode_offset_fetch_request(WireReader& in, std::int16_t version);
void encode_offset_fetch_response(WireWriter& out, const OffsetFetchResponse& response, std::int16_t version);

// admin_codec.cpp: topics and producer ids.
RequestPtr decode_create_topics_request(WireReader& in, std::int16_t version);
void encode_create_topics_response(WireWriter& out, const CreateTopicsResponse& response, std::int16_t version);
RequestPtr decode_delete_topics_request(WireReader& in, std::int16_t version);
void encode_delete_topics_response(WireWriter& out, const DeleteTopicsResponse& response, std::int16_t version);
RequestPtr decode_init_producer_id_request(WireReader& in, std::int16_t version);
void encode_init_producer_id_response(WireWriter& out, const InitProducerIdResponse& response,
                                      std::int16_t version);

}  // namespace kafkalab::kafka::wire
