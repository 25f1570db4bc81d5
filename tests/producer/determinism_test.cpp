// Same seed, same run: the ledger and the trace are byte-for-byte repeatable.
#include <catch2/catch.hpp>

#include "producer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

struct RunDigest {
    std::uint64_t ledger = 0;
    std::uint64_t trace = 0;
    bool operator==(const RunDigest&) const = default;
};

RunDigest run(std::uint64_t seed) {
    ClusterOptions options;
    options.seed = seed;
    options.link.jitter = std::chrono::microseconds(300);
    ProducerFixture f(options);
    sim::Trace trace(false);
    f.cluster.sim().set_trace(&trace);
    REQUIRE(f.cluster.create_topic("t", 3, 3).error == Error::none);
    ProducerWorkload workload;
    workload.topic = "t";
    workload.schedule = "poisson 50/s";
    workload.record_limit = 300;
    ProducerConfig config = cluster_producer_config();
    config.linger = 5ms;
    f.add("producer", config, workload);
    f.cluster.run_for(2s);
    f.cluster.crash(f.cluster.leader({"t", 0}));
    f.cluster.run_for(30s);
    f.settle();
    return {f.ledger.digest(), trace.hash()};
}

}  // namespace

TEST_CASE("a producer run with a leader crash is deterministic: same seed, same ledger and trace hash") {
    RunDigest first = run(11);
    CHECK(first == run(11));
    CHECK_FALSE(first == run(12));
}
