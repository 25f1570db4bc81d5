#pragma once
// Who leads each partition and who is in sync, for expectations and the run's reports:
// the run's cluster read through the one cluster-state read
// (broker_model/broker/cluster_reader.h) that the viewer and the tools use too.
#include <map>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/controller/cluster_state.h"
#include "broker_model/log/partition_log.h"

namespace kafkalab::scenarios {

class ScenarioRun;

using PartitionView = kafka::PartitionLeadership;

/// The whole state: leaders, ISRs, the controller, the live brokers.
kafka::ClusterState cluster_state(ScenarioRun& run);

/// Its partitions.
std::map<kafka::TopicPartition, PartitionView> cluster_view(ScenarioRun& run);

/// The log a consumer of `tp` reads: the leader's when the leader is up, else the live
/// replica's with the most records below its high watermark (the most one of them
/// would serve once elected). Null when no replica is up.
const kafka::PartitionLog* serving_log(ScenarioRun& run, const kafka::TopicPartition& tp, const PartitionView& view);

/// Records a consumer of `tp` could read: [log start, high watermark) of serving_log(),
/// 0 when no replica is up.
std::int64_t readable_records(ScenarioRun& run, const kafka::TopicPartition& tp, const PartitionView& view);

}  // namespace kafkalab::scenarios
