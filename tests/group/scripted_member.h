#pragma once
// A scripted consumer-group member for the coordinator's tests: a node that speaks the
// classic protocol directly, the way Kafka's AbstractCoordinator does it, without the
// rest of a consumer. It finds the coordinator, joins (redoing the join with the id
// KIP-394 hands out), syncs (assigning as leader with the group's assignor), then
// heartbeats every heartbeat.interval.ms and rejoins whenever the coordinator says so.
//
//   find coordinator ──> join ──> sync ──> heartbeating ──REBALANCE_IN_PROGRESS──> join
//          ^               NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, network errors │
//          └──────────────────────────────────────────────────────────────────────────┘
//
// The test script can make it hang (stop_heartbeating), leave cleanly, or change its
// subscription; everything it saw is kept for assertions.
#include <map>
#include <string>
#include <vector>

#include "broker_model/client/assignor.h"
#include "broker_model/protocol/group_requests.h"
#include "broker_model/protocol/network_client.h"
#include "sim/node.h"

namespace kafkalab::kafka::testing {

using namespace std::chrono_literals;

struct MemberOptions {
    std::string group_id = "analytics";
    std::string client_id = "consumer";
    std::vector<std::string> topics{"payments"};
    std::vector<std::string> protocols{"range"};  // partition.assignment.strategy, preferred first
    std::int32_t session_timeout_ms = 45'000;     // session.timeout.ms (3.x default)
    std::int32_t rebalance_timeout_ms = 300'000;  // max.poll.interval.ms
    sim::Duration heartbeat_interval = 3s;        // heartbeat.interval.ms
    std::string bootstrap = "broker-1";
    /// What the leader's metadata says of each topic (for its assignment).
    PartitionCounts partitions{{"payments", 6}};
};

class ScriptedMember final : public sim::Node {
public:
    ScriptedMember(sim::NodeContext& context, MemberOptions options)
        : sim::Node(context), options_(std::move(options)), network_(context) {}

    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override { network_.on_response(from, message); }
    void on_disconnect(sim::NodeIndex peer) override { network_.on_disconnect(peer); }

    // --- Script ---------------------------------------------------------------------
    /// Finds the coordinator and joins the group; from then on it lives on its own.
    void start();
    /// The process hangs: it sends nothing more (the coordinator's session timeout is
    /// what notices).
    void stop_heartbeating() { ++script_step_; }
    /// LeaveGroup, then silence (what close() does).
    void leave();
    /// A new subscription: the member rejoins with new metadata.
    void subscribe(std::vector<std::string> topics);

    // --- What it saw ---------------------------------------------------------------
    const std::string& member_id() const { return member_id_; }
    Generation generation() const { return generation_; }
    const std::string& leader() const { return leader_; }
    bool is_leader() const { return !member_id_.empty() && leader_ == member_id_; }
    /// True once SyncGroup gave it an assignment for the current generation.
    bool synced() const { return synced_; }
    const std::vector<TopicPartition>& assignment() const { return assignment_; }
    int completed_rebalances() const { return completed_rebalances_; }
    const std::string& protocol() const { return protocol_; }
    BrokerId coordinator_id() const { return coordinator_id_; }
    /// Every error the coordinator answered, per API, in order.
    const std::vector<Error>& join_errors() const { return join_errors_; }
    const std::vector<Error>& heartbeat_errors() const { return heartbeat_errors_; }
    /// Set when the coordinator refused it for good (INVALID_SESSION_TIMEOUT, ...).
    Error fatal_error() const { return fatal_error_; }

private:
    void find_coordinator();
    void join();
    void on_join(const JoinGroupResponse& response);
    void sync(std::map<std::string, std::vector<TopicPartition>> assignments);
    void on_sync(const SyncGroupResponse& response);
    void heartbeat();
    void on_heartbeat(Error error);
    /// Whether `error` means "find the coordinator again", and if so does it.
    bool rediscover_on(Error error);
    void later(sim::Duration delay, std::function<void()> step);
    std::map<std::string, std::vector<TopicPartition>> assign(const JoinGroupResponse& response) const;
    std::vector<GroupProtocol> protocols() const;

    MemberOptions options_;
    NetworkClient network_;
    /// Bumped by every script action: callbacks of an older step are ignored.
    std::uint64_t script_step_ = 0;
    sim::NodeIndex coordinator_ = sim::no_node;
    BrokerId coordinator_id_ = no_broker;
    std::string member_id_;
    Generation generation_{-1};
    std::string leader_;
    std::string protocol_;
    bool synced_ = false;
    bool heartbeating_ = false;
    std::vector<TopicPartition> assignment_;
    int completed_rebalances_ = 0;
    std::vector<Error> join_errors_;
    std::vector<Error> heartbeat_errors_;
    Error fatal_error_ = Error::none;
};

}  // namespace kafkalab::kafka::testing
