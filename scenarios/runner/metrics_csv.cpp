#include "scenarios/runner/metrics_csv.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "broker_model/common/host_names.h"
#include "scenarios/runner/cluster_view.h"

namespace kafkalab::scenarios {

namespace {

bool internal_topic(const std::string& topic) { return topic.rfind("__", 0) == 0; }

/// One sample's rows, built partition by partition, then groups, producers, cluster.
class Sampler {
public:
    explicit Sampler(ScenarioRun& run) : run_(run) {}

    std::vector<MetricRow> take() {
        sample_partitions();
        sample_groups();
        sample_producers();
        sample_cluster();
        return std::move(rows_);
    }

private:
    void add(const char* kind, const std::string& name, const std::string& topic, std::int32_t partition,
             const char* metric, std::int64_t value) {
        rows_.push_back(MetricRow{kind, name, topic, partition, metric, value});
    }
    void sample_partitions();
    void sample_groups();
    void sample_producers();
    void sample_cluster();

    ScenarioRun& run_;
    std::vector<MetricRow> rows_;
    std::int64_t under_replicated_ = 0;
    std::int64_t offline_ = 0;
    std::int64_t acknowledged_ = 0, failed_ = 0;
    /// Of the partitions whose leader's log could be read at this sample, for lag.
    std::map<kafka::TopicPartition, std::int64_t> high_watermarks_;
};

void Sampler::sample_partitions() {
    for (const auto& [tp, view] : cluster_view(run_)) {
        const kafka::BrokerId leader_id = view.leadership.leader;
        const auto isr_size = static_cast<std::int64_t>(view.leadership.isr.size());
        const auto replicas = static_cast<std::int64_t>(view.replicas.size());
        const bool under = isr_size < replicas;
        // The cluster's counts are Kafka's UnderReplicatedPartitions and
        // OfflinePartitionsCount, which count every partition, __consumer_offsets
        // included, as the under-replicated-partitions expectation does; only the
        // per-partition rows leave internal topics out.
        under_replicated_ += under;
        offline_ += leader_id == kafka::no_broker;
        if (internal_topic(tp.topic)) continue;
        add("partition", "", tp.topic, tp.partition, "leader", leader_id.value);
        add("partition", "", tp.topic, tp.partition, "isr_size", isr_size);
        add("partition", "", tp.topic, tp.partition, "replicas", replicas);
        auto* leader = leader_id == kafka::no_broker ? nullptr : run_.broker(kafka::broker_host(leader_id));
        if (const auto* log = leader ? leader->logs().find(tp) : nullptr) {
            high_watermarks_[tp] = log->high_watermark().value;
            add("partition", "", tp.topic, tp.partition, "high_watermark", log->high_watermark().value);
            add("partition", "", tp.topic, tp.partition, "log_end_offset", log->log_end_offset().value);
        }
        add("partition", "", tp.topic, tp.partition, "under_replicated", under ? 1 : 0);
    }
}

void Sampler::sample_groups() {
    std::set<std::string> groups;
    for (const auto& [name, status] : run_.consumption()->statuses()) {
        if (!status.group.empty()) groups.insert(status.group);
    }
    for (const auto& group : groups) {
        for (const auto& [tp, committed] : run_.consumption()->last_committed(group)) {
            add("group", group, tp.topic, tp.partition, "committed_offset", committed.value);
            auto high_watermark = high_watermarks_.find(tp);
            if (high_watermark != high_watermarks_.end()) {
                add("group", group, tp.topic, tp.partition, "lag", high_watermark->second - committed.value);
            }
        }
    }
}

void Sampler::sample_producers() {
    struct Counts {
        std::int64_t acknowledged = 0, failed = 0, pending = 0;
    };
    std::map<std::string_view, Counts> producers;
    for (const auto& entry : run_.ledger().entries()) {
        Counts& c = producers[entry.producer];
        switch (entry.status) {
            case kafka::SendStatus::acknowledged: ++c.acknowledged, ++acknowledged_; break;
            case kafka::SendStatus::failed: ++c.failed, ++failed_; break;
            case kafka::SendStatus::pending: ++c.pending; break;
        }
    }
    for (const auto& [view, c] : producers) {
        const std::string name(view);
        add("producer", name, "", -1, "acknowledged", c.acknowledged);
        add("producer", name, "", -1, "failed", c.failed);
        add("producer", name, "", -1, "pending", c.pending);
    }
}

void Sampler::sample_cluster() {
    std::int64_t live = 0;
    for (auto node : run_.broker_nodes()) live += run_.simulation().is_up(node);
    auto* controller = run_.controller();
    add("cluster", "", "", -1, "records_sent", static_cast<std::int64_t>(run_.ledger().size()));
    add("cluster", "", "", -1, "records_acknowledged", acknowledged_);
    add("cluster", "", "", -1, "records_failed", failed_);
    add("cluster", "", "", -1, "records_consumed", static_cast<std::int64_t>(run_.consumption()->deliveries().size()));
    add("cluster", "", "", -1, "under_replicated_partitions", under_replicated_);
    add("cluster", "", "", -1, "offline_partitions", offline_);
    add("cluster", "", "", -1, "live_brokers", live);
    add("cluster", "", "", -1, "controller", controller ? controller->id().value : -1);
}

}  // namespace

std::vector<MetricRow> sample_metrics(ScenarioRun& run) { return Sampler(run).take(); }

MetricsCsv::MetricsCsv(ScenarioRun& run, std::ostream& out) : run_(run), out_(out) {
    out_ << "time_s,kind,name,topic,partition,metric,value\n";
}

void MetricsCsv::sample() {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(run_.now()).count();
    const std::string time = fmt::format("{}.{:06}", us / 1'000'000, us % 1'000'000);
    for (const auto& r : sample_metrics(run_)) {
        std::string partition = r.partition < 0 ? "" : std::to_string(r.partition);
        out_ << fmt::format("{},{},{},{},{},{},{}\n", time, r.kind, r.name, r.topic, partition, r.metric, r.value);
    }
}

}  // namespace kafkalab::scenarios
