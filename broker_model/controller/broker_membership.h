#pragma once
// How a broker joins the cluster and stays counted as alive. In ZooKeeper mode it
// holds an ephemeral /brokers/ids/<id> znode for as long as its session lives
// (KafkaZkClient.registerBroker); in KRaft mode it would send BrokerRegistration and
// then BrokerHeartbeat to the controller quorum, which fences it when the heartbeats
// stop (Kafka's BrokerLifecycleManager, KIP-631). Either way the registration yields
// the broker epoch of KIP-380 that stamps the broker's requests to the controller.
#include <cstdint>
#include <functional>

namespace kafkalab::kafka {

class BrokerMembership {
public:
    /// Runs at each successful registration with its broker epoch.
    using Registered = std::function<void(std::int64_t broker_epoch)>;

    virtual ~BrokerMembership() = default;

    /// Connects to whatever keeps the membership and registers; registers again after
    /// losing it (a ZooKeeper session that expired), until leaving begins.
    virtual void join() = 0;
    /// A clean stop started: never register again, but stay registered for now.
    virtual void begin_leaving() = 0;
    /// Gives up the registration at once, so the controller sees the broker go.
    virtual void leave() = 0;
    /// Whether the current registration is confirmed.
    virtual bool registered() const = 0;
};

}  // namespace kafkalab::kafka
