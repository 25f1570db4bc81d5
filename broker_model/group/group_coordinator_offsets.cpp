// OffsetCommit and OffsetFetch (GroupCoordinator.handleCommitOffsets and
// handleFetchOffsets). A commit is answered once its record is in __consumer_offsets
// on every ISR member; only then does the cache, and so OffsetFetch, see it.
#include "broker_model/group/group_coordinator.h"

namespace kafkalab::kafka {

namespace {

OffsetCommitResults all_failed(const OffsetCommitRequest& request, Error error) {
    OffsetCommitResults results;
    for (const auto& commit : request.offsets) results.emplace_back(commit.partition, error);
    return results;
}

}  // namespace

void GroupCoordinator::handle_commit_offsets(const OffsetCommitRequest& request,
                                             std::function<void(OffsetCommitResults)> done) {
    if (auto error = validate_group_status(request.group_id, true)) return done(all_failed(request, *error));
    GroupPtr group = manager_.get_group(request.group_id);
    if (!group) {
        // Generation -1: a consumer that assigns its partitions itself (assign()) keeps
        // its offsets in Kafka without group management; the group appears, Empty.
        if (request.generation_id.value >= 0) return done(all_failed(request, Error::illegal_generation));
        group = manager_.get_or_maybe_create_group(request.group_id, true);
        RebalanceStep created;
        created.step = RebalanceStep::Step::created_by_offset_commit;
        note(*group, std::move(created));
    }
    do_commit_offsets(group, request, done);
}

std::optional<Error> GroupCoordinator::validate_offset_commit(const GroupMetadata& group,
                                                              const OffsetCommitRequest& request) const {
    if (group.is(GroupState::dead)) return Error::coordinator_not_available;
    bool standalone = request.generation_id.value < 0;
    if (standalone && group.is(GroupState::empty)) return std::nullopt;
    if (!standalone || !request.member_id.empty()) {
        if (auto error = validate_current_member(group, request.member_id)) return error;
        if (request.generation_id != group.generation()) return Error::illegal_generation;
        return std::nullopt;
    }
    // Once the group has members, only they may commit.
    if (!group.is(GroupState::empty)) return Error::unknown_member_id;
    return std::nullopt;
}

void GroupCoordinator::do_commit_offsets(const GroupPtr& group, const OffsetCommitRequest& request,
                                         std::function<void(OffsetCommitResults)>& done) {
    if (auto error = validate_offset_commit(*group, request)) return done(all_failed(request, *error));
    switch (group->state()) {
        case GroupState::empty: return manager_.store_offsets(group, request.offsets, std::move(done));
        case GroupState::stable:
        case GroupState::preparing_rebalance:
            // Commits are allowed during PreparingRebalance: the member learns of the
            // rebalance from its next heartbeat, and may commit what it processed first.
            complete_and_schedule_next_heartbeat_expiration(group, group->get(request.member_id));
            return manager_.store_offsets(group, request.offsets, std::move(done));
        case GroupState::completing_rebalance:
            // The member has the new generation but not its assignment yet.
            return done(all_failed(request, Error::rebalance_in_progress));
        case GroupState::dead: break;
    }
    done(all_failed(request, Error::coordinator_not_available));
}

std::shared_ptr<OffsetFetchResponse> GroupCoordinator::handle_fetch_offsets(const OffsetFetchRequest& request) const {
    auto response = std::make_shared<OffsetFetchResponse>();
    if (auto error = validate_group_status(request.group_id, true)) {
        response->error = *error;
        return response;
    }
    // Answered whatever the group's state: groups without group management commit too.
    response->offsets = manager_.get_offsets(request.group_id, request.partitions);
    return response;
}

}  // namespace kafkalab::kafka
