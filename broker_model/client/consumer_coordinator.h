#pragma once
// A consumer's side of the classic group protocol (Kafka's AbstractCoordinator and
// ConsumerCoordinator, 3.x): find the coordinator, join the group, let the leader
// assign, heartbeat, rebalance, commit and fetch committed offsets.
//
// Two "threads", as in the Java client:
//   - the application thread calls poll() at every KafkaConsumer.poll: it starts a
//     (re)join when one is needed, auto-commits when auto.commit.interval.ms has
//     passed, and asks for the committed offsets of new partitions;
//   - the heartbeat thread (a timer here) sends a Heartbeat every
//     heartbeat.interval.ms while the member is in the group, notices when the
//     application has not polled for max.poll.interval.ms (then it leaves the group,
//     KIP-62), and treats a coordinator silent for session.timeout.ms as gone. Slow
//     processing alone leaves it running; a process pause (a long GC) stops it too.
//
// Rebalance, by protocol (partition.assignment.strategy picks it, see assignor.h):
//   eager        before rejoining, commit (auto-commit) and revoke every partition;
//   cooperative  (KIP-429) commit, keep the partitions while rejoining; after
//                SyncGroup revoke only those not assigned any more, then rejoin once
//                more so that their new owner gets them.
// A member that was fenced (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION) or left after a poll
// timeout has lost its partitions: it rejoins without committing (onPartitionsLost).
//
// Errors: MEMBER_ID_REQUIRED → rejoin at once with the given member id (KIP-394);
// REBALANCE_IN_PROGRESS → rejoin; COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR and broken
// connections → rediscover the coordinator.
//
// A consumer that assign()s partitions but has a group.id still uses the coordinator
// for OffsetFetch and OffsetCommit (generation -1, no member id), never joining.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "broker_model/client/assignor.h"
#include "broker_model/client/client_metadata.h"
#include "broker_model/client/consumer_config.h"
#include "broker_model/client/consumer_member_state.h"
#include "broker_model/client/consumption_log.h"
#include "broker_model/client/subscription_state.h"
#include "broker_model/protocol/group_requests.h"
#include "broker_model/protocol/network_client.h"
#include "sim/node.h"

namespace kafkalab::kafka {

/// Who the coordinator is, for the consumer's own records and the commits it logs.
struct CoordinatorIdentity {
    std::string consumer;  // the node's name
    std::string client_id;
    std::string group_id;
};

class ConsumerCoordinator {
public:
    using CommitCallback = std::function<void(Error)>;

    ConsumerCoordinator(sim::NodeContext& context, NetworkClient& network, ClientMetadata& metadata,
                        SubscriptionState& subscriptions, const ConsumerConfig& config, CoordinatorIdentity identity,
                        std::shared_ptr<ConsumptionLog> log);
    ~ConsumerCoordinator();
    ConsumerCoordinator(const ConsumerCoordinator&) = delete;
    ConsumerCoordinator& operator=(const ConsumerCoordinator&) = delete;

    /// Called after anything the consumer may want to act on: an assignment, a
    /// committed offset found, a commit answered.
    void set_listener(std::function<void()> listener) { listener_ = std::move(listener); }

    // --- Application thread ----------------------------------------------------
    /// One KafkaConsumer.poll's worth of group work (ConsumerCoordinator.poll).
    void poll();
    /// Whether the member may fetch: not subscribed, or in a group it has joined.
    bool has_stable_assignment() const;
    /// Commits `offsets` once, as commitAsync does (no retry). With `automatic` the
    /// commit is logged as an auto-commit.
    void commit_async(std::map<TopicPartition, Offset> offsets, bool automatic, CommitCallback done);
    /// Commits `offsets`, retrying retriable errors until default.api.timeout.ms, as
    /// commitSync does.
    void commit_sync(std::map<TopicPartition, Offset> offsets, bool automatic, CommitCallback done);
    /// KafkaConsumer.close: with auto-commit, a last synchronous commit; then
    /// LeaveGroup. `done` runs once the coordinator answered (or gave up).
    void close(std::function<void()> done);

    // --- Process-level faults ----------------------------------------------------
    /// A process pause (a long GC): the heartbeat thread does nothing until `until`.
    void freeze_until(sim::Time until);
    /// The connection to `peer` broke.
    void on_disconnect(sim::NodeIndex peer);
    /// Fresh metadata: a leader waiting for the group's topics assigns; a leader that
    /// assigned rejoins if the group's topics changed since.
    void on_metadata_update();

    // --- Observation ---------------------------------------------------------------
    MemberState state() const { return state_; }
    const std::string& member_id() const { return member_id_; }
    Generation generation() const { return generation_; }
    const std::string& protocol_name() const { return protocol_name_; }
    bool is_leader() const { return !leader_id_.empty() && leader_id_ == member_id_; }
    /// Joining, waiting for an assignment, or asked to rejoin and not yet rejoined.
    bool rebalancing() const;
    std::optional<BrokerId> coordinator_id() const;
    const std::map<TopicPartition, Offset>& known_committed() const { return known_committed_; }
    std::uint64_t completed_rebalances() const { return completed_rebalances_; }
    /// Partitions given back so far (onPartitionsRevoked), and given up as lost
    /// (onPartitionsLost, after being fenced or leaving on a poll timeout).
    std::uint64_t partitions_revoked() const { return partitions_revoked_; }
    std::uint64_t partitions_lost() const { return partitions_lost_; }
    /// A non-retriable error that stopped the member (Kafka would throw it from poll).
    Error fatal_error() const { return fatal_error_; }

private:
    struct Coordinator {
        BrokerId id = no_broker;
        sim::NodeIndex node = sim::no_node;
    };

