#include "scenarios/checker/check_report.h"

#include <algorithm>

namespace kafkalab::scenarios {

const char* to_string(AnomalyKind kind) {
    switch (kind) {
        case AnomalyKind::lost_write: return "lost-write";
        case AnomalyKind::duplicate: return "duplicate";
        case AnomalyKind::inconsistent_offsets: return "inconsistent-offsets";
        case AnomalyKind::nonmonotonic_send: return "nonmonotonic-send";
        case AnomalyKind::aborted_read: return "aborted-read";
        case AnomalyKind::unseen: return "unseen";
        case AnomalyKind::poll_skip: return "poll-skip";
        case AnomalyKind::nonmonotonic_poll: return "nonmonotonic-poll";
    }
    return "?";
}

const char* to_string(InconsistentOffset::Claim claim) {
    switch (claim) {
        case InconsistentOffset::Claim::acknowledgement: return "acknowledgement";
        case InconsistentOffset::Claim::delivery: return "delivery";
    }
    return "?";
}

std::size_t CheckReport::count(AnomalyKind kind) const {
    switch (kind) {
        case AnomalyKind::lost_write: return lost_writes.size();
        case AnomalyKind::duplicate: return duplicates.size();
        case AnomalyKind::inconsistent_offsets: return inconsistent_offsets.size();
        case AnomalyKind::nonmonotonic_send: return nonmonotonic_sends.size();
        case AnomalyKind::aborted_read: return aborted_reads.size();
        case AnomalyKind::unseen: return unseen.size();
        case AnomalyKind::poll_skip: return poll_skips.size();
        case AnomalyKind::nonmonotonic_poll: return nonmonotonic_polls.size();
    }
    return 0;
}

std::size_t CheckReport::count_after_assignment_change(AnomalyKind kind) const {
    const std::vector<PollIssue>* issues = kind == AnomalyKind::poll_skip           ? &poll_skips
                                           : kind == AnomalyKind::nonmonotonic_poll ? &nonmonotonic_polls
                                                                                    : nullptr;
    if (!issues) return 0;
    return static_cast<std::size_t>(
        std::count_if(issues->begin(), issues->end(), [](const PollIssue& issue) { return issue.assignment_changed; }));
}

std::map<LossCause, std::size_t> CheckReport::lost_by_cause() const {
    std::map<LossCause, std::size_t> out;
    for (const auto& lost : lost_writes) ++out[lost.cause];
    return out;
}

bool CheckReport::clean() const {
    const bool polls_explained = count_after_assignment_change(AnomalyKind::poll_skip) == poll_skips.size() &&
                                 count_after_assignment_change(AnomalyKind::nonmonotonic_poll) == nonmonotonic_polls.size();
    return lost_writes.empty() && duplicates.empty() && inconsistent_offsets.empty() && nonmonotonic_sends.empty() &&
           unseen.empty() && polls_explained;
}

}  // namespace kafkalab::scenarios
