#include <catch2/catch.hpp>

#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

std::uint64_t run_cluster(std::uint64_t seed) {
    ClusterOptions options;
    options.seed = seed;
    options.link.jitter = std::chrono::microseconds(300);
    TestCluster cluster(options);
    sim::Trace trace(false);
    cluster.sim().set_trace(&trace);
    cluster.create_topic("t", 3, 3);
    for (int i = 0; i < 20; ++i) cluster.produce({"t", i % 3}, {"v" + std::to_string(i)}, Acks::all);
    cluster.crash(cluster.leader({"t", 0}));
    cluster.run_for(40s);
    for (int i = 0; i < 5; ++i) cluster.produce({"t", i % 3}, {"w" + std::to_string(i)}, Acks::all);
    return trace.hash();
}

}  // namespace

TEST_CASE("a cluster run with a leader crash is deterministic: same seed, same trace hash") {
    CHECK(run_cluster(7) == run_cluster(7));
    CHECK(run_cluster(7) != run_cluster(8));
}
