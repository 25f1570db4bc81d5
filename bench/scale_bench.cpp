// The scale workload: B brokers on R racks (broker.rack), one ZooKeeper server, a topic
// of P partitions with replication factor 3 (rack-aware assignment), ZooKeeper mode.
// Once every partition has a leader, the broker leading the most partitions (not the
// controller) is killed; the run goes on until the controller has moved every one of
// its leaderships. Prints the simulated failover time (ZooKeeper session expiry, then
// the controller's elections, ZooKeeper writes and LeaderAndIsr/UpdateMetadata to every
// broker: the ZooKeeper-era controller's known slowness), and the wall time and peak
// memory to simulate it all.
//
// Usage: scale_bench [brokers] [racks] [partitions]
//
// Under valgrind --tool=callgrind the counts are dumped at the crash, so the build
// (callgrind.out.PID.1) and the failover (the final file) can be read apart.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <memory>
#include <vector>

#include "bench/heap_setting.h"
#include "bench/result_line.h"
#include "bench/run_until.h"
#include "broker_model/broker/broker.h"
#include "broker_model/common/host_names.h"
#include "broker_model/controller/controller.h"
#include "broker_model/group/group_coordinator_hook.h"
#include "broker_model/protocol/admin_requests.h"
#include "broker_model/zookeeper/ensemble.h"
#include "sim/simulation.h"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_DUMP_STATS_AT(name)
#endif

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;
using bench::run_until;

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }
double seconds(sim::Duration d) { return std::chrono::duration<double>(d).count(); }

const Broker* active_controller(sim::Simulation& sim, const std::vector<sim::NodeIndex>& brokers) {
    for (auto b : brokers) {
        if (sim.host_state(b) != sim::HostState::up) continue;
        if (const auto* broker = sim.node_as<Broker>(b); broker->is_controller()) return broker;
    }
    return nullptr;
}

/// Partitions led by each broker, in the active controller's view.
std::map<BrokerId, int> leaderships(const Controller& controller) {
    std::map<BrokerId, int> led;
    controller.for_each_leadership([&led](const TopicPartition&, const LeaderAndIsr& state) { ++led[state.leader]; });
    return led;
}

/// Whether `broker` still leads any partition, in the active controller's view.
bool leads_any(const Controller& controller, BrokerId broker) {
    bool leads = false;
    controller.for_each_leadership([&](const TopicPartition&, const LeaderAndIsr& state) {
        leads = leads || state.leader == broker;
    });
    return leads;
}

}  // namespace

