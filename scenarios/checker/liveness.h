#pragma once
// The liveness phase of the checker: did the cluster recover once the faults stopped?
//
// Safety (checker.h) asks whether acknowledged data survived; liveness asks whether
// the cluster came back, as Jepsen's final reads and TigerBeetle's simulator ask after
// they heal every fault. Once the last fault has ended (every broker and ZooKeeper
// node up and answering, no partition, cut, slow or lossy link) and a settle time has
// passed, Kafka promises:
//
//   a controller       some live broker is the active controller
//   leadership         every partition has a live leader, and its ISR is every replica
//   high watermark     each leader's high watermark reaches the log end offset its
//                      partition had when the settle time ended
//   producers          every record a live producer sent before then is resolved:
//                      acknowledged or failed, none still waiting for an answer
//   groups             every group with a live member owns each partition of the topics
//                      it subscribes to, at a position no lower than that high watermark
//
// The judgement is a pure function of a LivenessInput; the runner fills one from the
// run (scenarios/runner/recovery_watch.h), a test may write one by hand.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "sim/time.h"

namespace kafkalab::scenarios {

/// One partition at the end of the run, as the controller knows it, with its leader's log.
struct PartitionRecovery {
    kafka::TopicPartition partition;
    kafka::BrokerId leader = kafka::no_broker;
    bool leader_up = false;
    std::vector<kafka::BrokerId> replicas;
    std::vector<kafka::BrokerId> isr;
    /// The leader's high watermark and log end offset at the end; -1 without a leader's log.
    kafka::Offset high_watermark{-1};
    kafka::Offset log_end_offset{-1};
    /// The log end offset of the then leader when the settle time ended; -1 when unknown.
    kafka::Offset log_end_at_settle{-1};
    /// Scenario time since which the partition has lacked a live leader or a full ISR,
    /// continuously until the end; none when it ends healthy.
    std::optional<sim::Duration> unhealthy_since;
};

/// A live producer's records sent before the settle time ended that are still pending.
struct ProducerRecovery {
    std::string producer;
    std::int64_t unresolved = 0;
    /// When the oldest of them was sent (scenario time).
    sim::Duration oldest_sent{0};
};

/// One partition a live group should be reading.
struct GroupPartitionRecovery {
    std::string group;
    kafka::TopicPartition partition;
    /// The member that owns it at the end; empty when no live member does.
    std::string owner;
    /// The owner's position (next offset to read); -1 when unknown.
    kafka::Offset position{-1};
    /// The high watermark the group must reach: the partition's when the settle time ended.
    kafka::Offset target{0};
};

struct LivenessInput {
    /// Scenario time from which no fault was in force, until the end; none when one
    /// still is at the end.
    std::optional<sim::Duration> faults_ended_at;
    /// What was still in force at the end ("broker-2 is down"); empty when nothing.
    std::vector<std::string> faults_in_force;
    sim::Duration settle{0};
    /// Scenario time of the judgement (the end of the run).
    sim::Duration judged_at{0};
    bool has_controller = false;
    /// Since when no controller existed, when none exists at the end.
    std::optional<sim::Duration> controller_missing_since;
    std::vector<PartitionRecovery> partitions;
    std::vector<ProducerRecovery> producers;
    std::vector<GroupPartitionRecovery> groups;
    /// The first sample, after the faults ended, at which every partition had a live
    /// leader and a full ISR and a controller existed; none when that never happened.
    std::optional<sim::Duration> recovered_at;
};

/// One thing that did not recover, in words a class reads: what, and since when.
struct LivenessProblem {
    std::string subject;  // "orders-1", "controller", "producer writer", "group billing"
    std::string what;     // "no leader", "ISR 1,2 of replicas 1,2,3", ...
    std::optional<sim::Duration> since;
};

struct LivenessReport {
    /// False when the faults never ended, or ended less than the settle time before
    /// the end: the run cannot say whether the cluster would have recovered.
    bool judged = false;
    std::string not_judged_because;
    /// What had not recovered at the end, listed whether judged or not.
    std::vector<LivenessProblem> problems;
    std::optional<sim::Duration> faults_ended_at;
    std::optional<sim::Duration> recovered_at;

    /// Judged, and nothing failed to recover.
    bool live() const { return judged && problems.empty(); }
};

LivenessReport judge_liveness(const LivenessInput& input);

/// "recovered 3.2s after the last fault ended", "did not recover: 2 problems", or why
/// it was not judged; one line.
std::string liveness_summary(const LivenessReport& report);

/// The problems, one per line, indented, each with its time ("  orders-1: no leader since 14.2s").
std::string render_liveness(const LivenessReport& report);

}  // namespace kafkalab::scenarios
