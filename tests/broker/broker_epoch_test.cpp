// A broker's registration and its epoch (KIP-380), as KafkaServer.startup and
// KafkaZkClient.registerBroker have them: a broker serves nothing before it registered,
// a registration another session still holds ends its startup, and control requests
// stamped with an older registration's epoch are refused (STALE_BROKER_EPOCH).
#include <algorithm>

#include <catch2/catch.hpp>

#include "broker_model/protocol/controller_requests.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {
const TopicPartition orders0{"orders", 0};

bool traced(const sim::Trace& trace, const std::string& kind, const std::string& source) {
    return std::any_of(trace.records().begin(), trace.records().end(),
                       [&](const sim::TraceRecord& r) { return r.kind == kind && r.source == source; });
}
}  // namespace

TEST_CASE("a broker's epoch is the czxid of its registration and grows with every new registration") {
    TestCluster cluster;
    std::int64_t first = cluster.broker(2)->services().broker_epoch;
    CHECK(first > 0);
    CHECK(cluster.broker(1)->services().broker_epoch != first);
    cluster.crash(2);
    cluster.run_for(25s);  // the old session expires after 18 s
    cluster.restart(2);
    REQUIRE(cluster.run_until([&] { return cluster.broker(2) && cluster.broker(2)->registered(); }, 10s));
    CHECK(cluster.broker(2)->services().broker_epoch > first);
}

TEST_CASE("a broker refuses a LeaderAndIsr stamped with an older broker epoch (STALE_BROKER_EPOCH)") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
    cluster.wait_for_leader(orders0);
    const int leader = cluster.leader(orders0);
    const int follower = leader == 3 ? 2 : 3;
    Broker& target = *cluster.broker(follower);
    auto request = std::make_shared<LeaderAndIsrRequest>();
    request->controller_id = BrokerId{cluster.controller_id()};
    request->controller_epoch = cluster.controller()->controller()->epoch();
    request->broker_epoch = target.services().broker_epoch - 1;  // meant for an earlier registration
    PartitionState state = target.replicas().partition(orders0)->state();
    state.leadership.leader = BrokerId{follower};
    state.leadership.leader_epoch = state.leadership.leader_epoch + 1;
    request->partitions.push_back(state);
    Error error = Error::none;
    bool answered = false;
    cluster.client().network().send(cluster.broker_node(follower), request, 5s,
                                    [&](Error e, const sim::MessagePtr& response) {
                                        answered = true;
                                        error = e == Error::none ? message_as<LeaderAndIsrResponse>(*response).error : e;
                                    });
    REQUIRE(cluster.run_until([&] { return answered; }, 5s));
    CHECK(error == Error::stale_broker_epoch);
    CHECK_FALSE(target.replicas().partition(orders0)->is_leader());
}

TEST_CASE("a broker rebooted while its previous life's registration is held serves nothing until it registers") {
    // KafkaServer.startup: nothing is processed before registerBroker succeeds, and a
    // NodeExists from another session fails it (Kafka exits and is started again; the
    // model tries again each second). A LeaderAndIsr the controller meant for the
    // previous life cannot make the empty log a leader.
    ClusterOptions options;
    options.broker.zookeeper_session_timeout = 6s;
    TestCluster cluster(options);
    sim::Trace trace;
    cluster.sim().set_trace(&trace);
    REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
    cluster.wait_for_leader(orders0);
    const std::int64_t first = cluster.broker(2)->services().broker_epoch;
    cluster.power_loss(2);
    cluster.run_for(1s);
    cluster.restart(2);
    cluster.run_for(2s);
    CHECK(traced(trace, "broker-registration-failed", "broker-2"));
    CHECK_FALSE(cluster.broker(2)->registered());
    const Partition* partition = cluster.broker(2)->replicas().partition(orders0);
    CHECK((partition == nullptr || !partition->is_leader()));
    // Once the old session expired (6 s), it registers with a new epoch and follows.
    REQUIRE(cluster.run_until([&] { return cluster.broker(2)->registered(); }, 10s));
    CHECK(cluster.broker(2)->services().broker_epoch > first);
    cluster.sim().set_trace(nullptr);
}

TEST_CASE("the controller refuses a ControlledShutdown from a broker's previous life (KafkaController, KIP-380)") {
    // KafkaController.doControlledShutdown compares the request's broker epoch with the
    // registration it knows: an older one is STALE_BROKER_EPOCH and nothing moves; the
    // current one moves the broker's leaderships away.
    TestCluster cluster;
    REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
    cluster.wait_for_leader(orders0);
    const int leader = cluster.leader(orders0);
    const auto before = cluster.state(orders0);
    REQUIRE(before);
    auto ask = [&](std::int64_t epoch) {
        auto request = std::make_shared<ControlledShutdownRequest>();
        request->broker_id = BrokerId{leader};
        request->broker_epoch = epoch;
        Error error = Error::request_timed_out;
        bool answered = false;
        cluster.client().network().send(cluster.broker_node(cluster.controller_id()), request, 5s,
                                        [&](Error e, const sim::MessagePtr& response) {
                                            answered = true;
                                            error = e == Error::none ? message_as<ControlledShutdownResponse>(*response).error : e;
                                        });
        REQUIRE(cluster.run_until([&] { return answered; }, 5s));
        return error;
    };
    const std::int64_t current = cluster.broker(leader)->services().broker_epoch;
    CHECK(ask(current - 1) == Error::stale_broker_epoch);
    cluster.run_for(1s);
    CHECK(cluster.leader(orders0) == leader);
    CHECK(cluster.state(orders0)->leader_epoch == before->leader_epoch);
    CHECK(ask(current) == Error::none);
    cluster.run_for(1s);
    CHECK(cluster.leader(orders0) != leader);
}
