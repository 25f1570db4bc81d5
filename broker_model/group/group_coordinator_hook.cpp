#include "broker_model/group/group_coordinator_hook.h"

#include "broker_model/group/find_coordinator.h"
#include "broker_model/group/group_coordinator.h"

namespace kafkalab::kafka {

namespace {

/// Routes the group APIs that reach a broker to its coordinator, and answers them.
class GroupCoordinatorHook final : public RequestHook {
public:
    GroupCoordinatorHook(Broker& broker, GroupCoordinatorConfig config)
        : broker_(broker), coordinator_(broker, config), lookup_(broker) {}

    bool handle(sim::NodeIndex from, const sim::MessagePtr& message) override;
    void on_leadership_changed() override { coordinator_.on_leadership_changed(); }
    GroupCoordinator& coordinator() { return coordinator_; }

private:
    /// Answers on the request's connection with its correlation id.
    template <class Response>
    void reply(sim::NodeIndex to, std::int32_t correlation_id, std::shared_ptr<Response> response) {
        response->correlation_id = correlation_id;
        broker_.services().context.send(to, std::move(response));
    }
    /// A callback answering later, for requests that wait (JoinGroup, SyncGroup, OffsetCommit).
    template <class Response>
    std::function<void(std::shared_ptr<Response>)> replier(sim::NodeIndex to, std::int32_t correlation_id) {
        return [this, to, correlation_id](std::shared_ptr<Response> response) {
            reply(to, correlation_id, std::move(response));
        };
    }
    void handle_describe_groups(sim::NodeIndex from, const DescribeGroupsRequest& request);

    Broker& broker_;
    GroupCoordinator coordinator_;
    CoordinatorLookup lookup_;
};

bool GroupCoordinatorHook::handle(sim::NodeIndex from, const sim::MessagePtr& message) {
    const sim::Message& m = *message;
    switch (m.type()) {
        case FindCoordinatorRequest::type_id: {
            const auto& request = message_as<FindCoordinatorRequest>(m);
            reply(from, request.correlation_id, lookup_.handle(request));
            return true;
        }
        case JoinGroupRequest::type_id: {
            const auto& request = message_as<JoinGroupRequest>(m);
            coordinator_.handle_join_group(request, replier<JoinGroupResponse>(from, request.correlation_id));
            return true;
        }
        case SyncGroupRequest::type_id: {
            const auto& request = message_as<SyncGroupRequest>(m);
            coordinator_.handle_sync_group(request, replier<SyncGroupResponse>(from, request.correlation_id));
            return true;
        }
        case HeartbeatRequest::type_id: {
            const auto& request = message_as<HeartbeatRequest>(m);
            auto response = std::make_shared<HeartbeatResponse>();
            response->error = coordinator_.handle_heartbeat(request);
            reply(from, request.correlation_id, response);
            return true;
        }
        case LeaveGroupRequest::type_id: {
            const auto& request = message_as<LeaveGroupRequest>(m);
            auto response = std::make_shared<LeaveGroupResponse>();
            response->error = coordinator_.handle_leave_group(request);
            reply(from, request.correlation_id, response);
            return true;
        }
        case OffsetCommitRequest::type_id: {
            const auto& request = message_as<OffsetCommitRequest>(m);
            std::int32_t correlation_id = request.correlation_id;
            coordinator_.handle_commit_offsets(request, [this, from, correlation_id](OffsetCommitResults results) {
                auto response = std::make_shared<OffsetCommitResponse>();
                response->results = std::move(results);
                reply(from, correlation_id, response);
            });
            return true;
        }
        case OffsetFetchRequest::type_id: {
            const auto& request = message_as<OffsetFetchRequest>(m);
            reply(from, request.correlation_id, coordinator_.handle_fetch_offsets(request));
            return true;
        }
        case DescribeGroupsRequest::type_id:
            handle_describe_groups(from, message_as<DescribeGroupsRequest>(m));
            return true;
        case ListGroupsRequest::type_id:
            reply(from, message_as<ListGroupsRequest>(m).correlation_id, coordinator_.handle_list_groups());
            return true;
        default: return false;
    }
}

void GroupCoordinatorHook::handle_describe_groups(sim::NodeIndex from, const DescribeGroupsRequest& request) {
    auto response = std::make_shared<DescribeGroupsResponse>();
    for (const auto& group_id : request.groups) response->groups.push_back(coordinator_.describe_group(group_id));
    reply(from, request.correlation_id, response);
}

}  // namespace

Broker::HookFactory group_coordinator_hook(GroupCoordinatorConfig config) {
    return [config](Broker& broker) -> std::unique_ptr<RequestHook> {
        return std::make_unique<GroupCoordinatorHook>(broker, config);
    };
}

GroupCoordinator* group_coordinator_of(Broker& broker) {
    auto* hook = dynamic_cast<GroupCoordinatorHook*>(broker.hook());
    return hook ? &hook->coordinator() : nullptr;
}

}  // namespace kafkalab::kafka
