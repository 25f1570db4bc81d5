#pragma once
// The controller's connections to brokers (Kafka's ControllerChannelManager): one
// ordered queue per broker, one request in flight at a time, and a failed send is
// retried until it gets through or the broker leaves the cluster, so a broker sees
// the controller's requests in the order they were made.
#include <deque>
#include <functional>
#include <map>
#include <memory>

#include "broker_model/common/types.h"
#include "broker_model/protocol/network_client.h"

namespace kafkalab::kafka {

class ControllerChannel {
public:
    using Resolver = std::function<sim::NodeIndex(BrokerId)>;

    ControllerChannel(sim::NodeContext& context, NetworkClient& network, Resolver resolve, sim::Duration timeout)
        : context_(context), network_(network), resolve_(std::move(resolve)), timeout_(timeout) {}
    ~ControllerChannel() { *alive_ = false; }

    /// Queues `request` for broker `to`; `on_response` (optional) sees the answer.
    void send(BrokerId to, std::shared_ptr<KafkaMessageBase> request,
              std::function<void(const sim::MessagePtr&)> on_response = {});
    /// Drops everything queued for `broker` (it left the cluster).
    void remove_broker(BrokerId broker);
    /// Drops every queue (the controller resigned).
    void clear();

private:
    struct Item {
        std::shared_ptr<KafkaMessageBase> request;
        std::function<void(const sim::MessagePtr&)> on_response;
    };
    struct Queue {
        std::deque<Item> items;
        bool in_flight = false;
        std::uint64_t generation = 0;
    };

    void pump(BrokerId broker);

    sim::NodeContext& context_;
    NetworkClient& network_;
    Resolver resolve_;
    sim::Duration timeout_;
    std::map<BrokerId, Queue> queues_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
