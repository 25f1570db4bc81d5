// A clean stop of the active controller at scale: 3 brokers, one ZooKeeper server, a
// topic of P partitions with replication factor 3 (ZooKeeper mode). Once every
// partition has a leader, the controller broker is stopped as `stop:` does in a
// scenario (a controlled shutdown: ControlledShutdown to itself, its leaderships moved,
// its ZooKeeper session closed, the process gone 100 ms later), and the run goes on
// until another broker is the active controller with every partition led by a broker
// still up. Prints the peak resident memory against its bound, 1 GiB at 30,000
// partitions: the stop must cost in proportion to the state, as a kill -9 does
// (a controlled shutdown once copied its partition list per partition written).
//
// Usage: controlled_stop_bench [partitions]   exits 1 past the bound
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "bench/heap_setting.h"
#include "bench/result_line.h"
#include "bench/run_until.h"
#include "broker_model/broker/broker.h"
#include "broker_model/controller/controller.h"
#include "broker_model/group/group_coordinator_hook.h"
#include "broker_model/protocol/admin_requests.h"
#include "broker_model/zookeeper/ensemble.h"
#include "sim/simulation.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;
using bench::run_until;

namespace {

constexpr double bound_mib = 1024;  // at 30,000 partitions; scaled linearly below that
constexpr int brokers_in_cluster = 3;

Broker* active_controller(sim::Simulation& sim, const std::vector<sim::NodeIndex>& brokers) {
    for (auto b : brokers) {
        if (sim.host_state(b) != sim::HostState::up) continue;
        if (auto* broker = sim.node_as<Broker>(b); broker->is_controller()) return broker;
    }
    return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    bench::populate_heap_as_kafkalab_does("controlled_stop", argv);
    const int partitions = argc > 1 ? std::atoi(argv[1]) : 30'000;
    if (partitions < 1) {
        std::fprintf(stderr, "usage: controlled_stop_bench [partitions >= 1]\n");
        return 2;
    }
    auto wall_start = std::chrono::steady_clock::now();
    sim::Simulation sim(1);
    zk::Ensemble::add_to(sim, 1);
    std::vector<sim::NodeIndex> brokers;
    for (int id = 1; id <= brokers_in_cluster; ++id) {
        BrokerConfig config;
        config.broker_id = BrokerId{id};
        config.zookeeper_connect = {"zk-1"};
        brokers.push_back(sim.add_node("broker-" + std::to_string(id), [config](sim::NodeContext& c) {
            return std::make_unique<Broker>(c, config, group_coordinator_hook());
        }));
    }
    Broker* controller = nullptr;
    if (!run_until(sim, 100ms, 120s, [&] {
            controller = active_controller(sim, brokers);
            return controller && controller->controller()->live_broker_count() == brokers_in_cluster;
        })) {
        std::fprintf(stderr, "controlled_stop_bench: no controller saw all %d brokers within 120 s\n", brokers_in_cluster);
        return 1;
    }
    auto create = std::make_shared<CreateTopicsRequest>();
    create->topics.push_back({"scale", partitions, 3, {}, {}});
    sim.context(brokers[0]).send(brokers[static_cast<std::size_t>(controller->id().value - 1)], create);
    if (!run_until(sim, 100ms, 600s, [&] {
            return static_cast<int>(controller->controller()->partitions_with_leadership()) == partitions;
        })) {
        std::fprintf(stderr, "controlled_stop_bench: the topic's %d partitions did not all get leaders\n", partitions);
        return 1;
    }
    sim.run_for(5s);
    const double built_mib = bench::peak_rss_mib();

    // The stop, as scenarios/runner/scenario_faults.cpp's stop_cleanly does it.
    const BrokerId stopped = controller->id();
    const sim::NodeIndex stopped_node = brokers[static_cast<std::size_t>(stopped.value - 1)];
    const sim::Time stopped_at = sim.now();
    controller->begin_controlled_shutdown([&sim, stopped_node] {
        sim.at(sim.now() + 100ms, "stopped", [&sim, stopped_node] { sim.exit_process(stopped_node); });
    });
    Broker* successor = nullptr;
    const bool moved = run_until(sim, 10ms, 600s, [&] {
        successor = active_controller(sim, brokers);
        if (!successor || successor->id() == stopped) return false;
        const Controller& view = *successor->controller();
        if (static_cast<int>(view.partitions_with_leadership()) != partitions) return false;
        bool stopped_leads = false;
        view.for_each_leadership([&](const TopicPartition&, const LeaderAndIsr& state) {
            stopped_leads = stopped_leads || state.leader == stopped;
        });
        return !stopped_leads;
    });
    if (!moved) {
        std::fprintf(stderr, "controlled_stop_bench: no new controller had moved every leadership within 600 s\n");
        return 1;
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    const double peak = bench::peak_rss_mib();
    const double bound = bound_mib * std::min(1.0, partitions / 30'000.0);
    std::printf("controlled_stop: %d partitions x 3 replicas on 3 brokers; broker %d (the controller) stopped cleanly, "
                "broker %d controls after %.2f s simulated\n",
                partitions, stopped.value, successor->id().value,
                std::chrono::duration<double>(sim.now() - stopped_at).count());
    std::printf("controlled_stop: peak RSS %.0f MiB (%.0f MiB once built), bound %.0f MiB; %.1f s wall\n", peak,
                built_mib, bound, wall);
    bench::print_result("controlled stop of the controller: peak memory", "kafkalab", peak, "MiB");
    if (peak > bound) {
        std::fprintf(stderr, "controlled_stop_bench: peak RSS %.0f MiB is over the bound of %.0f MiB\n", peak, bound);
        return 1;
    }
    return 0;
}
