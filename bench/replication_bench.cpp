// Replication throughput: 3 brokers, one topic of 6 partitions, replication factor 3,
// acks=all, batches of 1,000 records of 100 bytes, until every record is acknowledged.
// Prints simulated records per wall-clock second, peak memory, and log memory per
// retained record besides the payload. The target is 10x the "1 million messages per
// second" of the beginner's notes: at least 10 M records replicated per wall second.
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>

#include "bench/heap_setting.h"
#include "bench/result_line.h"
#include "broker_model/broker/broker.h"
#include "broker_model/broker/cluster_reader.h"
#include "broker_model/common/host_names.h"
#include "broker_model/log/record_data.h"
#include "broker_model/protocol/admin_requests.h"
#include "broker_model/protocol/produce.h"
#include "broker_model/zookeeper/ensemble.h"
#include "sim/simulation.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;

namespace {

constexpr int partitions = 6;
constexpr int records_per_batch = 1000;
constexpr int value_bytes = 100;
constexpr int in_flight_per_partition = 5;  // max.in.flight.requests.per.connection

/// Keeps five acks=all produce requests in flight per partition until `total` records
/// are acknowledged. Every batch is a new one with its own record ids, as a producer's
/// accumulator builds them; values are synthetic (sized, not stored).
class BenchProducer final : public sim::Node {
public:
    BenchProducer(sim::NodeContext& context, std::int64_t total) : sim::Node(context), network_(context), total_(total) {}
    void on_message(sim::NodeIndex from, const sim::MessagePtr& m) override { network_.on_response(from, m); }

    void start(const std::map<int, sim::NodeIndex>& leaders) {
        leaders_ = leaders;
        for (const auto& [partition, node] : leaders_) {
            for (int i = 0; i < in_flight_per_partition; ++i) send(partition);
        }
    }
    std::int64_t acknowledged() const { return acknowledged_; }
    std::int64_t failed() const { return failed_; }

private:
    void send(int partition) {
        if (sent_ >= total_) return;
        RecordDataBuilder builder(records_per_batch);
        std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  context().now().time_since_epoch()).count();
        for (int i = 0; i < records_per_batch; ++i) {
            builder.add_synthetic(std::nullopt, value_bytes, now_ms, static_cast<RecordId>(sent_ + i));
        }
        sent_ += records_per_batch;
        auto request = std::make_shared<ProduceRequest>();
        request->acks = Acks::all;
        request->partitions.push_back({{"bench", partition}, builder.build(), {}});
        network_.send(leaders_[partition], request, 30s, [this, partition](Error error, const sim::MessagePtr& r) {
            bool ok = error == Error::none && message_as<ProduceResponse>(*r).partitions[0].error == Error::none;
            (ok ? acknowledged_ : failed_) += records_per_batch;
            send(partition);
        });
    }

    NetworkClient network_;
    std::map<int, sim::NodeIndex> leaders_;
    std::int64_t total_;
    std::int64_t sent_ = 0;
    std::int64_t acknowledged_ = 0;
    std::int64_t failed_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    bench::populate_heap_as_kafkalab_does("replication", argv);
    std::int64_t total = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
    sim::Simulation sim(1);
    auto zookeeper = zk::Ensemble::add_to(sim, 1);
    std::vector<sim::NodeIndex> brokers;
    for (int id = 1; id <= 3; ++id) {
        BrokerConfig config;
        config.broker_id = BrokerId{id};
        config.zookeeper_connect = {"zk-1"};
        brokers.push_back(sim.add_node(kafka::broker_host(kafka::BrokerId{id}), [config](sim::NodeContext& c) {
            return std::make_unique<Broker>(c, config);
        }));
    }
    auto producer = sim.add_node("producer", [total](sim::NodeContext& c) { return std::make_unique<BenchProducer>(c, total); });
    sim.run_for(10s);  // registration and controller election

    Broker* controller = nullptr;
    for (auto b : brokers) {
        if (auto* broker = sim.node_as<Broker>(b); broker->is_controller()) controller = broker;
    }
    auto create = std::make_shared<CreateTopicsRequest>();
    create->topics.push_back({"bench", partitions, 3, {}, {}});
    sim.context(producer).send(brokers[static_cast<std::size_t>(controller->id().value - 1)], create);
    sim.run_for(5s);
    std::map<int, sim::NodeIndex> leaders;
    const ClusterState cluster = read_cluster_state(sim, brokers);
    for (int p = 0; p < partitions; ++p) {
        auto leader = cluster.partitions.at({"bench", p}).leadership.leader;
        leaders[p] = brokers[static_cast<std::size_t>(leader.value - 1)];
    }

    auto* bench = sim.node_as<BenchProducer>(producer);
    sim::Time simulated_start = sim.now();
    auto wall_start = std::chrono::steady_clock::now();
    bench->start(leaders);
    while (bench->acknowledged() + bench->failed() < total) sim.run_for(100ms);
    double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    double simulated_s = std::chrono::duration<double>(sim.now() - simulated_start).count();

    std::size_t log_memory = 0;
    std::int64_t retained = 0;
    for (auto b : brokers) {
        auto& logs = LogManager::on_disk(sim.context(b).disk());
        log_memory += logs.approximate_memory_bytes();
        for (const auto& [tp, log] : logs.logs()) retained += log.record_count();
    }
    double rate = static_cast<double>(bench->acknowledged()) / wall_s;
    std::printf("replication: %lld records acknowledged (acks=all, RF 3, 6 partitions), %lld failed\n",
                static_cast<long long>(bench->acknowledged()), static_cast<long long>(bench->failed()));
    std::printf("replication: %.2f M records per wall second (target >= 10 M: %.2fx of target); simulated %.3f s in %.3f s wall\n",
                rate / 1e6, rate / 10e6, simulated_s, wall_s);
    std::printf("replication: log memory %.1f bytes per retained replica record besides the payload (target < 64), "
                "peak RSS %.1f MiB\n",
                static_cast<double>(log_memory) / static_cast<double>(retained), kafkalab::bench::peak_rss_mib());
    kafkalab::bench::print_result("replication only (synthetic producer)", "kafkalab", rate, "records/s");
    return 0;
}
