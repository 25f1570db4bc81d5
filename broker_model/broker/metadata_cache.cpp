#include "broker_model/broker/metadata_cache.h"

#include "broker_model/config/config_catalog.h"
#include "broker_model/config/value_parsing.h"

namespace kafkalab::kafka {
namespace {

/// A topic's min.insync.replicas override, checked against the topic catalog's
/// definition (an int of at least 1).
std::optional<std::int32_t> min_insync_override(const std::map<std::string, std::string>& configs) {
    auto it = configs.find("min.insync.replicas");
    if (it == configs.end()) return std::nullopt;
    static const ConfigDef* def = find_config(ConfigScope::topic, "min.insync.replicas");
    if (check_value(*def, it->second)) return std::nullopt;
    return static_cast<std::int32_t>(*parse_int64(it->second));
}

}  // namespace

void MetadataCache::update(const std::vector<BrokerEndpoint>& live_brokers, BrokerId controller,
                           const PartitionStateTable::Source& partitions,
                           const std::map<std::string, std::map<std::string, std::string>>& topic_configs,
                           const std::vector<std::string>& deleted_topics) {
    ++version_;
    live_brokers_.clear();
    for (const auto& broker : live_brokers) live_brokers_[broker.id] = broker;
    controller_ = controller;
    for (const auto& name : deleted_topics) topics_.erase(name);
    for (std::size_t i = 0; partitions && i < partitions->size(); ++i) {
        const PartitionState& state = (*partitions)[i];
        Topic& topic = topics_[state.partition.topic];
        topic.topic_id = state.topic_id;
        topic.partitions.set(partitions, i);
    }
    for (const auto& [name, configs] : topic_configs) {
        auto it = topics_.find(name);
        if (it == topics_.end()) continue;
        it->second.configs = configs;
        it->second.min_insync_replicas = min_insync_override(configs);
    }
}

const MetadataCache::Topic* MetadataCache::topic(const std::string& name) const {
    auto it = topics_.find(name);
    return it == topics_.end() ? nullptr : &it->second;
}

std::int32_t MetadataCache::min_insync_replicas(const std::string& name, std::int32_t broker_default) const {
    const Topic* t = topic(name);
    return t && t->min_insync_replicas ? *t->min_insync_replicas : broker_default;
}

const PartitionState* MetadataCache::partition(const TopicPartition& tp) const {
    const Topic* t = topic(tp.topic);
    if (!t) return nullptr;
    return t->partitions.find(tp.partition);
}

MetadataResponse MetadataCache::describe(const std::optional<std::vector<std::string>>& names,
                                        std::int32_t default_min_insync_replicas) const {
    MetadataResponse response;
    for (const auto& [id, broker] : live_brokers_) response.brokers.push_back(broker);
    response.controller_id = controller_;
    std::vector<std::string> wanted;
    if (names) {
        wanted = *names;
    } else {
        for (const auto& [name, topic] : topics_) wanted.push_back(name);
    }
    for (const auto& name : wanted) {
        TopicMetadata meta;
        meta.name = name;
        meta.is_internal = name == consumer_offsets_topic;
        const Topic* topic = this->topic(name);
        if (!topic) {
            meta.error = Error::unknown_topic_or_partition;
            response.topics.push_back(std::move(meta));
            continue;
        }
        meta.topic_id = topic->topic_id;
        meta.configs = topic->configs;
        meta.min_insync_replicas = topic->min_insync_replicas.value_or(default_min_insync_replicas);
        for (const auto& [index, state] : topic->partitions) {
            PartitionMetadata p;
            p.partition = index;
            p.leader = state.leadership.leader;
            p.leader_epoch = state.leadership.leader_epoch;
            p.replicas = state.replicas;
            p.isr = state.leadership.isr;
            for (BrokerId replica : state.replicas) {
                if (!is_live(replica)) p.offline_replicas.push_back(replica);
            }
            // A leader the cache knows to be dead is as good as none (Kafka answers
            // LEADER_NOT_AVAILABLE until the controller elects another).
            if (!state.leadership.has_leader() || !is_live(state.leadership.leader)) {
                p.error = Error::leader_not_available;
                p.leader = no_broker;
            }
            meta.partitions.push_back(std::move(p));
        }
        response.topics.push_back(std::move(meta));
    }
    return response;
}

}  // namespace kafkalab::kafka
