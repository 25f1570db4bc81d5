#include "broker_model/group/find_coordinator.h"

#include "broker_model/client/group_coordinator_partition.h"
#include "broker_model/controller/replica_assignment.h"
#include "broker_model/controller/topic_names.h"
#include "broker_model/events/record_event.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

std::shared_ptr<FindCoordinatorResponse> CoordinatorLookup::handle(const FindCoordinatorRequest& request) {
    auto response = std::make_shared<FindCoordinatorResponse>();
    response->error = Error::coordinator_not_available;
    const MetadataCache& metadata = broker_.metadata();
    if (!metadata.topic(consumer_offsets_topic)) {
        create_offsets_topic();
        return response;
    }
    std::int32_t partition = coordinator_partition(request.key, broker_.config().offsets_topic_num_partitions);
    const PartitionState* state = metadata.partition({consumer_offsets_topic, partition});
    if (!state || !state->leadership.has_leader()) return response;
    auto leader = metadata.live_brokers().find(state->leadership.leader);
    if (leader == metadata.live_brokers().end()) return response;  // the cache knows it is dead
    response->error = Error::none;
    response->node_id = leader->second.id;
    response->host = leader->second.host;
    response->port = leader->second.port;
    return response;
}

void CoordinatorLookup::create_offsets_topic() {
    TopicCreation& creation = broker_.topic_creation();
    if (creating_ || !creation.can_create_topics()) return;
    sim::NodeContext& context = broker_.services().context;
    const BrokerConfig& config = broker_.config();
    std::vector<BrokerRack> brokers;
    for (const auto& [id, endpoint] : broker_.metadata().live_brokers()) brokers.push_back({id, endpoint.rack});
    AssignmentResult assigned = assign_replicas(brokers, config.offsets_topic_num_partitions,
                                                config.offsets_topic_replication_factor, context.random());
    if (!assigned.error.empty()) {
        // Kafka refuses too: "Number of alive brokers ... does not meet the required
        // replication factor ... for the offsets topic". Clients keep retrying.
        record_event(context, OffsetsTopicNotCreated{assigned.error});
        return;
    }
    creating_ = true;
    std::uint64_t attempt = ++attempt_;
    auto alive = alive_;
    // The topic configs Kafka gives it (GroupCoordinator.offsetsTopicConfigs).
    std::map<std::string, std::string> configs{
        {"cleanup.policy", "compact"}, {"compression.type", "producer"}, {"segment.bytes", "104857600"}};
    TopicToCreate topic{consumer_offsets_topic, new_topic_id(context.random()), assigned.replicas, std::move(configs)};
    auto finished = [this, alive, attempt] {
        if (*alive && attempt == attempt_) creating_ = false;
    };
    creation.create_topic(topic, finished);
    // A creation whose connection is lost is never answered; do not stay "creating"
    // forever then.
    context.set_timer(config.zookeeper_session_timeout, "offsets topic creation timeout", finished);
}

}  // namespace kafkalab::kafka
