#pragma once
// Helpers for the group coordinator's tests: a cluster whose brokers run the group
// coordinator, scripted members, and one-request calls from the cluster's client.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "broker_model/client/group_coordinator_partition.h"
#include "broker_model/group/group_coordinator.h"
#include "broker_model/group/group_coordinator_hook.h"
#include "group/scripted_member.h"
#include "support/test_cluster.h"

namespace kafkalab::kafka::testing {

/// A cluster of `brokers` brokers, each running a group coordinator. __consumer_offsets
/// keeps Kafka's 50 partitions unless told otherwise; its replication factor is
/// Kafka's 3, or the broker count when smaller (as a one-broker dev setup configures it).
inline ClusterOptions group_cluster(int brokers = 3, std::uint64_t seed = 42, std::int32_t offsets_partitions = 50) {
    ClusterOptions options;
    options.brokers = brokers;
    options.seed = seed;
    options.hooks = group_coordinator_hook();
    options.broker.offsets_topic_num_partitions = offsets_partitions;
    options.broker.offsets_topic_replication_factor = static_cast<std::int16_t>(std::min(brokers, 3));
    return options;
}

/// Adds a scripted member node named `name` and returns it (it lives until the test ends).
inline ScriptedMember& add_member(TestCluster& cluster, const std::string& name, MemberOptions options = {}) {
    if (options.client_id == "consumer") options.client_id = name;
    sim::NodeIndex node = cluster.sim().add_node(name, [options](sim::NodeContext& context) {
        return std::make_unique<ScriptedMember>(context, options);
    });
    return *cluster.sim().node_as<ScriptedMember>(node);
}

/// Sends `request` from the cluster's client to broker `broker_id` and runs until it is
/// answered; nullopt if the network failed or `limit` passed.
template <class Response, class Request>
std::optional<Response> call(TestCluster& cluster, int broker_id, std::shared_ptr<Request> request,
                             sim::Duration limit = 30s) {
    std::optional<Response> answer;
    bool done = false;
    cluster.client().network().send(cluster.broker_node(broker_id), request, limit,
                                    [&](Error error, const sim::MessagePtr& response) {
                                        done = true;
                                        if (error == Error::none) answer = message_as<Response>(*response);
                                    });
    cluster.run_until([&] { return done; }, limit + 1s);
    return answer;
}

/// Sends without waiting; the answer lands in the returned slot when it comes.
template <class Response, class Request>
std::shared_ptr<std::optional<Response>> send(TestCluster& cluster, int broker_id, std::shared_ptr<Request> request,
                                              sim::Duration limit = 60s) {
    auto slot = std::make_shared<std::optional<Response>>();
    cluster.client().network().send(cluster.broker_node(broker_id), request, limit,
                                    [slot](Error error, const sim::MessagePtr& response) {
                                        if (error == Error::none) *slot = message_as<Response>(*response);
                                    });
    return slot;
}

/// Asks `via_broker` for the coordinator of `group_id` until it names one (the first
/// ask creates __consumer_offsets); the coordinator's broker id, or -1 after `limit`.
inline int find_coordinator(TestCluster& cluster, const std::string& group_id, int via_broker = 1,
                            sim::Duration limit = 60s) {
    int found = -1;
    cluster.run_until([&] {
        auto request = std::make_shared<FindCoordinatorRequest>();
        request->key = group_id;
        auto response = call<FindCoordinatorResponse>(cluster, via_broker, request);
        if (response && response->error == Error::none) found = response->node_id.value;
        if (found < 0) cluster.run_for(100ms);  // retry.backoff.ms
        return found >= 0;
    }, limit);
    return found;
}

/// Runs until the coordinator of `group_id` serves it (its partition is loaded).
inline int wait_for_coordinator(TestCluster& cluster, const std::string& group_id, int via_broker = 1) {
    int id = find_coordinator(cluster, group_id, via_broker);
    if (id < 0) return id;
    cluster.run_until([&] {
        Broker* broker = cluster.broker(id);
        GroupCoordinator* coordinator = broker ? group_coordinator_of(*broker) : nullptr;
        return coordinator && coordinator->manager().is_group_local(group_id);
    });
    return id;
}

inline std::shared_ptr<JoinGroupRequest> join_request(const std::string& group_id, const std::string& member_id,
                                                      std::vector<std::string> protocols = {"range"},
                                                      std::int32_t session_timeout_ms = 45'000) {
    auto request = std::make_shared<JoinGroupRequest>();
    request->group_id = group_id;
    request->member_id = member_id;
    request->client_id = "scripted";
    request->client_host = "/client";
    request->session_timeout_ms = session_timeout_ms;
    for (auto& name : protocols) request->protocols.push_back({name, {"payments"}, {}, -1});
    return request;
}

inline std::shared_ptr<HeartbeatRequest> heartbeat_request(const std::string& group_id, const std::string& member_id,
                                                           Generation generation) {
    auto request = std::make_shared<HeartbeatRequest>();
    request->group_id = group_id;
    request->member_id = member_id;
    request->generation_id = generation;
    return request;
}

inline std::shared_ptr<OffsetCommitRequest> commit_request(const std::string& group_id, const std::string& member_id,
                                                           Generation generation,
                                                           std::vector<CommittedOffset> offsets) {
    auto request = std::make_shared<OffsetCommitRequest>();
    request->group_id = group_id;
    request->member_id = member_id;
    request->generation_id = generation;
    request->offsets = std::move(offsets);
    return request;
}

/// One partition's commit. (A braced list of CommittedOffset temporaries here makes
/// GCC 12 at -O2 warn -Wmaybe-uninitialized about their strings, a false positive.)
inline std::shared_ptr<OffsetCommitRequest> commit_request(const std::string& group_id, const std::string& member_id,
                                                           Generation generation, const std::string& topic,
                                                           std::int32_t partition, Offset offset,
                                                           const std::string& metadata = "") {
    std::vector<CommittedOffset> offsets(1);
    offsets[0].partition = {topic, partition};
    offsets[0].offset = offset;
    offsets[0].metadata = metadata;
    return commit_request(group_id, member_id, generation, std::move(offsets));
}

}  // namespace kafkalab::kafka::testing
