// End to end: a producer (acks=all, linger.ms=5) sends to 3 brokers (6 partitions,
// replication factor 3), a consumer group of 3 reads everything. Prints records per
// wall second through the whole path, beside peak memory. Producer and consumers are
// the real client nodes, with their ledger and consumption log.
//
// Usage: end_to_end_bench [RECORDS] [VALUE]; VALUE is a value generator's name, by
// default the librdkafka peer's payload (e.g. random-bytes:100 adds its generation).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "bench/bench_cluster.h"
#include "bench/heap_setting.h"
#include "bench/result_line.h"
#include "broker_model/client/consumer.h"
#include "broker_model/client/producer.h"
#include "sim/simulation.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;

int main(int argc, char** argv) {
    bench::populate_heap_as_kafkalab_does("end-to-end", argv);
    const std::int64_t total = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    const std::string value = argc > 2 ? argv[2] : bench::peer_payload();
    sim::Simulation sim(1);
    bench::start_three_broker_cluster(sim, "e2e", 6);

    // Values are not kept in the ledger: only ids, offsets and outcomes.
    SendLedger ledger(1, 0);
    bench::add_bench_producer(sim, ledger, "e2e", total, value);
    // Nor in the consumption log: the count of deliveries is all this benchmark reads.
    auto consumed = std::make_shared<ConsumptionLog>(false);
    for (int i = 1; i <= 3; ++i) {
        ConsumerOptions options;
        options.config.bootstrap_servers = {"broker-1"};
        options.config.group_id = "e2e-group";
        options.config.auto_offset_reset = AutoOffsetReset::earliest;
        options.config.max_poll_records = 5000;
        options.topics = {"e2e"};
        options.log = consumed;
        sim.add_node("consumer-" + std::to_string(i), Consumer::factory(options));
    }

    auto wall_start = std::chrono::steady_clock::now();
    sim::Time simulated_start = sim.now();
    while (static_cast<std::int64_t>(consumed->deliveries().size()) < total && sim.now() - simulated_start < 600s) {
        sim.run_for(100ms);
    }
    double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    double simulated_s = std::chrono::duration<double>(sim.now() - simulated_start).count();
    auto delivered = static_cast<double>(consumed->deliveries().size());
    const bool peer_payload = value == bench::peer_payload();
    std::printf("end-to-end: %.0f records of %s produced (acks=all, RF 3), replicated and consumed by a group of 3\n",
                delivered, peer_payload ? "100 bytes of 'x' (the peer's payload)" : value.c_str());
    std::printf("end-to-end: %.2f M records per wall second (target >= 5 M: %.2fx); simulated %.2f s in %.2f s wall\n",
                delivered / wall_s / 1e6, delivered / wall_s / 5e6, simulated_s, wall_s);
    std::printf("end-to-end: peak RSS %.1f MiB\n", bench::peak_rss_mib());
    bench::print_result("end to end: produce and consume 1 M records", "kafkalab", delivered / wall_s, "records/s");
    return delivered == static_cast<double>(total) ? 0 : 1;
}
