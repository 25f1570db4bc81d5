#include "scenarios/spec/resource_estimate.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

namespace kafkalab::scenarios {
namespace {

// Costs per item, measured as the header says (docs/PERFORMANCE.md has the runs), with
// KAFKALAB_HEAP_POPULATE=0 so that pages are counted as touched, not as populated.
constexpr double base_bytes = 9.0 * (1 << 20);   // the process running lesson 01
constexpr double per_broker = 50.0 * 1024;        // a broker's own state beyond its partitions
constexpr double per_replica = 2100;              // a replica: log, index, epoch cache, fetch state (2,000 -> 30,000)
constexpr double per_partition_view = 70;         // a partition in a broker's or client's metadata (10 -> 30 brokers)
constexpr double per_client = 25.0 * 1024;        // a producer or consumer (100 producers of 1 record)
constexpr double per_record = 250;                // the checker's and the clients' bookkeeping of a record
constexpr double per_record_copy = 150;           // a stored copy of a record, beyond its value (100k -> 300k records)
constexpr double per_batch = 500;                 // a produce request and its batch (1 record a second each)
constexpr double per_batch_copy = 200;            // a batch's copy on a replica
constexpr double trace_lines_per_record = 1;
constexpr double trace_lines_per_batch = 5;       // produce, replicate, acknowledge, fetch...
constexpr double trace_lines_per_replica = 2.4;   // creation, elections, ISR changes at start
constexpr double trace_lines_per_server_second = 30;  // deliveries and timers: fetches, sessions, ZooKeeper
constexpr double trace_lines_per_client_second = 5;   // an idle client's metadata, heartbeats and polls
constexpr double trace_bytes_per_line = 110;
/// A producer's sender drains its accumulator about once a millisecond under load, so
/// it sends at most that many batches (fewer records per batch cost more per record).
constexpr double batches_per_second = 1000;
/// With the heap populated ahead of use, a run whose parts outgrow the first heap
/// (lessons 05, 06 and 15 did, 01, 18 and 21 did not) holds one more growth step.
constexpr double first_heap_bytes = 1.25 * (1 << 20);
constexpr double populated_growth_step = 32.0 * (1 << 20);  // HeapPopulator::default_growth_step

/// Bytes of one record's value.
double value_bytes(const ValueSpec& value) {
    switch (value.kind) {
        case ValueKind::sequence: return 7;
        case ValueKind::fake_user_registration: return 160;
        case ValueKind::fixed: return static_cast<double>(value.text.size());
        case ValueKind::random_bytes: return static_cast<double>(value.size_bytes);
    }
    return 0;
}

}  // namespace

ResourceEstimate estimate_resources(const Scenario& s, bool heap_populated) {
    const double brokers = static_cast<double>(s.cluster.brokers.size());
    const double clients = static_cast<double>(s.producers.size() + s.consumers.size());
    double partitions = 0;
    double replicas = 0;
    for (const auto& t : s.topics) {
        partitions += t.partitions;
        replicas += static_cast<double>(t.partitions) * t.replication_factor;
    }
    // Groups live in __consumer_offsets, created when the first consumer looks for
    // its coordinator: offsets.topic.num.partitions (50) at up to 3 replicas.
    const bool groups = std::any_of(s.consumers.begin(), s.consumers.end(), [](const auto& c) { return !c.group_id.empty(); });
    if (groups) {
        const double offsets = static_cast<double>(s.cluster.properties.get_int("offsets.topic.num.partitions"));
        partitions += offsets;
        replicas += offsets * std::min(brokers, static_cast<double>(s.cluster.properties.get_int("offsets.topic.replication.factor")));
    }
    double records = 0, copies = 0, value_copies = 0, batches = 0, batch_copies = 0;
    for (const auto& p : s.producers) {
        const double sent = records_sent(p, s.duration);
        const auto* topic = s.find_topic(p.topic);
        const double factor = topic ? topic->replication_factor : 1;
        const double window = std::chrono::duration<double>(std::min(p.stop, s.duration) - p.start).count();
        const double sent_batches = std::min(sent, std::max(1.0, window * batches_per_second));
        records += sent;
        copies += sent * factor;
        value_copies += sent * factor * value_bytes(p.value);
        batches += sent_batches;
        batch_copies += sent_batches * factor;
    }
    ResourceEstimate e;
    auto add = [&e](std::string name, double count, double bytes, std::string what) {
        e.memory.push_back(CostPart{std::move(name), count, bytes, std::move(what)});
    };
    add("partition replicas", replicas, replicas * per_replica, "a partition's replica on a broker");
    // Every broker and client holds the cluster's metadata, each partition in it.
    const double views = partitions * (brokers + clients);
    add("partition metadata", views, views * per_partition_view, "a partition in one broker's or client's metadata");
    add("brokers", brokers, brokers * per_broker, "a broker");
    add("producers and consumers", clients, clients * per_client, "a producer or consumer");
    add("records", records,
        records * per_record + copies * per_record_copy + value_copies + batches * per_batch + batch_copies * per_batch_copy,
        "a record, stored on each replica and tracked by the checker");
    double parts = 0;
    for (const auto& part : e.memory) parts += part.bytes;
    if (heap_populated && parts > first_heap_bytes) e.populated_ahead_bytes = populated_growth_step;
    std::stable_sort(e.memory.begin(), e.memory.end(), [](const CostPart& a, const CostPart& b) { return a.bytes > b.bytes; });
    e.memory_bytes = base_bytes + parts + e.populated_ahead_bytes;
    const double seconds = std::chrono::duration<double>(s.duration).count();
    const double servers = brokers + s.cluster.zookeeper.nodes;
    e.trace_lines = records * trace_lines_per_record + batches * trace_lines_per_batch +
                    replicas * trace_lines_per_replica + servers * seconds * trace_lines_per_server_second +
                    clients * seconds * trace_lines_per_client_second;
    e.trace_bytes = e.trace_lines * trace_bytes_per_line;
    return e;
}

std::string format_bytes(double bytes) {
    constexpr const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int unit = 0;
    while (bytes >= 1024 && unit < 5) bytes /= 1024, ++unit;
    if (unit == 0) return fmt::format("{:.0f} bytes", bytes);
    if (bytes < 10) return fmt::format("{:.1f} {}", bytes, units[unit]);
    return fmt::format("{:.0f} {}", bytes, units[unit]);
}

}  // namespace kafkalab::scenarios
