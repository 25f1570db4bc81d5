#pragma once
// Metrics of a run as CSV, sampled at fixed scenario times by a SlicedRun: one row per
// value, so partitions, groups and producers that appear mid-run (a topic created by a
// step, a console producer) need no new columns.
//
//   time_s,kind,name,topic,partition,metric,value
//   10.000000,partition,,payments,0,isr_size,2
//   10.000000,group,analytics,payments,0,lag,3
//   10.000000,producer,registrations,,,acknowledged,198
//   10.000000,cluster,,,,records_sent,200
//
// kind "partition" (internal topics such as __consumer_offsets are left out):
// leader (-1 for none), isr_size, replicas, high_watermark and log_end_offset of the
// leader's log (absent without a leader), under_replicated (1 when ISR < replicas).
// kind "group": committed_offset (the latest successful commit) and lag (the leader's
// high watermark minus it). kind "producer": acknowledged, failed, pending records.
// kind "cluster": records_sent, records_acknowledged, records_failed,
// records_consumed (every record a consumer's poll returned), under_replicated_partitions
// and offline_partitions (over every partition, internal ones included, as Kafka's
// UnderReplicatedPartitions and OfflinePartitionsCount count), live_brokers,
// controller (-1 for none).
//
// Partition state is the active controller's view, or, while there is none, the
// metadata of the first live broker. Reading never changes the simulation.
#include <ostream>
#include <string>
#include <vector>

#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

/// One value of one sample: a row of the CSV without its time.
struct MetricRow {
    std::string kind;   // "partition", "group", "producer", "cluster"
    std::string name;   // the group or producer; empty otherwise
    std::string topic;  // empty for producers and the cluster
    std::int32_t partition = -1;
    const char* metric = "";
    std::int64_t value = 0;
};

/// Reads the metrics of a run at its current time, in a fixed order (partitions,
/// groups, producers by name, then the cluster).
std::vector<MetricRow> sample_metrics(ScenarioRun& run);

class MetricsCsv {
public:
    /// Writes the header line at once.
    MetricsCsv(ScenarioRun& run, std::ostream& out);

    /// Appends the rows of one sample, stamped with the run's current scenario time.
    void sample();

private:
    ScenarioRun& run_;
    std::ostream& out_;
};

}  // namespace kafkalab::scenarios
