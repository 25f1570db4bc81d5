// reconnect.backoff.ms and reconnect.backoff.max.ms, as a scenario's producer sets them,
// pace the producer's reconnects to a broker that is down (NetworkClient's
// ClusterConnectionStates: the first wait, doubling per failure up to the max, ±20 %).
#include <algorithm>

#include <catch2/catch.hpp>

#include "broker_model/client/producer.h"
#include "broker_model/client/send_ledger.h"
#include "scenarios/runner/config_mapping.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

struct Waits {
    sim::Duration shortest = sim::Duration::max();
    sim::Duration longest{};
};

/// The reconnect waits a producer with `properties` goes through while its only
/// bootstrap broker is down for 20 s.
Waits reconnect_waits(const std::vector<std::pair<std::string, std::string>>& properties) {
    scenarios::ProducerSpec spec;
    spec.name = "writer";
    spec.bootstrap_servers.push_back({"broker-1:9092", "broker-1", 9092});
    for (const auto& [key, value] : properties) spec.properties.set(key, value);
    ProducerConfig config = scenarios::producer_config(spec);
    config.bootstrap_servers = {"broker-1"};

    TestCluster cluster;
    cluster.crash(1);
    SendLedger ledger{1'000'000};
    sim::NodeIndex node = add_producer(cluster.sim(), "writer", config, ledger);
    const Producer& producer = *cluster.sim().node_as<Producer>(node);
    Waits waits;
    sim::Time last_seen{};
    cluster.run_until([&] {
        const sim::Time at = producer.network().reconnect_at(cluster.broker_node(1));
        if (at > last_seen && at > cluster.sim().now()) {
            // A new failure just set this wait; measure it from now.
            const sim::Duration wait = at - cluster.sim().now();
            waits.shortest = std::min(waits.shortest, wait);
            waits.longest = std::max(waits.longest, wait);
            last_seen = at;
        }
        return false;
    }, 20s);
    return waits;
}

}  // namespace

TEST_CASE("a producer's reconnect.backoff.ms and reconnect.backoff.max.ms pace its reconnects") {
    const Waits defaults = reconnect_waits({});
    INFO("defaults: " << sim::format_duration(defaults.shortest) << " to " << sim::format_duration(defaults.longest));
    CHECK(defaults.shortest <= 60ms);
    CHECK(defaults.longest <= 1s);
    CHECK(defaults.longest >= 800ms);

    const Waits set = reconnect_waits({{"reconnect.backoff.ms", "300"}, {"reconnect.backoff.max.ms", "4000"}});
    INFO("set: " << sim::format_duration(set.shortest) << " to " << sim::format_duration(set.longest));
    CHECK(set.shortest >= 220ms);  // 300 ms - 20 %, seen up to 10 ms late
    CHECK(set.shortest <= 360ms);
    CHECK(set.longest >= 3200ms);
    CHECK(set.longest <= 4s);
}
