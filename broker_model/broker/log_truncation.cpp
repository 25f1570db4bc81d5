#include "broker_model/broker/log_truncation.h"

#include <algorithm>

#include "broker_model/events/record_event.h"

namespace kafkalab::kafka {

void record_truncation(sim::NodeContext& context, const TruncationNote& note) {
    record_event(context, note);
}

bool truncate_and_record(sim::NodeContext& context, PartitionLog& log, const TopicPartition& tp, Offset end_offset,
                         TruncationCause cause, LeaderEpochSource source) {
    const Offset old_log_start = log.log_start_offset();
    const Offset old_log_end = log.log_end_offset();
    if (!log.truncate_to(end_offset)) return false;
    // Below the log start the whole log goes, from its old start.
    record_truncation(context, {tp, context.name(), std::max(end_offset, old_log_start), old_log_end, cause, source});
    return true;
}

}  // namespace kafkalab::kafka
