// The session's view of what went wrong inside the run: records its replicas' logs
// lost (truncations), and a model invariant the simulator itself broke.
#include <fmt/format.h>

#include "viz/model/lab_session.h"

namespace kafkalab::viz {

const std::vector<TruncationMark>& LabSession::truncations() {
    auto replicas = [this](const kafka::TopicPartition& tp) {
        std::vector<const kafka::PartitionLog*> logs;
        if (const PartitionView* partition = snapshot().find_partition(tp)) {
            for (const auto& replica : partition->replicas) logs.push_back(replica_log(replica.host, tp));
        }
        return logs;
    };
    truncations_.catch_up(*log_, run_->ledger(), start_, replicas);
    return truncations_.marks();
}

bool LabSession::run_guarded(const std::function<void()>& body) {
    if (violation_) return false;
    try {
        body();
        return true;
    } catch (const invariants::InvariantViolation& error) {
        violation_ = error.violation();
        snapshot_.reset();
        EventEntry entry;
        entry.event_number = violation_->event_number;
        entry.time = violation_->time - start_;
        entry.category = EventCategory::other;
        entry.kind = "invariant-violation";
        entry.text = fmt::format("{} (a simulator bug: the run stops here)", violation_->to_string());
        log_->note(std::move(entry));
        return false;
    }
}

}  // namespace kafkalab::viz
