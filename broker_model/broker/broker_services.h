#pragma once
// What a broker's parts share: its node context, config, logs, metadata cache and
// network client, plus name resolution (a broker id to the node that hosts it, the
// simulated DNS). Owned by the Broker; the parts hold a reference.
#include <functional>
#include <map>
#include <string>

#include "broker_model/broker/broker_config.h"
#include "broker_model/broker/follower_truncation.h"
#include "broker_model/broker/metadata_cache.h"
#include "broker_model/log/log_manager.h"
#include "broker_model/protocol/network_client.h"
#include "sim/node.h"

namespace kafkalab::kafka {

struct BrokerServices {
    sim::NodeContext& context;
    const BrokerConfig& config;
    LogManager& logs;
    MetadataCache& metadata;
    NetworkClient& network;
    /// KIP-380: the czxid of this broker's current /brokers/ids registration; -1 until
    /// it registered. Set by the Broker, read by whoever sends it to the controller.
    std::int64_t broker_epoch = -1;
    /// How a new follower finds its divergent tail: the Kafka release's mechanism, or
    /// the high watermark when the config asks for the pre-0.11 behaviour.
    FollowerTruncation follower_truncation = FollowerTruncation::on_fetch_response;

    BrokerId self() const { return config.broker_id; }
    sim::Time now() const { return context.now(); }
    /// The node of broker `id`, from the metadata cache's endpoints, or sim::no_node.
    sim::NodeIndex node_of(BrokerId id) const;
    /// The topic's min.insync.replicas (its override, parsed once by the metadata cache),
    /// else this broker's.
    std::int32_t min_insync_replicas(const std::string& topic) const;
};

}  // namespace kafkalab::kafka
