#pragma once
// Everything the checker judges, as plain data: what every producer was told (the send
// ledger), what every partition finally holds (its committed log), and what every
// consumer read (the consumption log). Once built, a CheckInput no longer refers to a
// simulation, so a test can write one by hand and a scenario can check a finished run
// after the cluster is gone.
//
// "The committed log" of a partition is what a consumer could still read at the end:
// the records in [log start offset, high watermark) of one replica. Which replica is
// decided by the builder (see committed_logs.h); a hand-built log says so in `source`.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "broker_model/client/consumption_log.h"
#include "broker_model/client/send_ledger.h"
#include "broker_model/common/types.h"
#include "broker_model/log/partition_log.h"
#include "scenarios/checker/loss_evidence.h"

namespace kafkalab::scenarios {

/// One record of a committed log.
struct CommittedRecord {
    kafka::Offset offset{-1};
    kafka::RecordId record_id = 0;
    /// The value's bytes; empty for a synthetic value.
    std::string value;
};

/// Which replica a committed log was read from.
enum class LogSource : std::uint8_t {
    leader,                  // the partition's current leader (the highest leader epoch among live leaders)
    highest_high_watermark,  // no live leader: the replica with the highest high watermark
    hand_built,              // written by a test or a tool, not read from a broker
};
const char* to_string(LogSource source);

/// The final committed log of one partition.
struct CommittedLog {
    kafka::TopicPartition partition;
    /// The node name of the replica read ("broker-2"); empty when hand-built.
    std::string broker;
    LogSource source = LogSource::hand_built;
    kafka::Offset log_start_offset{0};
    /// Exclusive bound of `records`. Invariant: records cover exactly
    /// [log_start_offset, high_watermark), one record per offset, in offset order.
    kafka::Offset high_watermark{0};
    std::vector<CommittedRecord> records;

    /// The record at `offset`, or null when the offset lies outside the committed range.
    const CommittedRecord* at(kafka::Offset offset) const;
    /// Appends a record at the high watermark and moves it up by one (for hand-built logs).
    void append(kafka::RecordId record_id, std::string value = {});
};

/// Copies the committed part [log start, high watermark) of `log`.
CommittedLog committed_log_of(const kafka::PartitionLog& log, const kafka::TopicPartition& partition,
                              std::string broker, LogSource source);

struct CheckInput {
    /// Every send of every producer, with its outcome.
    kafka::SendLedger ledger;
    /// The final committed log of every partition, by partition (ordered for determinism).
    std::map<kafka::TopicPartition, CommittedLog> logs;
    /// Every record every consumer received, every poll and every commit.
    kafka::ConsumptionLog consumption;
    /// What the run did that can lose acknowledged records, to say why it did; empty
    /// evidence explains no loss.
    LossEvidence evidence;

    /// The log of `partition`, created empty (hand-built) on first use.
    CommittedLog& log(const kafka::TopicPartition& partition);
    /// The log of `partition`, or null when the input has none.
    const CommittedLog* find_log(const kafka::TopicPartition& partition) const;
};

}  // namespace kafkalab::scenarios
