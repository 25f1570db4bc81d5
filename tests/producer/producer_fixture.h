#pragma once
// A TestCluster with producers and one SendLedger, plus the checker-style questions
// the producer tests ask: which record ids does a broker's log hold, and which
// acknowledged records are missing from it or appear twice.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "broker_model/client/producer.h"
#include "broker_model/client/send_ledger.h"
#include "support/test_cluster.h"

namespace kafkalab::kafka::testing {

/// Record ids in `broker`'s log of `tp`, in offset order: committed only (below the
/// high watermark, what a consumer could read) or the whole log.
inline std::vector<RecordId> log_record_ids(TestCluster& cluster, int broker, const TopicPartition& tp,
                                            bool committed_only = true) {
    std::vector<RecordId> ids;
    PartitionLog* log = cluster.log(broker, tp);
    if (!log) return ids;
    const Offset end = committed_only ? log->high_watermark() : log->log_end_offset();
    for (const auto& batch : log->batches()) {
        for (Offset o = batch.base_offset; o < batch.next_offset() && o < end; ++o) ids.push_back(batch.record_id_at(o));
    }
    return ids;
}

/// Acknowledged records of `tp` that `log_ids` does not hold: Jepsen's lost writes.
inline std::vector<RecordId> lost_acknowledged(const SendLedger& ledger, const TopicPartition& tp,
                                               const std::vector<RecordId>& log_ids) {
    std::vector<RecordId> lost;
    for (const SendEntry& e : ledger.acknowledged_on(tp)) {
        if (std::find(log_ids.begin(), log_ids.end(), e.record_id) == log_ids.end()) lost.push_back(e.record_id);
    }
    return lost;
}

/// Record ids that `log_ids` holds more than once.
inline std::vector<RecordId> duplicated(const std::vector<RecordId>& log_ids) {
    std::map<RecordId, int> seen;
    for (RecordId id : log_ids) ++seen[id];
    std::vector<RecordId> twice;
    for (const auto& [id, n] : seen) {
        if (n > 1) twice.push_back(id);
    }
    return twice;
}

/// A producer config pointing at the whole test cluster.
inline ProducerConfig cluster_producer_config(int brokers = 3) {
    ProducerConfig config;
    for (int id = 1; id <= brokers; ++id) config.bootstrap_servers.push_back("broker-" + std::to_string(id));
    return config;
}

struct ProducerFixture {
    explicit ProducerFixture(ClusterOptions options = {}) : cluster(options) {}

    sim::NodeIndex add(const std::string& name, ProducerConfig config,
                       std::optional<ProducerWorkload> workload = std::nullopt) {
        return add_producer(cluster.sim(), name, std::move(config), ledger, std::move(workload));
    }
    Producer& producer(sim::NodeIndex node) { return *cluster.sim().node_as<Producer>(node); }
    /// Runs until every record in the ledger has an outcome.
    bool settle(sim::Duration limit = 60s) {
        return cluster.run_until([&] { return ledger.pending().empty(); }, limit);
    }

    SendLedger ledger{1'000'000};  // far above the ids TestCluster::produce uses
    TestCluster cluster;
};

}  // namespace kafkalab::kafka::testing