int main(int argc, char** argv) {
    bench::populate_heap_as_kafkalab_does("scale", argv);
    const int broker_count = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int racks = argc > 2 ? std::atoi(argv[2]) : 10;
    const int partitions = argc > 3 ? std::atoi(argv[3]) : 100'000;
    if (broker_count < 3 || racks < 1 || partitions < 1) {
        std::fprintf(stderr, "usage: scale_bench [brokers >= 3] [racks >= 1] [partitions >= 1]\n");
        return 2;
    }
    auto wall_start = Clock::now();
    sim::Simulation sim(1);
    zk::Ensemble::add_to(sim, 1);
    std::vector<sim::NodeIndex> brokers;
    for (int id = 1; id <= broker_count; ++id) {
        BrokerConfig config;
        config.broker_id = BrokerId{id};
        config.rack = "rack-" + std::to_string((id - 1) % racks + 1);
        config.zookeeper_connect = {"zk-1"};
        brokers.push_back(sim.add_node(kafka::broker_host(kafka::BrokerId{id}), [config](sim::NodeContext& c) {
            return std::make_unique<Broker>(c, config, group_coordinator_hook());
        }));
    }
    const Broker* controller = nullptr;
    bool registered = run_until(sim, 100ms, 120s, [&] {
        controller = active_controller(sim, brokers);
        return controller && static_cast<int>(controller->controller()->live_broker_count()) == broker_count;
    });
    if (!registered) {
        std::fprintf(stderr, "scale_bench: the controller did not see all %d brokers within 120 s\n", broker_count);
        return 1;
    }
    auto create = std::make_shared<CreateTopicsRequest>();
    create->topics.push_back({"scale", partitions, 3, {}, {}});
    sim.context(brokers[0]).send(brokers[static_cast<std::size_t>(controller->id().value - 1)], create);
    bool created = run_until(sim, 100ms, 600s, [&] {
        return static_cast<int>(controller->controller()->partitions_with_leadership()) == partitions;
    });
    if (!created) {
        std::fprintf(stderr, "scale_bench: the topic's %d partitions did not all get leaders\n", partitions);
        return 1;
    }
    // LeaderAndIsr reaches every replica within a second. The UpdateMetadata broadcast
    // of every partition to every broker does not finish here at 1,000 brokers (4.8 GB
    // from the controller, about 38 s on its link); the run reports how far it got.
    sim.run_for(5s);
    double build_wall = seconds_since(wall_start);
    const TopicPartition last_partition{"scale", partitions - 1};
    std::size_t informed = 0;
    for (auto b : brokers) informed += sim.node_as<Broker>(b)->metadata().partition(last_partition) != nullptr;
    // One fetcher per (follower, leader) pair, each fetch naming every partition the
    // follower has there: how much an idle fetch carries decides what fetch sessions
    // (KIP-227) could save.
    std::size_t followed = 0;
    std::size_t fetchers = 0;
    for (auto b : brokers) {
        std::set<BrokerId> leaders;
        const auto followed_here = sim.node_as<Broker>(b)->replicas().fetchers().followed();
        for (const auto& [tp, leader] : followed_here) leaders.insert(leader);
        followed += followed_here.size();
        fetchers += leaders.size();
    }
    sim::Time built_at = sim.now();

    // The victim: the broker leading the most partitions, other than the controller.
    BrokerId victim = no_broker;
    int victim_led = -1;
    for (const auto& [id, led] : leaderships(*controller->controller())) {
        if (id != controller->id() && led > victim_led) victim = id, victim_led = led;
    }
    auto failover_wall_start = Clock::now();
    const std::uint64_t events_before = sim.scheduler().fired();
    const std::uint64_t messages_before = sim.messages_delivered();
    sim::Time crashed_at = sim.now();
    CALLGRIND_DUMP_STATS_AT("cluster built");  // nothing outside callgrind
    sim.crash(brokers[static_cast<std::size_t>(victim.value - 1)]);
    sim::Time detected_at{};
    bool resigned = false;
    bool moved = run_until(sim, 10ms, 600s, [&] {
        // Only the active controller's context is current: a controller that lost its
        // own ZooKeeper session keeps the stale one it had.
        if (!controller->is_controller()) return resigned = true;
        const Controller& view = *controller->controller();
        if (detected_at == sim::Time{} && !view.is_live(victim)) detected_at = sim.now();
        return detected_at != sim::Time{} && !leads_any(view, victim);
    });
    if (resigned) {
        std::fprintf(stderr, "scale_bench: controller %d resigned during the failover\n", controller->id().value);
        return 1;
    }
    if (!moved) {
        std::fprintf(stderr, "scale_bench: broker %d's leaderships did not move within 600 s\n", victim.value);
        return 1;
    }
    double failover_wall = seconds_since(failover_wall_start);
    double total_wall = seconds_since(wall_start);
    const auto failover_events = static_cast<double>(sim.scheduler().fired() - events_before);
    const auto failover_messages = static_cast<double>(sim.messages_delivered() - messages_before);

    std::printf("scale: %d brokers on %d racks, %d partitions x 3 replicas, 1 ZooKeeper server\n", broker_count, racks,
                partitions);
    std::printf("scale: cluster built and topic created in %.2f s wall (%.1f s simulated); %zu of %d brokers have "
                "the topic's metadata yet\n",
                build_wall, seconds(built_at - sim::Time{}), informed, broker_count);
    std::printf("scale: %zu follower fetchers, %.1f per broker, naming %.2f partitions each\n", fetchers,
                static_cast<double>(fetchers) / broker_count, static_cast<double>(followed) / static_cast<double>(fetchers));
    std::printf("scale: broker %d crashed leading %d partitions; failover took %.2f s simulated "
                "(%.2f s to detect, ZooKeeper session expiry; %.2f s to move the leaderships)\n",
                victim.value, victim_led, seconds(sim.now() - crashed_at), seconds(detected_at - crashed_at),
                seconds(sim.now() - detected_at));
    std::printf("scale: failover simulated in %.2f s wall; whole run %.2f s wall, peak RSS %.0f MiB\n", failover_wall,
                total_wall, bench::peak_rss_mib());
    std::printf("scale: the failover fired %.2f M events and delivered %.2f M messages: %.2f M events per wall "
                "second\n",
                failover_events / 1e6, failover_messages / 1e6, failover_events / failover_wall / 1e6);
    bench::print_result("scale: failover wall time", "kafkalab", total_wall, "s");
    return 0;
}
