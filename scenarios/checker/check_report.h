#pragma once
// What the checker found, in the words of Jepsen's Kafka workload: counts of what was
// sent and read, and every anomaly with the concrete records behind it (ids, values,
// partitions, offsets), so a class can go and look at them in the viewer.
//
// Which anomalies mean what:
//
//   lost-write            acknowledged, but not in the final committed log: data loss
//   duplicate             one record at two offsets: a retry written twice
//   inconsistent-offsets  an offset that was promised to (or read as) one record now
//                         holds another: the log was truncated and the offset re-used
//   nonmonotonic-send     a producer's later send sits at an earlier offset
//   aborted-read          a consumer read a record whose send failed; legitimate when
//                         the broker wrote it but the producer gave up; not data loss
//   unseen                acknowledged and present, but never read by a group
//   poll-skip             a consumer's poll started past the previous poll's end + 1
//   nonmonotonic-poll     a consumer's poll started at or before the previous poll's end
//
// Poll skips and nonmonotonic polls are legitimate when a rebalance moved partitions
// (another member read the gap, or the new owner re-reads from the last commit), so
// each poll anomaly says whether its consumer's assignment changed during the run, and
// those are counted apart.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/log/record_data.h"
#include "scenarios/checker/loss_cause.h"
#include "scenarios/checker/loss_explanation.h"
#include "sim/time.h"

namespace kafkalab::scenarios {

enum class AnomalyKind : std::uint8_t {
    lost_write,
    duplicate,
    inconsistent_offsets,
    nonmonotonic_send,
    aborted_read,
    unseen,
    poll_skip,
    nonmonotonic_poll,
};
/// Every kind, in the order reports list them.
inline constexpr AnomalyKind all_anomaly_kinds[] = {
    AnomalyKind::lost_write,   AnomalyKind::duplicate, AnomalyKind::inconsistent_offsets,
    AnomalyKind::nonmonotonic_send, AnomalyKind::aborted_read, AnomalyKind::unseen,
    AnomalyKind::poll_skip,    AnomalyKind::nonmonotonic_poll,
};
/// Jepsen's name: "lost-write", "inconsistent-offsets", ...
const char* to_string(AnomalyKind kind);

/// A record's place in a partition.
struct RecordLocation {
    kafka::TopicPartition partition;
    kafka::Offset offset{-1};
};

/// An acknowledged record missing from the final committed log of its partition.
struct LostWrite {
    kafka::RecordId record_id = 0;
    std::string producer;
    std::string value;
    kafka::TopicPartition partition;
    /// Where the acknowledgement said it was; -1 with acks=0 or a deduplicated retry.
    kafka::Offset acknowledged_offset{-1};
    sim::Time acknowledged_at{};
    /// When the producer sent it: no replica held it before.
    sim::Time sent_at{};
    /// The record the final log holds at the acknowledged offset, if any (offset re-use).
    std::optional<kafka::RecordId> offset_now_holds;
    /// Consumers that read the record before it vanished, in first-read order.
    std::vector<std::string> seen_by;
    /// Why it was lost (loss_explanation.h); unexplained when the run left no evidence.
    LossCause cause = LossCause::unexplained;

