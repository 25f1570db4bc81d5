#pragma once
// Truncations a student should see: every cut of a replica's log that removes records
// becomes a "truncate" trace record (log/truncation_note.h says what it holds).
#include "broker_model/common/types.h"
#include "broker_model/log/partition_log.h"
#include "broker_model/log/truncation_note.h"
#include "sim/node.h"

namespace kafkalab::kafka {

/// Adds `note` to the trace as a notable "truncate" record from `context`'s host.
void record_truncation(sim::NodeContext& context, const TruncationNote& note);

/// PartitionLog::truncate_to, noted in the trace when records went. Returns whether they did.
bool truncate_and_record(sim::NodeContext& context, PartitionLog& log, const TopicPartition& tp, Offset end_offset,
                         TruncationCause cause,
                         LeaderEpochSource source = LeaderEpochSource::offsets_for_leader_epoch);

}  // namespace kafkalab::kafka
