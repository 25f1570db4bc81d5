#pragma once
// FindCoordinator as any broker answers it (KafkaApis.getCoordinator):
// the coordinator of group G is the leader of __consumer_offsets partition
// coordinator_partition(G, offsets.topic.num.partitions), from this broker's metadata
// cache. The first lookup creates __consumer_offsets, the way Kafka auto-creates its
// internal topics, and every lookup gets COORDINATOR_NOT_AVAILABLE until that
// partition has a live leader.
//
//   no topic ──create──> topic without leaders ──controller elects──> answer the leader
//      │                    (COORDINATOR_NOT_AVAILABLE)
//      └── fewer live brokers than offsets.topic.replication.factor: refused, and
//          COORDINATOR_NOT_AVAILABLE until enough brokers are up (Kafka 3.x enforces it)
#include <memory>

#include "broker_model/broker/broker.h"
#include "broker_model/protocol/group_requests.h"

namespace kafkalab::kafka {

class CoordinatorLookup {
public:
    explicit CoordinatorLookup(Broker& broker) : broker_(broker) {}
    ~CoordinatorLookup() { *alive_ = false; }
    CoordinatorLookup(const CoordinatorLookup&) = delete;
    CoordinatorLookup& operator=(const CoordinatorLookup&) = delete;

    std::shared_ptr<FindCoordinatorResponse> handle(const FindCoordinatorRequest& request);

    /// True while this broker's request to create __consumer_offsets is under way.
    bool creating_offsets_topic() const { return creating_; }

private:
    /// Chooses the replica assignment and submits the topic through the broker's
    /// control plane; the controller then elects its leaders.
    void create_offsets_topic();

    Broker& broker_;
    /// One creation at a time, as Kafka's AutoTopicCreationManager keeps inflight topics.
    bool creating_ = false;
    std::uint64_t attempt_ = 0;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
