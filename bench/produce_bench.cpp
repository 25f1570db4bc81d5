// The Kafka produce workload: a real Producer node (acks=all, linger.ms=5, 100-byte
// values) sends N records to 3 brokers, one topic of 6 partitions with replication
// factor 3; timed until every record is acknowledged, which with acks=all means every
// in-sync follower has fetched it. The ledger keeps ids and outcomes, not values.
//
// Usage: produce_bench [records]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "bench/bench_cluster.h"
#include "bench/heap_setting.h"
#include "bench/result_line.h"
#include "broker_model/client/send_ledger.h"
#include "sim/simulation.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;

int main(int argc, char** argv) {
    bench::populate_heap_as_kafkalab_does("produce", argv);
    const std::int64_t total = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    sim::Simulation sim(1);
    bench::start_three_broker_cluster(sim, "produce", 6);

    SendLedger ledger(1, 0);
    bench::add_bench_producer(sim, ledger, "produce", total);

    auto wall_start = std::chrono::steady_clock::now();
    sim::Time simulated_start = sim.now();
    while (static_cast<std::int64_t>(ledger.acknowledged_count()) < total && sim.now() - simulated_start < 600s) {
        sim.run_for(100ms);
    }
    double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    double simulated_s = std::chrono::duration<double>(sim.now() - simulated_start).count();
    auto acknowledged = static_cast<double>(ledger.acknowledged_count());
    std::printf("produce: %.0f records acknowledged (acks=all, RF 3) in %.2f s wall, %.2f s simulated: %.2f M records/s\n",
                acknowledged, wall_s, simulated_s, acknowledged / wall_s / 1e6);
    bench::print_result("produce 1 M records, acks=all, RF 3", "kafkalab", acknowledged / wall_s, "records/s");
    return acknowledged == static_cast<double>(total) ? 0 : 1;
}