    bool seen() const { return !seen_by.empty(); }
};

/// One record id at more than one offset, in one partition or across partitions.
struct Duplicate {
    kafka::RecordId record_id = 0;
    std::string producer;  // empty for a record the ledger does not know
    std::string value;
    /// Every place the record is, in partition then offset order; at least two.
    std::vector<RecordLocation> locations;
    /// How often the producer sent its batch (attempts > 1: a retry wrote it again).
    std::uint32_t attempts = 0;
};

/// An offset promised to (or read as) one record that now holds another.
struct InconsistentOffset {
    enum class Claim : std::uint8_t {
        acknowledgement,  // a producer was told the record is at `offset`
        delivery,         // a consumer read the record at `offset`
    };
    Claim claim = Claim::acknowledgement;
    /// The producer told, or the first consumer that read it.
    std::string claimed_by;
    kafka::TopicPartition partition;
    kafka::Offset offset{-1};
    kafka::RecordId record_id = 0;
    std::string value;
    /// Where the record is now in the same partition's final log, if anywhere.
    std::optional<kafka::Offset> now_at;
    /// The record the final log holds at `offset` instead.
    kafka::RecordId holder_id = 0;
    std::string holder_value;
};
const char* to_string(InconsistentOffset::Claim claim);

/// Two records of one producer, in one partition, in the opposite of their send order.
struct NonmonotonicSend {
    std::string producer;
    kafka::TopicPartition partition;
    /// Sent first, yet at the higher offset.
    kafka::RecordId sent_first = 0;
    std::uint64_t sent_first_index = 0;  // the producer's send index (SendEntry::producer_sequence)
    kafka::Offset sent_first_offset{-1};
    /// Sent later, yet at the lower offset, right before sent_first among this producer's records.
    kafka::RecordId sent_later = 0;
    std::uint64_t sent_later_index = 0;
    kafka::Offset sent_later_offset{-1};
};

/// A consumer read a record whose send failed.
struct AbortedRead {
    std::string consumer;
    std::string group;
    kafka::RecordId record_id = 0;
    std::string value;
    RecordLocation location;
    kafka::Error send_error = kafka::Error::none;
    /// Whether the record is still in the final committed log (the broker did write it).
    bool in_final_log = false;
};

/// An acknowledged record present in the final log that a group never read.
struct Unseen {
    std::string group;
    kafka::RecordId record_id = 0;
    std::string producer;
    std::string value;
    RecordLocation location;
};

/// A poll-skip or nonmonotonic-poll of one consumer on one partition.
struct PollIssue {
    AnomalyKind kind = AnomalyKind::poll_skip;
    std::string consumer;
    std::string group;
    kafka::TopicPartition partition;
    std::size_t poll = 0;  // index in ConsumptionLog::polls()
    kafka::Offset previous_last{-1};
    kafka::Offset first{-1};
    kafka::Generation previous_generation{-1};
    kafka::Generation generation{-1};
    /// The consumer's assignment changed during the run (a rebalance, revoked or lost
    /// partitions, a new generation): the issue may well be legitimate.
    bool assignment_changed = false;
};

/// What one group consumed.
struct GroupCounts {
    std::vector<std::string> consumers;  // in name order
    std::size_t deliveries = 0;          // records handed to the application, re-deliveries included
    std::size_t distinct_records = 0;
    std::size_t redelivered_records = 0;  // records delivered more than once
    std::size_t unseen = 0;
};

/// What one producer sent and what became of it, so that two producers in one run
/// (acks=1 against acks=all) can be compared.
struct ProducerCounts {
    std::size_t sent = 0;
    std::size_t acknowledged = 0;
    std::size_t failed = 0;
    std::map<kafka::Error, std::size_t> failed_by_error;  // the error the producer gave up with
    std::size_t pending = 0;
    std::size_t lost = 0;  // acknowledged, then gone (its lost-write anomalies)
    /// Send to acknowledgement of its acknowledged records, by nearest rank; unset when
    /// none was acknowledged.
    std::optional<sim::Duration> latency_p50, latency_p99, latency_max;
};

struct CheckCounts {
    std::size_t sent = 0;
    std::size_t acknowledged = 0;
    std::size_t acknowledged_without_offset = 0;  // acks=0: the producer never heard back
    std::size_t failed = 0;
    std::size_t pending = 0;
    /// Distinct ledger records present in the final committed logs.
    std::size_t present_in_logs = 0;
    /// Every record in the final committed logs, duplicates and foreign records included.
    std::size_t records_in_logs = 0;
    std::size_t failed_but_written = 0;   // the producer gave up, the broker had written it
    std::size_t pending_but_written = 0;  // outcome unknown to the producer, yet committed
    /// By group name ("" for consumers without a group), ordered.
    std::map<std::string, GroupCounts> consumed_by_group;
    /// By producer name, ordered.
    std::map<std::string, ProducerCounts> by_producer;
};

struct CheckReport {
    CheckCounts counts;
    std::vector<LostWrite> lost_writes;
    std::vector<Duplicate> duplicates;
    std::vector<InconsistentOffset> inconsistent_offsets;
    std::vector<NonmonotonicSend> nonmonotonic_sends;
    std::vector<AbortedRead> aborted_reads;
    std::vector<Unseen> unseen;
    std::vector<PollIssue> poll_skips;
    std::vector<PollIssue> nonmonotonic_polls;
    /// Why the lost writes were lost, per partition, cause and broker (loss_explanation.h).
    std::vector<LossExplanation> loss_explanations;

    /// How many anomalies of `kind` were found (poll issues: all of them).
    std::size_t count(AnomalyKind kind) const;
    /// Poll issues of `kind` among consumers whose assignment changed (maybe legitimate).
    std::size_t count_after_assignment_change(AnomalyKind kind) const;
    /// Acknowledged data is gone: at least one lost write.
    bool lost_acknowledged_data() const { return !lost_writes.empty(); }
    /// Lost writes by cause, only the causes found.
    std::map<LossCause, std::size_t> lost_by_cause() const;
    /// Nothing a correct run may not show: no lost write, duplicate, inconsistent offset,
    /// nonmonotonic send or unseen record, and poll issues only where assignments
    /// changed. Aborted reads are allowed (the broker may keep what a producer gave up).
    bool clean() const;
};

}  // namespace kafkalab::scenarios
