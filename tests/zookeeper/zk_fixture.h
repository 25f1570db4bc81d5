#pragma once
// A simulated ZooKeeper ensemble with small client nodes, and synchronous helpers that
// issue one operation and run the simulation until its callback ran, so tests read
// like scripts.
#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/zookeeper/ensemble.h"
#include "broker_model/zookeeper/zookeeper_client.h"

namespace kafkalab::kafka::zk::testing {

using namespace std::chrono_literals;

/// What a client node saw; owned by the test so it survives the node's crash.
struct ClientLog {
    std::vector<KeeperState> states;
    std::vector<WatchedEvent> events;
};

/// A node that owns one ZooKeeperClient, as a broker does.
class ClientNode final : public sim::Node {
public:
    ClientNode(sim::NodeContext& context, std::vector<sim::NodeIndex> servers, sim::Duration timeout, ClientLog& log)
        : Node(context), log_(log), client_(std::make_unique<ZooKeeperClient>(context, std::move(servers), timeout)) {
        client_->set_state_listener([this](KeeperState state) { log_.states.push_back(state); });
        client_->set_watcher([this](const WatchedEvent& event) { log_.events.push_back(event); });
    }

    void on_start() override { client_->start(); }
    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override {
        if (ZooKeeperClient::handles(*message)) client_->on_message(from, message);
    }
    void on_disconnect(sim::NodeIndex peer) override { client_->on_disconnect(peer); }
    ZooKeeperClient& zk() { return *client_; }

private:
    ClientLog& log_;
    std::unique_ptr<ZooKeeperClient> client_;
};

class ZkFixture {
public:
    explicit ZkFixture(int servers, std::uint64_t seed = 42) : sim_(seed), ensemble_(Ensemble::add_to(sim_, servers)) {}

    sim::Simulation& sim() { return sim_; }
    const Ensemble& ensemble() const { return ensemble_; }

    /// Adds a client node; `only` restricts its connect string to those server ids.
    sim::NodeIndex add_client(const std::string& name, std::vector<int> only = {}, sim::Duration timeout = 18s) {
        std::vector<sim::NodeIndex> servers;
        for (int sid : only) servers.push_back(ensemble_.node(sid));
        if (servers.empty()) servers = ensemble_.servers();
        logs_.push_back(std::make_unique<ClientLog>());
        ClientLog& log = *logs_.back();
        sim::NodeIndex node = sim_.add_node(name, [servers, timeout, &log](sim::NodeContext& context) {
            return std::make_unique<ClientNode>(context, servers, timeout, log);
        });
        log_of_.resize(node + 1, nullptr);
        log_of_[node] = &log;
        return node;
    }
    ZooKeeperClient& zk(sim::NodeIndex client) { return sim_.node_as<ClientNode>(client)->zk(); }
    ClientLog& log(sim::NodeIndex client) { return *log_of_.at(client); }

    /// Runs until `done()` or `limit` has passed; true if `done()`.
    template <class Done>
    bool run_until(Done done, sim::Duration limit = 30s) {
        sim::Time deadline = sim_.now() + limit;
        while (!done() && sim_.now() < deadline) sim_.run_for(1ms);
        return done();
    }
    /// Runs until the client is connected (a fresh ensemble needs an election first).
    void wait_connected(sim::NodeIndex client) {
        REQUIRE(run_until([&] { return zk(client).connected(); }, 60s));
    }

    // Synchronous forms of the client operations: issue, then run until answered.
    CreateResult create(sim::NodeIndex c, const std::string& path, std::string data = "", bool ephemeral = false) {
        return await<CreateResult>([&](auto done) { zk(c).create(path, std::move(data), ephemeral, done); });
    }
    DeleteResult remove(sim::NodeIndex c, const std::string& path, std::int32_t version = any_version) {
        return await<DeleteResult>([&](auto done) { zk(c).delete_node(path, version, done); });
    }
    StatResult set(sim::NodeIndex c, const std::string& path, std::string data, std::int32_t version = any_version) {
        return await<StatResult>([&](auto done) { zk(c).set_data(path, std::move(data), version, done); });
    }
    DataResult get(sim::NodeIndex c, const std::string& path, bool watch = false) {
        return await<DataResult>([&](auto done) { zk(c).get_data(path, watch, done); });
    }
    StatResult exists(sim::NodeIndex c, const std::string& path, bool watch = false) {
        return await<StatResult>([&](auto done) { zk(c).exists(path, watch, done); });
    }
    ChildrenResult children(sim::NodeIndex c, const std::string& path, bool watch = false) {
        return await<ChildrenResult>([&](auto done) { zk(c).get_children(path, watch, done); });
    }

    template <class Result, class Issue>
    Result await(Issue issue, sim::Duration limit = 60s) {
        auto result = std::make_shared<std::optional<Result>>();
        issue([result](const Result& r) { *result = r; });
        REQUIRE(run_until([&] { return result->has_value(); }, limit));
        return **result;
    }

private:
    sim::Simulation sim_;
    Ensemble ensemble_;
    std::vector<std::unique_ptr<ClientLog>> logs_;
    std::vector<ClientLog*> log_of_;
};

}  // namespace kafkalab::kafka::zk::testing
