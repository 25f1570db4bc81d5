// `consumers:` — groups, subscriptions or assignments, and how slowly they work.
#include "scenarios/spec/client_fields.h"
#include "scenarios/spec/names.h"
#include "scenarios/spec/parse_parts.h"

namespace kafkalab::scenarios::detail {
namespace {

constexpr Duration slowest_processing_per_record = std::chrono::hours(1);

void read_subscription(Context& ctx, const Fields& f, const YAML::Node& entry, ConsumerSpec& c) {
    const YAML::Node* topics = f.find("topics");
    const YAML::Node* assign = f.find("assign");
    if (topics && assign) {
        error_at(ctx, *assign, "a consumer either subscribes to topics or is assigned partitions, not both");
        return;
    }
    if (!topics && !assign) {
        error_at(ctx, entry, "consumer '" + c.name + "' needs topics (to subscribe) or assign (explicit partitions)");
        return;
    }
    if (topics) {
        if (topics->IsSequence() && !is_list_of_at_most(ctx, *topics, "topics", 1000)) return;
        auto names = read_string_list(ctx, *topics, "topics");
        if (!names) return;
        if (names->empty()) error_at(ctx, *topics, "topics must name at least one topic");
        std::size_t index = 0;
        for (const auto& name : *names) {
            const YAML::Node& at = topics->IsSequence() ? (*topics)[index] : *topics;
            ++index;
            if (check_client_topic(ctx, at, name)) c.topics.push_back(name);
        }
        return;
    }
    if (!is_list_of_at_most(ctx, *assign, "assign", 10000)) return;
    for (const auto& item : *assign) {
        if (auto tp = read_partition(ctx, item, "assign")) c.assign.push_back(*tp);
    }
    if (assign->size() == 0) error_at(ctx, *assign, "assign must name at least one partition, such as payments-0");
}

void read_group(Context& ctx, const Fields& f, ConsumerSpec& c) {
    const YAML::Node* group = f.find("group-id");
    if (group && c.properties.contains("group.id")) {
        error_at(ctx, *group, "the group is given twice: in group-id and in group.id");
        return;
    }
    if (group) {
        c.group_id = read_string(ctx, *group, "group-id").value_or("");
        if (c.group_id.empty()) error_at(ctx, *group, "group-id must not be empty; leave it out for a random group");
    } else if (c.properties.contains("group.id")) {
        c.group_id = c.properties.get_string("group.id");
    }
    if (!c.group_id.empty()) c.properties.set("group.id", c.group_id);
}

void parse_consumer(Context& ctx, const YAML::Node& entry) {
    if (!is_map(ctx, entry, "a consumer")) return;
    Fields f(ctx, entry, "in a consumer",
             {"name", "bootstrap-servers", "group-id", "topics", "assign", "properties", "start", "processing-time"});
    auto name = read_client_name(ctx, f, entry, "consumer");
    if (!name) return;
    ConsumerSpec c;
    c.name = *name;
    c.position = position_of(entry);
    c.properties = kafka::Properties(kafka::ConfigScope::consumer, ctx.scenario.kafka_version);
    read_subscription(ctx, f, entry, c);
    read_client_config(ctx, f, entry, c.name, c.properties, c.bootstrap_servers);
    read_group(ctx, f, c);
    if (const auto* n = f.find("start")) c.start = read_time(ctx, *n, "start").value_or(Duration{0});
    if (const auto* n = f.find("processing-time")) {
        auto d = read_duration(ctx, *n, "processing-time", true);
        if (d && *d > slowest_processing_per_record) error_at(ctx, *n, "processing-time must be at most 1h per record");
        if (d) c.processing_per_record = *d;
    }
    ctx.scenario.consumers.push_back(std::move(c));
}

}  // namespace

void parse_consumers(Context& ctx, const YAML::Node& node) {
    if (!is_list_of_at_most(ctx, node, "consumers", 1000)) return;
    for (const auto& entry : node) {
        if (ctx.sink.full()) return;
        parse_consumer(ctx, entry);
    }
}

void assign_generated_groups(Context& ctx) {
    auto& s = ctx.scenario;
    bool any_group = false;
    for (auto& c : s.consumers) {
        if (c.group_id.empty() && !c.topics.empty()) {
            c.group_id = generated_group_id(s.seed, c.name);
            c.group_id_generated = true;
            c.properties.set("group.id", c.group_id);
        }
        any_group = any_group || !c.group_id.empty();
    }
    auto replicas = s.cluster.properties.get_int("offsets.topic.replication.factor");
    if (any_group && static_cast<std::size_t>(replicas) > s.cluster.brokers.size()) {
        const auto& first = s.consumers.front().position;
        ctx.sink.warning(first.line, first.column,
                         "offsets.topic.replication.factor is " + std::to_string(replicas) + " but the cluster has " +
                             std::to_string(s.cluster.brokers.size()) +
                             " broker(s): __consumer_offsets cannot be created, so consumer groups find no "
                             "coordinator (Kafka's sample server.properties sets it to 1)");
    }
}

}  // namespace kafkalab::scenarios::detail
