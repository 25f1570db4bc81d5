#pragma once
// The ZooKeeper-mode controller (Kafka's KafkaController with its partition and
// replica state machines, reduced to what a learner can observe). Every broker runs
// one; the one that creates /controller is active, bumps /controller_epoch, and
// from then on:
//   - watches /brokers/ids: a broker whose session expired is dead; its partitions
//     get new leaders from their ISR (or none), and it leaves every ISR;
//   - watches /brokers/topics and /admin/delete_topics: creates and deletes topics;
//   - answers AlterPartition (ISR changes proposed by leaders), ControlledShutdown,
//     CreateTopics, DeleteTopics and CreatePartitions;
//   - tells brokers the outcome with LeaderAndIsr, UpdateMetadata and StopReplica,
//     each stamped with its controller epoch so that a zombie controller is ignored.
// Work is done one event at a time, in order, like the controller's event thread: an
// event's ZooKeeper writes finish before the next event starts. ZooKeeper operations
// that fail for lack of a connection are retried, so without a ZooKeeper quorum the
// controller simply stalls: no elections, no ISR changes, no topic changes.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "broker_model/controller/controller.h"
#include "broker_model/controller/controller_config.h"
#include "broker_model/controller/controller_context.h"
#include "broker_model/controller/controller_channel.h"
#include "broker_model/controller/zk_data.h"
#include "broker_model/protocol/network_client.h"
#include "broker_model/zookeeper/zookeeper_client.h"

namespace kafkalab::kafka {

class ZkController final : public Controller {
public:
    using ZkAccess = std::function<zk::ZooKeeperClient*()>;

    ZkController(sim::NodeContext& context, NetworkClient& network, ZkAccess zk, ControllerConfig config);
    ~ZkController() override;

    void start() override;
    void resign() override;
    bool is_active() const override { return active_; }
    BrokerId active_controller() const override { return active_controller_; }
    ControllerEpoch epoch() const override { return epoch_; }

    void handle_alter_partition(sim::NodeIndex from, const AlterPartitionRequest& request) override;
    void handle_controlled_shutdown(sim::NodeIndex from, const ControlledShutdownRequest& request) override;
    void handle_create_topics(sim::NodeIndex from, const CreateTopicsRequest& request) override;
    void handle_delete_topics(sim::NodeIndex from, const DeleteTopicsRequest& request) override;
    void handle_create_partitions(sim::NodeIndex from, const CreatePartitionsRequest& request) override;

    /// The broker's control plane forwards every watch event of its ZooKeeper session here.
    void on_watch(const zk::WatchedEvent& event);
    // The cluster reads, answered from its context (zk_cluster_state.cpp).
    ClusterState cluster_state() const override;
    std::size_t live_broker_count() const override;
    bool is_live(BrokerId broker) const override;
    std::size_t partitions_with_leadership() const override;
    void for_each_leadership(const LeadershipVisitor& visit) const override;

private:
    using Done = std::function<void()>;
    using Job = std::function<void(Done)>;
    using StateMap = std::map<TopicPartition, LeaderAndIsr>;

    // Election of the controller itself.
    void campaign();
    void watch_controller();
    void bump_controller_epoch();
    void become_active(ControllerEpoch epoch, std::int32_t epoch_version);
    void load_cluster(Done done);

    // The event queue.
    void enqueue(const char* name, Job job);
    void run_next();
    /// Wraps a callback so it does nothing once this activation is over.
    template <class F>
    auto guarded(F f) {
        return [this, alive = alive_, generation = generation_, f = std::move(f)](auto&&... args) mutable {
            if (!*alive || generation != generation_) return;
            f(std::forward<decltype(args)>(args)...);
        };
    }
    zk::ZooKeeperClient* zk() { return zk_(); }
    /// Retries an operation after a pause while ZooKeeper cannot be reached.
    void retry_later(std::function<void()> operation);

    // Reading ZooKeeper.
    using BrokerEpochs = std::map<BrokerId, zk::Zxid>;
    void read_brokers(std::function<void(std::map<BrokerId, BrokerEndpoint>, BrokerEpochs)> then);
    void read_topics(const std::vector<std::string>& names, Done then);
    void read_topic(const std::string& name, Done then);

    // Partition state changes.
    void write_states(StateMap states, std::function<void(StateMap written)> then);
    void create_states(StateMap states, std::function<void(StateMap written)> then);
    /// A conditional state write met BADVERSION: brings ctx_ up to ZooKeeper's state,
    /// and counts the write as done if ZooKeeper holds what it meant to write.
    void reconcile_state(const TopicPartition& tp, const LeaderAndIsr& intended, std::shared_ptr<StateMap> written,
                         std::function<void()> step);
    StateMap initial_states(const std::string& topic, std::int32_t first_partition);
    /// New states for partitions whose leader is gone or which contain dead replicas:
    /// with `elect`, new leaders as onBrokerFailure elects them; without, only the
    /// OfflineReplica step (dead leaders become none), as controller failover does first.
    StateMap states_after_failure(const std::set<BrokerId>& dead, bool elect = true);
    StateMap states_for_offline_partitions(const StateMap& already_decided = {});
    bool unclean_allowed(const std::string& topic) const;
    /// A leader change, for the timeline and the viewer.
    void record_leader(const TopicPartition& tp, const LeaderAndIsr& state);

    // Telling brokers.
    /// KIP-380: the epoch of `broker`'s registration the controller last read; -1 if none.
    std::int64_t broker_epoch(BrokerId broker) const;
    void send_leader_and_isr(const std::set<BrokerId>& brokers, const std::vector<TopicPartition>& partitions);
    void send_update_metadata(const std::vector<TopicPartition>& partitions,
                              const std::vector<std::string>& deleted_topics = {});
    std::vector<TopicPartition> all_partitions() const;

    // Events.
    void on_broker_change(Done done);
    void on_topic_change(Done done);
    void on_topic_deletion(Done done);
    void delete_topic(const std::string& topic, Done done);
    void finish_topic(const std::string& topic, Done done);

    sim::NodeContext& context_;
    NetworkClient& network_;
    ZkAccess zk_;
    ControllerConfig config_;
    ControllerChannel channel_;

    bool campaigning_ = false;
    bool active_ = false;
    BrokerId active_controller_ = no_broker;
    ControllerEpoch epoch_{0};
    std::int32_t epoch_version_ = 0;
    /// Bumped on every activation and resignation; stale callbacks compare it.
    std::uint64_t generation_ = 0;
    ControllerContext ctx_;

    std::deque<std::pair<const char*, Job>> events_;
    bool busy_ = false;
    /// Requests waiting for a topic deletion to finish: (client, correlation id).
    std::map<std::string, std::vector<std::function<void()>>> deletion_waiters_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
