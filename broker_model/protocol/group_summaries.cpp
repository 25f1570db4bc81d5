// One-line summaries of the group protocol messages, for traces and the event log.
#include <fmt/format.h>

#include "broker_model/protocol/group_requests.h"

namespace kafkalab::kafka {

std::string FindCoordinatorResponse::summary() const {
    if (error != Error::none) return fmt::format("FindCoordinatorResponse {}", error_name(error));
    return fmt::format("FindCoordinatorResponse broker {}", node_id.value);
}

std::string JoinGroupRequest::summary() const {
    return fmt::format("JoinGroup {} member {}", group_id, member_id.empty() ? "(new)" : member_id);
}

std::string JoinGroupResponse::summary() const {
    if (error != Error::none) return fmt::format("JoinGroupResponse {} {}", member_id, error_name(error));
    return fmt::format("JoinGroupResponse generation {} member {} leader {}", generation_id.value, member_id, leader);
}

std::string SyncGroupRequest::summary() const {
    return fmt::format("SyncGroup {} generation {} member {}{}", group_id, generation_id.value, member_id,
                       assignments.empty() ? "" : " (with assignments)");
}

std::string SyncGroupResponse::summary() const {
    if (error != Error::none) return fmt::format("SyncGroupResponse {}", error_name(error));
    std::string parts;
    for (const auto& tp : assignment) parts += (parts.empty() ? "" : " ") + tp.to_string();
    return "SyncGroupResponse assigned [" + parts + "]";
}

std::string HeartbeatResponse::summary() const { return fmt::format("HeartbeatResponse {}", error_name(error)); }

std::string OffsetCommitRequest::summary() const {
    std::string parts;
    for (const auto& o : offsets) parts += fmt::format("{}{}={}", parts.empty() ? "" : " ", o.partition.to_string(), o.offset.value);
    return fmt::format("OffsetCommit {} {}", group_id, parts);
}

std::string OffsetCommitResponse::summary() const {
    std::string parts;
    for (const auto& [tp, error] : results) parts += fmt::format("{}{} {}", parts.empty() ? "" : " ", tp.to_string(), error_name(error));
    return "OffsetCommitResponse " + parts;
}

std::string OffsetFetchResponse::summary() const {
    if (error != Error::none) return fmt::format("OffsetFetchResponse {}", error_name(error));
    std::string parts;
    for (const auto& [tp, offset] : offsets) parts += fmt::format("{}{}={}", parts.empty() ? "" : " ", tp.to_string(), offset.value);
    return "OffsetFetchResponse " + parts;
}

}  // namespace kafkalab::kafka
