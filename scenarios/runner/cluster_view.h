#pragma once
// Who leads each partition and who is in sync, as a user asking the cluster would be
// told: the active controller's state when there is one, else the freshest metadata
// any live broker holds (a broker always answers Metadata from its cache, even while
// the controller is gone). Expectations read it, so a crashed controller does not
// make every partition look leaderless.
#include <map>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/log/partition_log.h"
#include "broker_model/protocol/partition_state.h"

namespace kafkalab::scenarios {

class ScenarioRun;

struct PartitionView {
    kafka::LeaderAndIsr leadership;
    std::vector<kafka::BrokerId> replicas;  // the assignment, preferred leader first
};

std::map<kafka::TopicPartition, PartitionView> cluster_view(ScenarioRun& run);

/// The log a consumer of `tp` reads: the leader's when the leader is up, else the live
/// replica's with the most records below its high watermark (the most one of them
/// would serve once elected). Null when no replica is up.
const kafka::PartitionLog* serving_log(ScenarioRun& run, const kafka::TopicPartition& tp, const PartitionView& view);

/// Records a consumer of `tp` could read: [log start, high watermark) of serving_log(),
/// 0 when no replica is up.
std::int64_t readable_records(ScenarioRun& run, const kafka::TopicPartition& tp, const PartitionView& view);

}  // namespace kafkalab::scenarios
