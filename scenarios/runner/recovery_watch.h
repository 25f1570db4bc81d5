#pragma once
// Watches a run for the liveness phase (scenarios/checker/liveness.h): every 100 ms of
// scenario time it notes whether a fault is in force and, once none is, how each
// partition fares; when the settle time has passed it records what the cluster must
// then reach; at the end it fills the LivenessInput.
//
// A fault is in force while a broker or ZooKeeper node is down or frozen, or the network
// is partitioned, has a cut link or blocked pair, or a link differs from how the
// scenario built it (slow, lossy). It is read from the simulation, not from the fault
// list, so scripted, random and live faults count alike. Clients are not the cluster:
// a crashed consumer is not a fault the cluster must recover from.
//
// Sampling runs the simulation in slices (ScenarioRun::run_until), which never changes
// the run: the trace is the same byte for byte with or without a watch.
#include <map>
#include <optional>
#include <vector>

#include "broker_model/common/types.h"
#include "scenarios/checker/liveness.h"
#include "scenarios/runner/cluster_view.h"
#include "scenarios/spec/scenario.h"
#include "sim/network.h"
#include "sim/trace.h"
#include "sim/time.h"

namespace kafkalab::scenarios {

class ScenarioRun;

/// The settle time Kafka's own timeouts give a scenario: the longest of the brokers'
/// zookeeper.session.timeout.ms and replica.lag.time.max.ms, the producers'
/// request.timeout.ms and the consumers' session.timeout.ms, plus 10 s to catch up
/// and rejoin. A crashed broker's old session must expire before its partitions move;
/// a request lost with its connection is retried after request.timeout.ms; a follower
/// cut off is out of the ISR after replica.lag.time.max.ms and back once caught up.
sim::Duration default_settle(const Scenario& scenario);

class RecoveryWatch {
public:
    static constexpr sim::Duration sample_interval = std::chrono::milliseconds(100);

    RecoveryWatch(ScenarioRun& run, sim::Duration settle);

    /// The next scenario time to sample at.
    sim::Duration next_sample() const { return next_sample_; }
    /// Samples the run at next_sample() (the run stands there) and moves it on.
    void sample();
    /// Sees the run's events: a host's crash ends the life whose sends can no longer
    /// be answered (a restarted producer does not wait for its predecessor's records).
    void on_event(const sim::TraceRecord& record);
    /// What the checker judges, at the run's current time.
    LivenessInput input() const;
    sim::Duration settle() const { return settle_; }

private:
    /// What is in force now ("broker-2 is down", "the network is partitioned").
    std::vector<std::string> faults_in_force() const;
    /// Notes since when the controller and each partition have been unhealthy; true
    /// when a controller exists and every partition has a live leader and a full ISR.
    bool note_health(sim::Duration now);
    void take_settle_snapshot();
    /// The offset a group must have read `tp` up to: what existed at the settle time
    /// and is committed now.
    kafka::Offset group_target(const kafka::TopicPartition& tp, const PartitionView& view) const;
    void add_groups(LivenessInput& in, const std::map<kafka::TopicPartition, PartitionView>& views) const;

    ScenarioRun& run_;
    sim::Duration settle_;
    sim::Duration next_sample_{0};
    /// The links as the scenario built them, to tell a slow or lossy link.
    std::map<std::pair<sim::VertexId, sim::VertexId>, sim::LinkSpec> built_links_;
    std::optional<sim::Duration> faults_ended_at_;
    std::optional<sim::Duration> controller_missing_since_;
    std::map<kafka::TopicPartition, sim::Duration> unhealthy_since_;
    std::optional<sim::Duration> recovered_at_;
    bool settled_ = false;
    /// At the settle time: each partition's serving log's end offset, and the ledger's size.
    std::map<kafka::TopicPartition, kafka::Offset> log_end_at_settle_;
    std::size_t sends_before_settle_ = 0;
    /// The last time each host went down (crash, power loss or exit).
    std::map<std::string, sim::Time, std::less<>> last_down_;
};

}  // namespace kafkalab::scenarios
