#include "broker_model/client/client_metadata.h"

#include "sim/simulation.h"

namespace kafkalab::kafka {

ClientMetadata::ClientMetadata(sim::NodeContext& context, NetworkClient& network, ClientMetadataConfig config,
                               Resolver resolve)
    : context_(context), network_(network), config_(std::move(config)), resolver_(std::move(resolve)) {
    // Like the Java client's bootstrap list: tried starting from a random server.
    if (!config_.bootstrap_servers.empty()) next_bootstrap_ = context_.random().below(config_.bootstrap_servers.size());
}

ClientMetadata::~ClientMetadata() {
    *alive_ = false;
    context_.cancel_timer(refresh_timer_);
}

std::optional<sim::NodeIndex> ClientMetadata::resolve(const std::string& host) const {
    if (resolver_) return resolver_(host);
    return context_.simulation().find_node(host);
}

void ClientMetadata::add_topic(const std::string& topic) {
    if (topics_.insert(topic).second) request_update();
}

void ClientMetadata::request_update() {
    if (in_flight_) {
        scheduled_ = true;  // ask again as soon as the current answer is in
        return;
    }
    schedule(updates_ == 0 ? sim::Duration{0} : config_.retry_backoff);
}

void ClientMetadata::schedule(sim::Duration delay) {
    // An earlier refresh already planned stands: asking again must not put it off.
    sim::Time when = context_.now() + delay;
    if (refresh_pending_ && next_refresh_ <= when) return;
    context_.cancel_timer(refresh_timer_);
    refresh_pending_ = true;
    next_refresh_ = when;
    auto alive = alive_;
    refresh_timer_ = context_.set_timer(delay, "metadata refresh", [this, alive] {
        if (!*alive) return;
        refresh_pending_ = false;
        send_request();
    });
}

std::optional<sim::NodeIndex> ClientMetadata::any_node() {
    // A live broker from the last answer, rotating so a dead one is not asked forever.
    if (!last_.brokers.empty()) {
        const auto& broker = last_.brokers[next_bootstrap_++ % last_.brokers.size()];
        if (auto node = resolve(broker.host)) return node;
    }
    if (config_.bootstrap_servers.empty()) return std::nullopt;
    return resolve(config_.bootstrap_servers[next_bootstrap_++ % config_.bootstrap_servers.size()]);
}

void ClientMetadata::send_request() {
    auto node = any_node();
    if (!node) return schedule(config_.retry_backoff);
    auto request = std::make_shared<MetadataRequest>();
    request->topics = std::vector<std::string>(topics_.begin(), topics_.end());
    request->allow_auto_topic_creation = config_.allow_auto_topic_creation;
    in_flight_ = true;
    scheduled_ = false;
    auto alive = alive_;
    network_.send(*node, request, config_.request_timeout, [this, alive](Error error, const sim::MessagePtr& response) {
        if (!*alive) return;
        in_flight_ = false;
        if (error != Error::none) return schedule(config_.retry_backoff);  // try another broker
        on_response(message_as<MetadataResponse>(*response));
    });
}

void ClientMetadata::on_response(const MetadataResponse& response) {
    last_ = response;
    refresh_pending_ = false;  // the next refresh is planned from this answer
    by_topic_.clear();
    for (const auto& topic : last_.topics) by_topic_[topic.name] = &topic;
    views_.clear();
    last_view_ = nullptr;
    for (const auto& topic : last_.topics) {
        if (topic.error != Error::none) continue;
        TopicMetadataView& view = views_[topic.name];
        view.partition_count = static_cast<std::int32_t>(topic.partitions.size());
        for (const auto& p : topic.partitions) {
            if (p.leader != no_broker) view.available_partitions.push_back(p.partition);
        }
    }
    ++updates_;
    bool incomplete = false;
    for (const auto& topic : last_.topics) {
        if (topic.error != Error::none) incomplete = true;
        for (const auto& p : topic.partitions) incomplete |= p.leader == no_broker;
    }
    // Missing leaders or topics being created: ask again soon; otherwise at max age.
    schedule(incomplete || scheduled_ ? config_.retry_backoff : config_.metadata_max_age);
    if (listener_) listener_();
}

bool ClientMetadata::has_topic(const std::string& topic) const { return topic_view(topic) != nullptr; }

std::optional<std::int32_t> ClientMetadata::partition_count(const std::string& topic) const {
    const TopicMetadataView* view = topic_view(topic);
    if (!view) return std::nullopt;
    return view->partition_count;
}

std::vector<std::int32_t> ClientMetadata::available_partitions(const std::string& topic) const {
    const TopicMetadataView* view = topic_view(topic);
    return view ? view->available_partitions : std::vector<std::int32_t>{};
}

const TopicMetadataView* ClientMetadata::find_view(const std::string& topic) const {
    auto it = views_.find(topic);
    if (it == views_.end()) return nullptr;
    last_view_ = &*it;
    return &it->second;
}

std::optional<BrokerId> ClientMetadata::leader_id(const TopicPartition& tp) const {
    auto it = by_topic_.find(tp.topic);
    if (it == by_topic_.end()) return std::nullopt;
    for (const auto& p : it->second->partitions) {
        if (p.partition == tp.partition && p.leader != no_broker) return p.leader;
    }
    return std::nullopt;
}

LeaderEpoch ClientMetadata::leader_epoch(const TopicPartition& tp) const {
    auto it = by_topic_.find(tp.topic);
    if (it == by_topic_.end()) return no_epoch;
    for (const auto& p : it->second->partitions) {
        if (p.partition == tp.partition) return p.leader_epoch;
    }
    return no_epoch;
}

std::optional<sim::NodeIndex> ClientMetadata::broker_node(BrokerId id) const {
    for (const auto& broker : last_.brokers) {
        if (broker.id == id) return resolve(broker.host);
    }
    return std::nullopt;
}

std::optional<sim::NodeIndex> ClientMetadata::leader_node(const TopicPartition& tp) const {
    auto leader = leader_id(tp);
    if (!leader) return std::nullopt;
    return broker_node(*leader);
}

Error ClientMetadata::topic_error(const std::string& topic) const {
    auto it = by_topic_.find(topic);
    return it == by_topic_.end() ? Error::unknown_topic_or_partition : it->second->error;
}

}  // namespace kafkalab::kafka
