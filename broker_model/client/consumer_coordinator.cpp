// ConsumerCoordinator: the application thread's entry point, coordinator discovery,
// the heartbeat thread and leaving the group. Join and sync live in
// consumer_coordinator_join.cpp, commits and committed offsets in
// consumer_coordinator_offsets.cpp.
#include "broker_model/client/consumer_coordinator.h"

#include <algorithm>
#include <stdexcept>

#include "sim/simulation.h"

namespace kafkalab::kafka {

ConsumerCoordinator::ConsumerCoordinator(sim::NodeContext& context, NetworkClient& network, ClientMetadata& metadata,
                                         SubscriptionState& subscriptions, const ConsumerConfig& config,
                                         CoordinatorIdentity identity, std::shared_ptr<ConsumptionLog> log)
    : context_(context), network_(network), metadata_(metadata), subscriptions_(subscriptions), config_(config),
      identity_(std::move(identity)), log_(std::move(log)) {
    // ConsumerConfig::validate() is the place to report bad names; here they are skipped.
    for (const auto& name : config_.partition_assignment_strategy) {
        try {
            assignors_.push_back(make_assignor(name));
        } catch (const std::invalid_argument&) {
        }
    }
    next_auto_commit_ = now() + config_.auto_commit_interval;
    last_poll_ = now();
}

ConsumerCoordinator::~ConsumerCoordinator() {
    *alive_ = false;
    context_.cancel_timer(heartbeat_timer_);
}

void ConsumerCoordinator::notify() {
    if (listener_) listener_();
}

void ConsumerCoordinator::poll() {
    last_poll_ = now();  // Heartbeat.poll: the application is alive
    if (closing_ || fatal_error_ != Error::none) return;
    if (subscriptions_.mode() == SubscriptionState::Mode::subscribed && join_needed()) {
        // ensureActiveGroup: coordinator first, then the join; the first join also
        // waits for metadata, so the leader can count partitions.
        if (ensure_coordinator() && metadata_.updates() > 0 && now() >= next_join_attempt_) start_join();
    }
    maybe_auto_commit();
    refresh_committed_offsets();
}

bool ConsumerCoordinator::has_stable_assignment() const {
    if (subscriptions_.mode() != SubscriptionState::Mode::subscribed) return true;
    // Cooperative members keep fetching what they own while rejoining (KIP-429).
    return state_ == MemberState::stable || (protocol() == RebalanceProtocol::cooperative && !generation_lost_);
}

bool ConsumerCoordinator::rebalancing() const {
    if (subscriptions_.mode() != SubscriptionState::Mode::subscribed) return false;
    return state_ != MemberState::stable || rejoin_needed_ || join_in_progress_;
}

std::optional<BrokerId> ConsumerCoordinator::coordinator_id() const {
    if (!coordinator_) return std::nullopt;
    return coordinator_->id;
}

void ConsumerCoordinator::freeze_until(sim::Time until) {
    frozen_until_ = std::max(frozen_until_, until);
}

void ConsumerCoordinator::on_disconnect(sim::NodeIndex peer) {
    if (coordinator_ && coordinator_->node == peer) mark_coordinator_unknown();
}

// --- Coordinator discovery ---------------------------------------------------------

bool ConsumerCoordinator::ensure_coordinator() {
    if (coordinator_) return true;
    if (finding_coordinator_ || now() < next_find_attempt_) return false;
    auto node = metadata_.any_node();
    if (!node) return false;
    auto request = std::make_shared<FindCoordinatorRequest>();
    request->key = identity_.group_id;
    finding_coordinator_ = true;
    auto alive = alive_;
    network_.send(*node, request, config_.request_timeout, [this, alive](Error error, const sim::MessagePtr& response) {
        if (*alive) on_find_coordinator(error, response);
    });
    return false;
}

void ConsumerCoordinator::on_find_coordinator(Error error, const sim::MessagePtr& response) {
    finding_coordinator_ = false;
    if (error == Error::none) error = message_as<FindCoordinatorResponse>(*response).error;
    std::optional<sim::NodeIndex> node;
    if (error == Error::none) {
        const auto& answer = message_as<FindCoordinatorResponse>(*response);
        node = context_.simulation().find_node(answer.host);
        if (node) coordinator_ = Coordinator{answer.node_id, *node};
    }
    if (!node) {
        // COORDINATOR_NOT_AVAILABLE while __consumer_offsets has no leader: ask again
        // after retry.backoff.ms, perhaps another broker.
        next_find_attempt_ = now() + config_.retry_backoff;
        return;
    }
    last_heartbeat_received_ = now();
    notify();
}

void ConsumerCoordinator::mark_coordinator_unknown() {
    if (!coordinator_) return;
    // AbstractCoordinator.markCoordinatorUnknown: forget it and drop what was sent to
    // it; a join under way has to start over with the new coordinator.
    coordinator_.reset();
    ++epoch_;
    heartbeat_in_flight_ = false;
    if (join_in_progress_) {
        join_in_progress_ = false;
        rejoin_needed_ = true;
        if (state_ != MemberState::stable) state_ = MemberState::unjoined;
    }
    next_find_attempt_ = now() + config_.retry_backoff;
}

bool ConsumerCoordinator::is_coordinator_error(Error error) const {
    return error == Error::coordinator_not_available || error == Error::not_coordinator ||
           error == Error::network_exception || error == Error::request_timed_out;
}

// --- Heartbeat thread --------------------------------------------------------------

void ConsumerCoordinator::schedule_heartbeat_tick(sim::Duration delay) {
    if (heartbeat_scheduled_) context_.cancel_timer(heartbeat_timer_);
    heartbeat_scheduled_ = true;
    auto alive = alive_;
    heartbeat_timer_ = context_.set_timer(delay, "consumer heartbeat thread", [this, alive] {
        if (!*alive) return;
        heartbeat_scheduled_ = false;
        heartbeat_tick();
    });
}

void ConsumerCoordinator::heartbeat_tick() {
    // Only a member that joined heartbeats (HeartbeatThread: disabled while UNJOINED or
    // PREPARING_REBALANCE).
    if (closing_ || (state_ != MemberState::stable && state_ != MemberState::completing_rebalance)) return;
    if (now() < frozen_until_) return schedule_heartbeat_tick(frozen_until_ - now());
    if (!coordinator_) {
        ensure_coordinator();
        return schedule_heartbeat_tick(config_.retry_backoff);
    }
    if (now() - last_heartbeat_received_ > config_.session_timeout) {
        // Heartbeat.sessionTimeoutExpired: the coordinator went silent; find it again.
        mark_coordinator_unknown();
        return schedule_heartbeat_tick(config_.retry_backoff);
    }
    if (now() - last_poll_ > config_.max_poll_interval) {
        // KIP-62: the application stopped polling; give its partitions to others.
        leave_group("consumer poll timeout has expired", {});
        return;
    }
    if (now() >= next_heartbeat_ && !heartbeat_in_flight_) send_heartbeat();
    sim::Time wake = std::min({next_heartbeat_, last_poll_ + config_.max_poll_interval + sim::Duration{1},
                               last_heartbeat_received_ + config_.session_timeout + sim::Duration{1}});
    schedule_heartbeat_tick(std::max(wake - now(), sim::Duration{std::chrono::milliseconds(1)}));
}

void ConsumerCoordinator::send_heartbeat() {
    auto request = std::make_shared<HeartbeatRequest>();
    request->group_id = identity_.group_id;
    request->generation_id = generation_;
    request->member_id = member_id_;
    heartbeat_in_flight_ = true;
    next_heartbeat_ = now() + config_.heartbeat_interval;
    auto alive = alive_;
    std::uint64_t epoch = epoch_;
    network_.send(coordinator_->node, request, config_.request_timeout,
                  [this, alive, epoch](Error error, const sim::MessagePtr& response) {
                      if (*alive) on_heartbeat_response(epoch, error, response);
                  });
}

void ConsumerCoordinator::on_heartbeat_response(std::uint64_t epoch, Error error, const sim::MessagePtr& response) {
    if (epoch != epoch_) return;  // sent to a coordinator or membership we dropped
    heartbeat_in_flight_ = false;
    if (error == Error::none) error = message_as<HeartbeatResponse>(*response).error;
    if (is_coordinator_error(error)) {
        mark_coordinator_unknown();
    } else if (error == Error::illegal_generation || error == Error::unknown_member_id) {
        // Fenced: the coordinator gave our partitions away (a session timeout, say).
        reset_generation();
        notify();
    } else {
        // None, or REBALANCE_IN_PROGRESS: either way the coordinator is alive.
        last_heartbeat_received_ = now();
        if (error == Error::rebalance_in_progress && state_ == MemberState::stable) {
            rejoin_needed_ = true;  // the application thread rejoins at its next poll
            notify();
        }
    }
}

void ConsumerCoordinator::reset_generation() {
    // AbstractCoordinator.resetGenerationOnResponseError / resetGenerationOnLeaveGroup.
    generation_ = Generation{-1};
    member_id_.clear();
    leader_id_.clear();
    state_ = MemberState::unjoined;
    rejoin_needed_ = true;
    generation_lost_ = true;
    join_in_progress_ = false;
    assignment_snapshot_.reset();
    ++epoch_;
    heartbeat_in_flight_ = false;
}

void ConsumerCoordinator::leave_group(const char* /*reason*/, std::function<void()> done) {
    // AbstractCoordinator.maybeLeaveGroup: only a member with an id has anything to leave.
    if (!coordinator_ || member_id_.empty() || state_ == MemberState::unjoined) {
        reset_generation();
        if (done) done();
        return;
    }
    auto request = std::make_shared<LeaveGroupRequest>();
    request->group_id = identity_.group_id;
    request->member_id = member_id_;
    sim::NodeIndex node = coordinator_->node;
    reset_generation();
    notify();
    auto alive = alive_;
    network_.send(node, request, config_.request_timeout, [alive, done](Error, const sim::MessagePtr&) {
        if (*alive && done) done();
    });
}

void ConsumerCoordinator::close(std::function<void()> done) {
    if (closing_) return;
    auto leave = [this, done] {
        closing_ = true;
        if (subscriptions_.mode() == SubscriptionState::Mode::subscribed) {
            leave_group("the consumer is being closed", done);
        } else if (done) {
            done();
        }
    };
    // ConsumerCoordinator.close: a last synchronous auto-commit, unless the member has
    // already lost its partitions (the commit would be refused).
    auto consumed = subscriptions_.all_consumed();
    if (config_.auto_commit_enabled() && !consumed.empty() && !generation_lost_) {
        commit_sync(std::move(consumed), true, [leave](Error) { leave(); });
        closing_ = true;
        return;
    }
    leave();
}

}  // namespace kafkalab::kafka
