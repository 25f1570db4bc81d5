// `topics:` — name, partitions, replication factor, topic configs, replica assignment.
#include <set>

#include "scenarios/spec/names.h"
#include "scenarios/spec/parse_parts.h"

namespace kafkalab::scenarios::detail {
namespace {

constexpr std::int64_t most_partitions = 10000;
// Kafka's limit: a topic's name ends up in file names with a partition suffix.
constexpr std::size_t longest_topic_name = 249;

/// Kafka's topic name rule (org.apache.kafka.common.internals.Topic): ASCII letters,
/// digits, '.', '_' and '-', at most 249 characters, and not "." or "..".
bool is_valid_topic_name(std::string_view name) {
    if (name.empty() || name.size() > longest_topic_name || name == "." || name == "..") return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                  c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

void parse_assignment(Context& ctx, const YAML::Node& node, TopicSpec& topic) {
    if (!is_list(ctx, node, "assignment") || node.size() > most_partitions) return;
    for (const auto& replicas : node) {
        if (!is_list(ctx, replicas, "a partition's replicas")) return;
        std::vector<kafka::BrokerId> ids;
        std::set<kafka::BrokerId> seen;
        for (const auto& replica : replicas) {
            auto id = read_broker_ref(ctx, replica, "a replica");
            if (!id) return;
            if (!seen.insert(*id).second) {
                error_at(ctx, replica, "broker " + std::to_string(id->value) + " appears twice in one partition's replicas");
                return;
            }
            ids.push_back(*id);
        }
        if (!topic.assignment.empty() && ids.size() != topic.assignment.front().size()) {
            error_at(ctx, replicas, "every partition needs the same number of replicas; the first has " +
                                        std::to_string(topic.assignment.front().size()));
            return;
        }
        if (ids.empty()) {
            error_at(ctx, replicas, "a partition needs at least one replica");
            return;
        }
        topic.assignment.push_back(std::move(ids));
    }
}

void check_assignment_shape(Context& ctx, const Fields& f, TopicSpec& topic) {
    if (topic.assignment.empty()) return;
    const YAML::Node& at = *f.find("assignment");
    auto listed = static_cast<std::int32_t>(topic.assignment.size());
    auto replicas = static_cast<std::int16_t>(topic.assignment.front().size());
    if (f.has("partitions") && listed != topic.partitions) {
        error_at(ctx, at, "assignment lists " + std::to_string(listed) + " partitions but partitions is " +
                              std::to_string(topic.partitions));
    }
    if (f.has("replication-factor") && replicas != topic.replication_factor) {
        error_at(ctx, at, "assignment gives " + std::to_string(replicas) + " replicas per partition but "
                          "replication-factor is " + std::to_string(topic.replication_factor));
    }
    topic.partitions = listed;
    topic.replication_factor = replicas;
}

void parse_topic(Context& ctx, const YAML::Node& node) {
    if (!is_map(ctx, node, "a topic")) return;
    Fields f(ctx, node, "in a topic", {"name", "partitions", "replication-factor", "configs", "assignment"});
    const YAML::Node* name_node = f.find("name");
    if (!name_node) {
        error_at(ctx, node, "a topic needs a name");
        return;
    }
    TopicSpec topic;
    topic.position = position_of(node);
    topic.name = read_string(ctx, *name_node, "topic name").value_or("");
    if (!is_valid_topic_name(topic.name)) {
        error_at(ctx, *name_node, "topic name must be 1 to 249 letters, digits, '.', '_' or '-'; found " +
                                      describe(*name_node));
        return;
    }
    if (const TopicSpec* earlier = ctx.scenario.find_topic(topic.name)) {
        error_at(ctx, *name_node, "topic '" + topic.name + "' is declared twice (first on line " +
                                      std::to_string(earlier->position.line) + ")");
        return;
    }
    const auto& cluster = ctx.scenario.cluster;
    const auto brokers = static_cast<std::int64_t>(cluster.brokers.size());
    topic.partitions = cluster.properties.get_int("num.partitions");
    topic.replication_factor = static_cast<std::int16_t>(cluster.properties.get_int("default.replication.factor"));
    if (const auto* n = f.find("partitions")) {
        if (auto v = read_integer(ctx, *n, "partitions", 1, most_partitions)) topic.partitions = static_cast<std::int32_t>(*v);
    }
    if (const auto* n = f.find("replication-factor")) {
        auto v = read_integer(ctx, *n, "replication-factor", 1, INT16_MAX);
        if (v && *v > brokers) {
            error_at(ctx, *n, "replication-factor " + std::to_string(*v) + " is larger than the number of brokers (" +
                                  std::to_string(brokers) + ")");
        } else if (v) {
            topic.replication_factor = static_cast<std::int16_t>(*v);
        }
    } else if (topic.replication_factor > brokers) {
        error_at(ctx, *name_node, "default.replication.factor " + std::to_string(topic.replication_factor) +
                                      " is larger than the number of brokers (" + std::to_string(brokers) + ")");
    }
    topic.configs = kafka::Properties(kafka::ConfigScope::topic, ctx.scenario.kafka_version);
    if (const auto* n = f.find("configs")) read_properties(ctx, *n, topic.configs);
    if (const auto* n = f.find("assignment")) parse_assignment(ctx, *n, topic);
    check_assignment_shape(ctx, f, topic);
    auto effective = kafka::with_server_defaults(topic.configs, cluster.properties);
    if (effective.get_int("min.insync.replicas") > topic.replication_factor) {
        warning_at(ctx, *name_node, "min.insync.replicas (" + std::to_string(effective.get_int("min.insync.replicas")) +
                                        ") is larger than replication-factor (" +
                                        std::to_string(topic.replication_factor) +
                                        "): every acks=all write to '" + topic.name + "' will fail");
    }
    ctx.scenario.topics.push_back(std::move(topic));
}

}  // namespace

void parse_topics(Context& ctx, const YAML::Node& node) {
    if (!is_list_of_at_most(ctx, node, "topics", 1000)) return;
    for (const auto& entry : node) {
        if (ctx.sink.full()) return;
        parse_topic(ctx, entry);
    }
}

}  // namespace kafkalab::scenarios::detail