    // Discovery (consumer_coordinator.cpp).
    bool ensure_coordinator();
    void on_find_coordinator(Error error, const sim::MessagePtr& response);
    void mark_coordinator_unknown();
    bool is_coordinator_error(Error error) const;

    // Heartbeat thread (consumer_coordinator.cpp).
    void schedule_heartbeat_tick(sim::Duration delay);
    void heartbeat_tick();
    void send_heartbeat();
    void on_heartbeat_response(std::uint64_t epoch, Error error, const sim::MessagePtr& response);
    void leave_group(const char* reason, std::function<void()> done);
    void reset_generation();

    // Join and sync (consumer_coordinator_join.cpp).
    RebalanceProtocol protocol() const;
    bool join_needed() const;
    void start_join();
    void prepare_and_join();
    void send_join_group();
    void on_join_response(std::uint64_t epoch, Error error, const sim::MessagePtr& response);
    void fail_join(Error error);
    void on_leader_elected(const sim::MessagePtr& response);
    bool metadata_covers_group_subscription() const;
    std::map<std::string, std::vector<TopicPartition>> perform_assignment(const JoinGroupResponse& response);
    void send_sync_group(std::map<std::string, std::vector<TopicPartition>> assignments);
    void on_sync_response(std::uint64_t epoch, Error error, const sim::MessagePtr& response);
    void on_join_complete(const std::vector<TopicPartition>& assigned);
    void lose_partitions();
    PartitionCounts subscribed_counts(const std::vector<std::string>& topics) const;
    /// ConsumerCoordinator.rejoinNeededOrPending: the leader's assignment snapshot no
    /// longer matches the metadata (a topic grew or appeared).
    bool metadata_changed_since_assignment() const;

    // Offsets (consumer_coordinator_offsets.cpp).
    void maybe_auto_commit();
    void send_commit(std::map<TopicPartition, Offset> offsets, bool automatic, CommitCallback done);
    void on_commit_response(const std::map<TopicPartition, Offset>& offsets, bool automatic, Generation generation,
                            Error error, const sim::MessagePtr& response, const CommitCallback& done);
    void retry_commit(std::map<TopicPartition, Offset> offsets, bool automatic, sim::Time deadline, CommitCallback done);
    void refresh_committed_offsets();
    void on_offset_fetch(Error error, const sim::MessagePtr& response, const std::vector<TopicPartition>& asked);

    void notify();
    sim::Time now() const { return context_.now(); }

    sim::NodeContext& context_;
    NetworkClient& network_;
    ClientMetadata& metadata_;
    SubscriptionState& subscriptions_;
    const ConsumerConfig& config_;
    CoordinatorIdentity identity_;
    std::shared_ptr<ConsumptionLog> log_;
    std::vector<std::unique_ptr<Assignor>> assignors_;  // partition.assignment.strategy, in order

    // Coordinator discovery.
    std::optional<Coordinator> coordinator_;
    bool finding_coordinator_ = false;
    sim::Time next_find_attempt_{};
    /// Bumped whenever the coordinator is marked unknown or the member resets, so that
    /// answers to requests sent before are ignored (Kafka disconnects instead).
    std::uint64_t epoch_ = 0;

    // Membership. Invariant: generation_ >= 0 only with a non-empty member_id_.
    MemberState state_ = MemberState::unjoined;
    std::string member_id_;
    Generation generation_{-1};
    std::string protocol_name_;
    std::string leader_id_;
    /// Set by a heartbeat's REBALANCE_IN_PROGRESS, a cooperative revocation or changed
    /// metadata; cleared when the next JoinGroup is sent.
    bool rejoin_needed_ = true;
    /// A pre-join commit, JoinGroup or SyncGroup is under way.
    bool join_in_progress_ = false;
    /// Generation or member id were reset (fenced, poll timeout): the partitions the
    /// member still holds are lost, not revoked, at the next join.
    bool generation_lost_ = false;
    sim::Time next_join_attempt_{};
    /// Partition counts the leader assigned with (ConsumerCoordinator.assignmentSnapshot).
    std::optional<PartitionCounts> assignment_snapshot_;
    /// The leader's view of every member's topics (SubscriptionState.groupSubscribe):
    /// set when it is elected, cleared before the next join. The snapshot check covers
    /// all of them, so a topic unknown at assignment time is noticed when it appears.
    std::set<std::string> group_subscription_;
    /// The JoinGroup answer of a leader waiting for metadata of topics only other
    /// members subscribe to (updateGroupSubscription's ensureFreshMetadata).
    sim::MessagePtr awaiting_metadata_for_;
    Error fatal_error_ = Error::none;
    std::uint64_t completed_rebalances_ = 0;
    std::uint64_t partitions_revoked_ = 0;  // only grows
    std::uint64_t partitions_lost_ = 0;     // only grows

    // Heartbeat thread.
    sim::TimerId heartbeat_timer_;
    bool heartbeat_scheduled_ = false;
    bool heartbeat_in_flight_ = false;
    sim::Time next_heartbeat_{};
    sim::Time last_heartbeat_received_{};
    sim::Time last_poll_{};
    sim::Time frozen_until_{};

    // Offsets.
    sim::Time next_auto_commit_{};
    bool auto_commit_in_flight_ = false;
    std::set<TopicPartition> offset_fetch_in_flight_;
    sim::Time next_offset_fetch_attempt_{};
    std::map<TopicPartition, Offset> known_committed_;
    bool closing_ = false;

    std::function<void()> listener_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
