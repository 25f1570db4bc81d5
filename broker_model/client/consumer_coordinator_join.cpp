// ConsumerCoordinator: joining the group (JoinGroup, KIP-394), the leader's assignment,
// SyncGroup, and what a member does with its new assignment.
#include <algorithm>
#include <set>
#include <stdexcept>

#include "broker_model/client/consumer_coordinator.h"

namespace kafkalab::kafka {
namespace {

std::int32_t to_ms(sim::Duration d) {
    return static_cast<std::int32_t>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

/// AbstractCoordinator.JOIN_GROUP_TIMEOUT_LAPSE: a JoinGroup may be held for the whole
/// rebalance timeout, so the client waits that long and a little more.
constexpr sim::Duration join_group_timeout_lapse = std::chrono::seconds(5);

std::vector<TopicPartition> minus(const std::vector<TopicPartition>& a, const std::vector<TopicPartition>& b) {
    std::vector<TopicPartition> out;
    for (const auto& tp : a) {
        if (std::find(b.begin(), b.end(), tp) == b.end()) out.push_back(tp);
    }
    return out;
}

}  // namespace

RebalanceProtocol ConsumerCoordinator::protocol() const {
    std::vector<const Assignor*> assignors;
    for (const auto& a : assignors_) assignors.push_back(a.get());
    return common_rebalance_protocol(assignors).value_or(RebalanceProtocol::eager);
}

bool ConsumerCoordinator::join_needed() const {
    return !join_in_progress_ && (rejoin_needed_ || state_ == MemberState::unjoined);
}

void ConsumerCoordinator::start_join() {
    join_in_progress_ = true;
    rejoin_needed_ = false;
    // onJoinPrepare: with auto-commit, commit what was consumed first, while the
    // generation is still valid; a member that lost its generation cannot commit.
    auto consumed = subscriptions_.all_consumed();
    if (config_.auto_commit_enabled() && !generation_lost_ && state_ == MemberState::stable && !consumed.empty()) {
        std::uint64_t epoch = epoch_;
        commit_async(std::move(consumed), true, [this, epoch](Error) {
            if (epoch == epoch_ && join_in_progress_) prepare_and_join();
        });
        return;
    }
    prepare_and_join();
}

void ConsumerCoordinator::prepare_and_join() {
    // onJoinPrepare: only the leader of the coming generation watches the group's topics.
    group_subscription_.clear();
    awaiting_metadata_for_.reset();
    if (generation_lost_) {
        lose_partitions();
    } else if (protocol() == RebalanceProtocol::eager && !subscriptions_.assignment().empty()) {
        // Eager: give everything back before rejoining (onPartitionsRevoked).
        partitions_revoked_ += subscriptions_.assignment().size();
        subscriptions_.assign_from_group({});
        notify();
    }
    send_join_group();
}

void ConsumerCoordinator::lose_partitions() {
    // onPartitionsLost: the partitions may already belong to someone else, so nothing
    // is committed for them.
    generation_lost_ = false;
    if (!subscriptions_.assignment().empty()) {
        partitions_lost_ += subscriptions_.assignment().size();
        subscriptions_.assign_from_group({});
        notify();
    }
}

void ConsumerCoordinator::send_join_group() {
    if (!coordinator_) return fail_join(Error::coordinator_not_available);
    state_ = MemberState::preparing_rebalance;
    auto request = std::make_shared<JoinGroupRequest>();
    request->group_id = identity_.group_id;
    request->session_timeout_ms = to_ms(config_.session_timeout);
    request->rebalance_timeout_ms = to_ms(config_.max_poll_interval);
    request->member_id = member_id_;
    request->client_id = identity_.client_id;
    request->client_host = "/" + context_.name();
    for (const auto& assignor : assignors_) {
        // ConsumerProtocolSubscription: topics, owned partitions and their generation.
        request->protocols.push_back({std::string(assignor->name()), subscriptions_.topics(),
                                      subscriptions_.assigned_partitions(), generation_.value});
    }
    auto alive = alive_;
    std::uint64_t epoch = epoch_;
    sim::Duration timeout = std::max(config_.request_timeout, config_.max_poll_interval + join_group_timeout_lapse);
    network_.send(coordinator_->node, request, timeout, [this, alive, epoch](Error error, const sim::MessagePtr& response) {
        if (*alive) on_join_response(epoch, error, response);
    });
    notify();
}

void ConsumerCoordinator::on_join_response(std::uint64_t epoch, Error error, const sim::MessagePtr& response) {
    if (epoch != epoch_ || !join_in_progress_) return;
    if (error == Error::none) error = message_as<JoinGroupResponse>(*response).error;
    if (error == Error::member_id_required) {
        // KIP-394: the coordinator named us; join again at once with that id.
        member_id_ = message_as<JoinGroupResponse>(*response).member_id;
        return send_join_group();
    }
    if (error != Error::none) return fail_join(error);
    const auto& answer = message_as<JoinGroupResponse>(*response);
    generation_ = answer.generation_id;
    member_id_ = answer.member_id;
    leader_id_ = answer.leader;
    protocol_name_ = answer.protocol_name;
    state_ = MemberState::completing_rebalance;
    // The heartbeat thread starts with the new generation.
    last_heartbeat_received_ = now();
    next_heartbeat_ = now() + config_.heartbeat_interval;
    schedule_heartbeat_tick(config_.heartbeat_interval);
    if (is_leader()) return on_leader_elected(response);
    send_sync_group({});
}

void ConsumerCoordinator::on_leader_elected(const sim::MessagePtr& response) {
    // ConsumerCoordinator.onLeaderElected / updateGroupSubscription: the leader subscribes
    // its metadata to every member's topics and assigns only once an answer covering
    // them is in; assigning with the counts it happens to know would leave the topics
    // only other members read unassigned.
    for (const auto& m : message_as<JoinGroupResponse>(*response).members) {
        group_subscription_.insert(m.metadata.topics.begin(), m.metadata.topics.end());
    }
    for (const auto& topic : group_subscription_) metadata_.add_topic(topic);
    if (!metadata_covers_group_subscription()) {
        awaiting_metadata_for_ = response;  // on_metadata_update() carries on
        return;
    }
    send_sync_group(perform_assignment(message_as<JoinGroupResponse>(*response)));
}

bool ConsumerCoordinator::metadata_covers_group_subscription() const {
    // Every topic has been asked about: known, or answered with an error (unknown).
    std::set<std::string> answered;
    for (const auto& topic : metadata_.last().topics) answered.insert(topic.name);
    return std::all_of(group_subscription_.begin(), group_subscription_.end(),
                       [&](const std::string& topic) { return answered.contains(topic); });
}

void ConsumerCoordinator::fail_join(Error error) {
    join_in_progress_ = false;
    rejoin_needed_ = true;
    if (state_ != MemberState::stable || generation_lost_) state_ = MemberState::unjoined;
    next_join_attempt_ = now() + config_.retry_backoff;
    if (is_coordinator_error(error) || error == Error::coordinator_load_in_progress) {
        mark_coordinator_unknown();
    } else if (error == Error::unknown_member_id || error == Error::illegal_generation) {
        reset_generation();
        next_join_attempt_ = now();  // rejoin at once, as a new member
    } else if (error == Error::rebalance_in_progress) {
        next_join_attempt_ = now();
    } else if (!is_retriable(error)) {
        // INCONSISTENT_GROUP_PROTOCOL, GROUP_MAX_SIZE_REACHED, INVALID_SESSION_TIMEOUT...:
        // the Java client throws them to the application, which stops.
        fatal_error_ = error;
    }
    notify();
}

PartitionCounts ConsumerCoordinator::subscribed_counts(const std::vector<std::string>& topics) const {
    PartitionCounts counts;
    for (const auto& topic : topics) {
        if (auto n = metadata_.partition_count(topic)) counts[topic] = *n;
    }
    return counts;
}

std::map<std::string, std::vector<TopicPartition>> ConsumerCoordinator::perform_assignment(
    const JoinGroupResponse& response) {
    // ConsumerCoordinator.onLeaderElected: run the chosen assignor over every member's
    // subscription, with partition counts from this member's metadata.
    std::vector<GroupMember> members;
    for (const auto& m : response.members) {
        GroupMember member{m.member_id, std::nullopt, m.metadata.topics, m.metadata.owned_partitions, std::nullopt};
        if (m.metadata.generation >= 0) member.generation = Generation{m.metadata.generation};
        members.push_back(std::move(member));
    }
    PartitionCounts counts = subscribed_counts({group_subscription_.begin(), group_subscription_.end()});
    assignment_snapshot_ = counts;
    std::unique_ptr<Assignor> assignor;
    try {
        assignor = make_assignor(response.protocol_name);
    } catch (const std::invalid_argument&) {
        return {};  // a protocol this member does not know: the coordinator never picks one
    }
    return assignor->assign(counts, members);
}

void ConsumerCoordinator::send_sync_group(std::map<std::string, std::vector<TopicPartition>> assignments) {
    if (!coordinator_) return fail_join(Error::coordinator_not_available);
    auto request = std::make_shared<SyncGroupRequest>();
    request->group_id = identity_.group_id;
    request->generation_id = generation_;
    request->member_id = member_id_;
    request->assignments = std::move(assignments);
    auto alive = alive_;
    std::uint64_t epoch = epoch_;
    network_.send(coordinator_->node, request, config_.request_timeout,
                  [this, alive, epoch](Error error, const sim::MessagePtr& response) {
                      if (*alive) on_sync_response(epoch, error, response);
                  });
}

void ConsumerCoordinator::on_sync_response(std::uint64_t epoch, Error error, const sim::MessagePtr& response) {
    if (epoch != epoch_ || !join_in_progress_) return;
    if (error == Error::none) error = message_as<SyncGroupResponse>(*response).error;
    if (error != Error::none) return fail_join(error);
    on_join_complete(message_as<SyncGroupResponse>(*response).assignment);
}

void ConsumerCoordinator::on_join_complete(const std::vector<TopicPartition>& assigned) {
    join_in_progress_ = false;
    state_ = MemberState::stable;
    ++completed_rebalances_;
    const auto owned = subscriptions_.assigned_partitions();
    const auto revoked = minus(owned, assigned);
    partitions_revoked_ += revoked.size();
    // Kept partitions keep their positions; new ones will fetch their committed offsets.
    subscriptions_.assign_from_group(assigned);
    // KIP-429: a cooperative member that gave partitions up rejoins, so that the
    // follow-up rebalance can hand them to their new owner.
    if (protocol() == RebalanceProtocol::cooperative && !revoked.empty()) rejoin_needed_ = true;
    // The leader rejoins if the metadata moved while it assigned.
    if (metadata_changed_since_assignment()) rejoin_needed_ = true;
    notify();
}

bool ConsumerCoordinator::metadata_changed_since_assignment() const {
    if (!is_leader() || !assignment_snapshot_) return false;
    // MetadataSnapshot covers the group subscription, unknown topics included: one that
    // appears later changes the snapshot.
    std::set<std::string> topics = group_subscription_;
    topics.insert(subscriptions_.topics().begin(), subscriptions_.topics().end());
    return subscribed_counts({topics.begin(), topics.end()}) != *assignment_snapshot_;
}

void ConsumerCoordinator::on_metadata_update() {
    if (awaiting_metadata_for_ && metadata_covers_group_subscription()) {
        auto response = std::move(awaiting_metadata_for_);
        awaiting_metadata_for_.reset();
        if (join_in_progress_ && coordinator_) {
            send_sync_group(perform_assignment(message_as<JoinGroupResponse>(*response)));
        }
        return;
    }
    if (state_ == MemberState::stable && metadata_changed_since_assignment()) rejoin_needed_ = true;
}

}  // namespace kafkalab::kafka
