#include "broker_model/broker/controller_requests_receiver.h"

namespace kafkalab::kafka {

bool ControllerRequestsReceiver::handle(sim::NodeIndex from, const sim::MessagePtr& message) {
    const sim::Message& m = *message;
    switch (m.type()) {
        case LeaderAndIsrRequest::type_id:
            handle_leader_and_isr(from, message_as<LeaderAndIsrRequest>(m));
            return true;
        case StopReplicaRequest::type_id:
            handle_stop_replica(from, message_as<StopReplicaRequest>(m));
            return true;
        case UpdateMetadataRequest::type_id:
            handle_update_metadata(from, message_as<UpdateMetadataRequest>(m));
            return true;
        default: return false;
    }
}

bool ControllerRequestsReceiver::stale_broker_epoch(std::int64_t request_epoch) const {
    // Kafka's isBrokerEpochStale: -1 comes from senders that do not know the epoch; a
    // newer one than ours is a controller that read our registration before we did.
    return request_epoch != -1 && request_epoch < services_.broker_epoch;
}

void ControllerRequestsReceiver::handle_leader_and_isr(sim::NodeIndex from, const LeaderAndIsrRequest& request) {
    if (stale_broker_epoch(request.broker_epoch)) {
        auto refused = std::make_shared<LeaderAndIsrResponse>();
        refused->correlation_id = request.correlation_id;
        refused->error = Error::stale_broker_epoch;
        return services_.context.send(from, refused);
    }
    auto response = replicas_.handle_leader_and_isr(request);
    services_.context.send(from, response);
    leadership_changed_();
}

void ControllerRequestsReceiver::handle_stop_replica(sim::NodeIndex from, const StopReplicaRequest& request) {
    if (stale_broker_epoch(request.broker_epoch)) {
        auto refused = std::make_shared<StopReplicaResponse>();
        refused->correlation_id = request.correlation_id;
        refused->error = Error::stale_broker_epoch;
        return services_.context.send(from, refused);
    }
    services_.context.send(from, replicas_.handle_stop_replica(request));
    leadership_changed_();
}

void ControllerRequestsReceiver::handle_update_metadata(sim::NodeIndex from, const UpdateMetadataRequest& request) {
    auto response = std::make_shared<UpdateMetadataResponse>();
    response->correlation_id = request.correlation_id;
    if (stale_broker_epoch(request.broker_epoch)) {
        response->error = Error::stale_broker_epoch;
    } else if (request.controller_epoch < replicas_.controller_epoch()) {
        response->error = Error::stale_controller_epoch;
    } else {
        services_.metadata.update(request.live_brokers, request.controller_id, request.partitions,
                                  request.topic_configs, request.deleted_topics);
    }
    services_.context.send(from, response);
}

}  // namespace kafkalab::kafka
