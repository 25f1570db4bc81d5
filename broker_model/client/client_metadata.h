#pragma once
// A client's view of the cluster (Kafka's Metadata and its updater): it starts knowing
// only bootstrap.servers, asks one of them for Metadata, and from then on routes each
// partition to its leader. Errors such as NOT_LEADER_OR_FOLLOWER make the owner call
// request_update(); metadata.max.age.ms forces a refresh even without errors.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "broker_model/client/partitioner.h"
#include "broker_model/common/same_bytes.h"
#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/network_client.h"
#include "sim/node.h"

namespace kafkalab::kafka {

struct ClientMetadataConfig {
    /// bootstrap.servers as host names ("broker-1", or anything the resolver maps).
    std::vector<std::string> bootstrap_servers;
    sim::Duration metadata_max_age = std::chrono::minutes(5);   // metadata.max.age.ms
    sim::Duration retry_backoff = std::chrono::milliseconds(100);  // retry.backoff.ms
    sim::Duration request_timeout = std::chrono::seconds(30);    // request.timeout.ms
    bool allow_auto_topic_creation = true;
};

class ClientMetadata {
public:
    /// Maps a host name from bootstrap.servers or a broker endpoint to a node.
    using Resolver = std::function<std::optional<sim::NodeIndex>(const std::string& host)>;

    ClientMetadata(sim::NodeContext& context, NetworkClient& network, ClientMetadataConfig config, Resolver resolve = {});
    ~ClientMetadata();
    // It keeps pointers into its own maps (and a timer of its node).
    ClientMetadata(const ClientMetadata&) = delete;
    ClientMetadata& operator=(const ClientMetadata&) = delete;

    /// Topics whose metadata the owner needs (a producer's topics, a consumer's subscription).
    void add_topic(const std::string& topic);
    const std::set<std::string>& topics() const { return topics_; }
    /// Asks for fresh metadata soon (after retry.backoff.ms if one just arrived).
    void request_update();
    /// Called after every successful update.
    void set_listener(std::function<void()> listener) { listener_ = std::move(listener); }

    bool has_topic(const std::string& topic) const;
    /// Partition count, or nothing while the topic is unknown.
    std::optional<std::int32_t> partition_count(const std::string& topic) const;
    /// Partitions of `topic` that have a leader right now.
    std::vector<std::int32_t> available_partitions(const std::string& topic) const;
    /// Partition count and available partitions of a known topic, or null while it is
    /// unknown: one lookup for a producer's send. Valid until the next update. Only
    /// topics added with add_topic() are ever known (requests name their topics).
    const TopicMetadataView* topic_view(const std::string& topic) const {
        // A producer asks on every send, nearly always for the topic it asked for last.
        if (last_view_ != nullptr && same_bytes(last_view_->first, topic)) return &last_view_->second;
        return find_view(topic);
    }
    std::optional<BrokerId> leader_id(const TopicPartition& tp) const;
    LeaderEpoch leader_epoch(const TopicPartition& tp) const;
    /// The node of a partition's leader, or nothing while it has none.
    std::optional<sim::NodeIndex> leader_node(const TopicPartition& tp) const;
    std::optional<sim::NodeIndex> broker_node(BrokerId id) const;
    /// Any broker to talk to: a known live broker, else a bootstrap server.
    std::optional<sim::NodeIndex> any_node();
    /// The error Metadata gave for a topic (UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE).
    Error topic_error(const std::string& topic) const;
    const MetadataResponse& last() const { return last_; }
    std::uint64_t updates() const { return updates_; }

private:
    void schedule(sim::Duration delay);
    void send_request();
    void on_response(const MetadataResponse& response);
    std::optional<sim::NodeIndex> resolve(const std::string& host) const;

    sim::NodeContext& context_;
    NetworkClient& network_;
    ClientMetadataConfig config_;
    Resolver resolver_;
    std::set<std::string> topics_;
    MetadataResponse last_;
    std::map<std::string, const TopicMetadata*> by_topic_;
    /// Topics answered without an error, as partitioners see them; rebuilt per answer.
    std::map<std::string, TopicMetadataView, std::less<>> views_;
    const TopicMetadataView* find_view(const std::string& topic) const;
    /// The entry topic_view() found last; null whenever views_ is rebuilt.
    mutable const std::pair<const std::string, TopicMetadataView>* last_view_ = nullptr;
    std::uint64_t updates_ = 0;
    bool in_flight_ = false;
    bool scheduled_ = false;
    sim::TimerId refresh_timer_;
    bool refresh_pending_ = false;
    sim::Time next_refresh_{};
    std::size_t next_bootstrap_ = 0;
    std::function<void()> listener_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
