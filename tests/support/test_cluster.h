#pragma once
// A small Kafka cluster on a simulated network for tests: a ZooKeeper ensemble,
// brokers named broker-1..N, and one client node that sends requests and collects
// responses. Every step goes through messages, so faults hit it as they would hit a
// real client.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/broker/broker.h"
#include "broker_model/controller/cluster_state.h"
#include "broker_model/protocol/admin_requests.h"
#include "broker_model/zookeeper/ensemble.h"
#include "sim/simulation.h"

namespace kafkalab::kafka::testing {

using namespace std::chrono_literals;

/// A client node: sends a request, keeps the response.
class TestClient final : public sim::Node {
public:
    explicit TestClient(sim::NodeContext& context) : sim::Node(context), network_(context) {}
    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override { network_.on_response(from, message); }
    void on_disconnect(sim::NodeIndex peer) override { network_.on_disconnect(peer); }
    NetworkClient& network() { return network_; }

private:
    NetworkClient network_;
};

struct ClusterOptions {
    int brokers = 3;
    int zookeepers = 1;
    std::uint64_t seed = 42;
    BrokerConfig broker;  // broker_id and zookeeper_connect are filled in
    sim::LinkSpec link{std::chrono::microseconds(500), std::chrono::microseconds(0), 125'000'000, 0.0};
    /// Installs extra request handlers in every broker (the group coordinator).
    Broker::HookFactory hooks;
    /// The Kafka release's way of cutting a divergent follower log; 3.6's by default.
    FollowerTruncation follower_truncation = follower_truncation_in(default_kafka_version);
};

struct ProduceOutcome {
    Error error = Error::request_timed_out;  // also the network error if the request failed
    Offset base_offset{-1};
    bool answered = false;
};

class TestCluster {
public:
    explicit TestCluster(ClusterOptions options = {});

    sim::Simulation& sim() { return sim_; }
    zk::Ensemble& zookeeper() { return zookeeper_; }
    sim::NodeIndex broker_node(int id) const { return brokers_.at(static_cast<std::size_t>(id - 1)); }
    /// The running broker, or null while it is down.
    Broker* broker(int id) { return sim_.node_as<Broker>(broker_node(id)); }
    TestClient& client() { return *sim_.node_as<TestClient>(client_); }
    sim::NodeIndex client_node() const { return client_; }

    void run_for(sim::Duration d) { sim_.run_for(d); }
    /// Runs until `done` holds, checking every 10 ms of simulated time; false on timeout.
    bool run_until(const std::function<bool()>& done, sim::Duration limit = 60s);
    /// Runs until every live broker is registered and a controller has loaded the cluster.
    void wait_until_ready();

    int controller_id();
    Broker* controller();
    /// CreateTopics through the controller; returns the controller's error.
    TopicResult create_topic(const std::string& name, int partitions, int replication_factor,
                             std::map<std::string, std::string> configs = {});
    /// The cluster's state through the one read the runner and the viewer use
    /// (broker_model/broker/cluster_reader.h).
    ClusterState cluster_state();
    /// The partition's state as the active controller holds it; nothing without one.
    std::optional<LeaderAndIsr> state(const TopicPartition& tp);
    int leader(const TopicPartition& tp);
    std::vector<int> isr(const TopicPartition& tp);
    /// Runs until every replica of `tp` has the partition in its metadata (the topic is usable).
    void wait_for_leader(const TopicPartition& tp);

    /// Sends a produce of `values` (one batch) to `to_broker` (default: the leader) and
    /// runs until it is answered or `limit` passes. acks=0 returns at once.
    ProduceOutcome produce(const TopicPartition& tp, const std::vector<std::string>& values, Acks acks,
                           int to_broker = -1, sim::Duration limit = 40s);
    /// Records below the high watermark of `tp` on `broker` (what a consumer could read).
    std::vector<std::string> committed_values(int broker, const TopicPartition& tp);
    /// Every record in `broker`'s log of `tp`, committed or not.
    std::vector<std::string> log_values(int broker, const TopicPartition& tp);
    PartitionLog* log(int broker, const TopicPartition& tp);

    void crash(int id) { sim_.crash(broker_node(id)); }
    void power_loss(int id) { sim_.power_loss(broker_node(id)); }
    void restart(int id) { sim_.restart(broker_node(id)); }

private:
    ClusterOptions options_;
    sim::Simulation sim_;
    zk::Ensemble zookeeper_;
    std::vector<sim::NodeIndex> brokers_;
    sim::NodeIndex client_;
    std::uint64_t next_record_id_ = 1;
};

}  // namespace kafkalab::kafka::testing
