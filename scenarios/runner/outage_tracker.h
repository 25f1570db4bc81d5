#pragma once
// What an on-call engineer asks after a failure: how long each partition had no leader
// (it refused every produce and fetch), and how long until its ISR was whole again (it
// ran without its full redundancy). Follows the cluster as a user asking it would see
// it (cluster_view.h), read after each election and ISR change; internal topics are
// left out, as they are from the metrics CSV's partition rows.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "scenarios/runner/cluster_view.h"
#include "sim/time.h"

namespace kafkalab::scenarios {

/// A span of scenario time; `to` is unset while it lasts.
struct TimeWindow {
    sim::Duration from{0};
    std::optional<sim::Duration> to;
};

struct PartitionOutage {
    std::vector<TimeWindow> offline;           // no leader
    std::vector<TimeWindow> under_replicated;  // ISR smaller than the replica list
};

class OutageTracker {
public:
    /// The cluster as it was at scenario time `at`; times only grow.
    void observe(sim::Duration at, const std::map<kafka::TopicPartition, PartitionView>& view);
    /// Every partition that was offline or under-replicated at some point, by partition.
    const std::map<kafka::TopicPartition, PartitionOutage>& outages() const { return outages_; }

private:
    std::map<kafka::TopicPartition, PartitionOutage> outages_;
};

/// "payments-0: no leader from 12.000s to 15.100s (3.100s); under-replicated from
/// 12.000s, full ISR again at 40.200s (28.200s)", one line per partition; empty when
/// nothing happened.
std::string render_outages(const OutageTracker& tracker);

}  // namespace kafkalab::scenarios
