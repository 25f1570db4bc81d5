#include "group/scripted_member.h"

#include <algorithm>

#include "sim/simulation.h"

namespace kafkalab::kafka::testing {

namespace {
constexpr sim::Duration retry_backoff = 100ms;   // retry.backoff.ms
constexpr sim::Duration request_timeout = 30s;  // request.timeout.ms
}  // namespace

void ScriptedMember::later(sim::Duration delay, std::function<void()> step) {
    std::uint64_t at_step = script_step_;
    context().set_timer(delay, "scripted member", [this, at_step, step = std::move(step)] {
        if (at_step == script_step_) step();
    });
}

void ScriptedMember::start() {
    ++script_step_;
    find_coordinator();
}

void ScriptedMember::leave() {
    ++script_step_;
    synced_ = false;
    if (coordinator_ == sim::no_node || member_id_.empty()) return;
    auto request = std::make_shared<LeaveGroupRequest>();
    request->group_id = options_.group_id;
    request->member_id = member_id_;
    network_.send(coordinator_, request, request_timeout, [](Error, const sim::MessagePtr&) {});
}

void ScriptedMember::subscribe(std::vector<std::string> topics) {
    options_.topics = std::move(topics);
    ++script_step_;
    synced_ = false;
    join();
}

std::vector<GroupProtocol> ScriptedMember::protocols() const {
    std::vector<GroupProtocol> list;
    // Eager members give up everything before rejoining; cooperative ones (KIP-429)
    // say what they own, so the assignor can keep it where it is.
    for (const auto& name : options_.protocols) {
        bool cooperative = name == "cooperative-sticky";
        list.push_back({name, options_.topics, cooperative ? assignment_ : std::vector<TopicPartition>{},
                        generation_.value});
    }
    return list;
}

bool ScriptedMember::rediscover_on(Error error) {
    bool lost = error == Error::not_coordinator || error == Error::coordinator_not_available ||
                error == Error::coordinator_load_in_progress || error == Error::network_exception ||
                error == Error::request_timed_out;
    if (!lost) return false;
    ++script_step_;
    coordinator_ = sim::no_node;
    later(retry_backoff, [this] { find_coordinator(); });
    return true;
}

void ScriptedMember::find_coordinator() {
    auto bootstrap = context().simulation().find_node(options_.bootstrap);
    auto request = std::make_shared<FindCoordinatorRequest>();
    request->key = options_.group_id;
    std::uint64_t at_step = script_step_;
    network_.send(*bootstrap, request, request_timeout, [this, at_step](Error error, const sim::MessagePtr& message) {
        if (at_step != script_step_) return;
        if (error == Error::none) error = message_as<FindCoordinatorResponse>(*message).error;
        if (error != Error::none) return later(retry_backoff, [this] { find_coordinator(); });
        const auto& response = message_as<FindCoordinatorResponse>(*message);
        coordinator_ = *context().simulation().find_node(response.host);
        coordinator_id_ = response.node_id;
        // Known members go back to heartbeating; the others (re)join.
        if (synced_) return heartbeat();
        join();
    });
}

void ScriptedMember::join() {
    synced_ = false;
    auto request = std::make_shared<JoinGroupRequest>();
    request->group_id = options_.group_id;
    request->session_timeout_ms = options_.session_timeout_ms;
    request->rebalance_timeout_ms = options_.rebalance_timeout_ms;
    request->member_id = member_id_;
    request->client_id = options_.client_id;
    request->client_host = "/" + context().name();
    request->protocols = protocols();
    std::uint64_t at_step = script_step_;
    // The Java client waits for a JoinGroup the rebalance timeout plus 5 s.
    auto timeout = std::chrono::milliseconds(options_.rebalance_timeout_ms) + 5s;
    network_.send(coordinator_, request, timeout, [this, at_step](Error error, const sim::MessagePtr& message) {
        if (at_step != script_step_) return;
        if (error != Error::none) {
            rediscover_on(error);
            return;
        }
        on_join(message_as<JoinGroupResponse>(*message));
    });
}

void ScriptedMember::on_join(const JoinGroupResponse& response) {
    if (response.error != Error::none) join_errors_.push_back(response.error);
    switch (response.error) {
        case Error::none: break;
        case Error::member_id_required:
            member_id_ = response.member_id;
            return join();
        case Error::unknown_member_id:
            member_id_.clear();
            return later(retry_backoff, [this] { join(); });
        case Error::rebalance_in_progress:
        case Error::illegal_generation: return later(retry_backoff, [this] { join(); });
        default:
            if (!rediscover_on(response.error)) fatal_error_ = response.error;
            return;
    }
    member_id_ = response.member_id;
    generation_ = response.generation_id;
    leader_ = response.leader;
    protocol_ = response.protocol_name;
    sync(is_leader() ? assign(response) : std::map<std::string, std::vector<TopicPartition>>{});
}

std::map<std::string, std::vector<TopicPartition>> ScriptedMember::assign(const JoinGroupResponse& response) const {
    std::vector<GroupMember> members;
    for (const auto& m : response.members) {
        members.push_back({m.member_id, std::nullopt, m.metadata.topics, m.metadata.owned_partitions,
                           m.metadata.generation < 0 ? std::nullopt : std::optional<Generation>(Generation{m.metadata.generation})});
    }
    return make_assignor(response.protocol_name)->assign(options_.partitions, members);
}

void ScriptedMember::sync(std::map<std::string, std::vector<TopicPartition>> assignments) {
    auto request = std::make_shared<SyncGroupRequest>();
    request->group_id = options_.group_id;
    request->generation_id = generation_;
    request->member_id = member_id_;
    request->assignments = std::move(assignments);
    std::uint64_t at_step = script_step_;
    network_.send(coordinator_, request, request_timeout, [this, at_step](Error error, const sim::MessagePtr& message) {
        if (at_step != script_step_) return;
        if (error != Error::none) {
            rediscover_on(error);
            return;
        }
        on_sync(message_as<SyncGroupResponse>(*message));
    });
}

void ScriptedMember::on_sync(const SyncGroupResponse& response) {
    switch (response.error) {
        case Error::none: {
            // KIP-429: a cooperative member that had to give partitions up rejoins at
            // once, so that a follow-up rebalance hands them to their new owners.
            bool revoked = false;
            for (const auto& tp : assignment_) {
                if (std::find(response.assignment.begin(), response.assignment.end(), tp) == response.assignment.end()) {
                    revoked = true;
                }
            }
            assignment_ = response.assignment;
            synced_ = true;
            ++completed_rebalances_;
            if (revoked && protocol_ == "cooperative-sticky") {
                ++script_step_;
                return join();
            }
            return later(options_.heartbeat_interval, [this] { heartbeat(); });
        }
        case Error::unknown_member_id:
            member_id_.clear();
            [[fallthrough]];
        case Error::rebalance_in_progress:
        case Error::illegal_generation: return later(retry_backoff, [this] { join(); });
        default:
            if (!rediscover_on(response.error)) fatal_error_ = response.error;
    }
}

void ScriptedMember::heartbeat() {
    auto request = std::make_shared<HeartbeatRequest>();
    request->group_id = options_.group_id;
    request->generation_id = generation_;
    request->member_id = member_id_;
    std::uint64_t at_step = script_step_;
    network_.send(coordinator_, request, request_timeout, [this, at_step](Error error, const sim::MessagePtr& message) {
        if (at_step != script_step_) return;
        if (error == Error::none) error = message_as<HeartbeatResponse>(*message).error;
        on_heartbeat(error);
    });
}

void ScriptedMember::on_heartbeat(Error error) {
    if (error != Error::none) heartbeat_errors_.push_back(error);
    switch (error) {
        case Error::none: return later(options_.heartbeat_interval, [this] { heartbeat(); });
        case Error::unknown_member_id:
            member_id_.clear();
            [[fallthrough]];
        case Error::rebalance_in_progress:
        case Error::illegal_generation:
            ++script_step_;
            synced_ = false;
            return join();
        default:
            if (!rediscover_on(error)) fatal_error_ = error;
    }
}

}  // namespace kafkalab::kafka::testing
