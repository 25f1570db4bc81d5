#pragma once
// Creating a topic on the broker's own initiative: auto.create.topics.enable and the
// internal __consumer_offsets topic (Kafka's AutoTopicCreationManager). The broker
// chooses the replica assignment; how the creation reaches the controller depends on
// the mode: in ZooKeeper mode it writes the topic's znodes, which the controller
// watches; in KRaft mode it would send CreateTopics to the controller quorum.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "broker_model/common/types.h"

namespace kafkalab::kafka {

struct TopicToCreate {
    std::string name;
    std::string topic_id;
    /// Replicas of each partition, preferred leader first.
    std::vector<std::vector<BrokerId>> replicas;
    /// Topic-level config overrides; empty for the broker defaults.
    std::map<std::string, std::string> configs;
};

class TopicCreation {
public:
    virtual ~TopicCreation() = default;

    /// Whether a creation may be submitted now (ZooKeeper mode: a session is connected).
    virtual bool can_create_topics() const = 0;
    /// Submits `topic`. `answered` runs once the submission is answered, whatever the
    /// outcome (a topic that already exists is someone else's creation of it); it may
    /// never run if the connection is lost meanwhile.
    virtual void create_topic(const TopicToCreate& topic, std::function<void()> answered) = 0;
};

}  // namespace kafkalab::kafka
