// The same seed must replay the same ZooKeeper run, event for event.
#include <sstream>

#include "sim/trace.h"
#include "zk_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka::zk;
using namespace kafkalab::kafka::zk::testing;

namespace {

/// Clients race, a leader dies, a client dies and its session expires.
std::uint64_t run_and_hash(std::uint64_t seed, std::string* jsonl = nullptr) {
    ZkFixture zk(3, seed);
    sim::Trace trace;
    zk.sim().set_trace(&trace);
    auto a = zk.add_client("broker-1");
    auto b = zk.add_client("broker-2");
    zk.wait_connected(a);
    zk.wait_connected(b);
    zk.zk(a).create("/controller", "1", true, nullptr);
    zk.zk(b).create("/controller", "2", true, nullptr);
    zk.zk(b).exists("/controller", true, nullptr);
    zk.sim().run_for(1s);
    zk.sim().crash(zk.ensemble().node(*zk.ensemble().leader(zk.sim())));
    zk.sim().run_for(5s);
    zk.sim().crash(a);
    zk.sim().run_for(30s);
    if (jsonl) {
        std::ostringstream out;
        trace.write_jsonl(out);
        *jsonl = out.str();
    }
    return trace.hash();
}

}  // namespace

TEST_CASE("the same seed gives the same ZooKeeper trace, and another seed a different one") {
    std::string first, second;
    CHECK(run_and_hash(7, &first) == run_and_hash(7, &second));
    CHECK(first == second);
    CHECK(first.find("closeSession") != std::string::npos);
    CHECK(first.find("LEADING leader 2 epoch 2") != std::string::npos);
    CHECK(run_and_hash(7) != run_and_hash(8));
}
