// `expect:` — what the checker verifies at the end of the run (or at a time).
#include <algorithm>
#include <array>

#include "broker_model/config/did_you_mean.h"
#include "scenarios/spec/names.h"
#include "scenarios/spec/parse_parts.h"

namespace kafkalab::scenarios::detail {
namespace {

struct Named {
    std::string_view name;
    ExpectationKind kind;
};
constexpr std::array<Named, 16> expectation_names{{
    {"no-acknowledged-record-lost", ExpectationKind::no_acknowledged_record_lost},
    {"no-duplicates", ExpectationKind::no_duplicates},
    {"order-kept", ExpectationKind::order_kept},
    {"consumed-all", ExpectationKind::consumed_all},
    {"leader", ExpectationKind::leader},
    {"isr", ExpectationKind::isr},
    {"under-replicated-partitions", ExpectationKind::under_replicated_partitions},
    {"record-count", ExpectationKind::record_count},
    {"lost-acknowledged-records", ExpectationKind::lost_acknowledged_records},
    {"duplicate-records", ExpectationKind::duplicate_records},
    {"consumed-records", ExpectationKind::consumed_records},
    {"redelivered-records", ExpectationKind::redelivered_records},
    {"consumer-lag", ExpectationKind::consumer_lag},
    {"assignment", ExpectationKind::assignment},
    {"recovers", ExpectationKind::recovers},
    {"does-not-recover", ExpectationKind::does_not_recover},
}};

const Named* find_expectation(std::string_view name) {
    for (const auto& n : expectation_names) {
        if (n.name == name) return &n;
    }
    return nullptr;
}

void read_count(Context& ctx, const Fields& f, const YAML::Node& at, CountRange& range) {
    if (const auto* n = f.find("count")) {
        if (f.has("min") || f.has("max")) error_at(ctx, *n, "give count, or min and/or max, not both");
        range.min = range.max = read_integer(ctx, *n, "count", 0, INT64_MAX);
        return;
    }
    if (const auto* n = f.find("min")) range.min = read_integer(ctx, *n, "min", 0, INT64_MAX);
    if (const auto* n = f.find("max")) range.max = read_integer(ctx, *n, "max", 0, INT64_MAX);
    if (!range.min && !range.max) error_at(ctx, at, "this expectation needs count, or min and/or max");
    if (range.min && range.max && *range.min > *range.max) error_at(ctx, at, "min is larger than max");
}

void read_group(Context& ctx, const YAML::Node& node, ExpectationSpec& e) {
    e.group = read_string(ctx, node, "group").value_or("");
    std::vector<std::string_view> groups;
    for (const auto& c : ctx.scenario.consumers) {
        if (!c.group_id.empty()) groups.push_back(c.group_id);
    }
    if (std::find(groups.begin(), groups.end(), e.group) == groups.end()) {
        error_at(ctx, node, "no consumer is in group '" + e.group + "'" +
                                kafka::did_you_mean(kafka::closest_match(e.group, groups)));
    }
}

void read_consumer(Context& ctx, const YAML::Node& node, ExpectationSpec& e) {
    e.consumer = read_string(ctx, node, "consumer").value_or("");
    std::vector<std::string_view> names;
    for (const auto& c : ctx.scenario.consumers) names.push_back(c.name);
    if (std::find(names.begin(), names.end(), e.consumer) == names.end()) {
        error_at(ctx, node, "no consumer is named '" + e.consumer + "'" +
                                kafka::did_you_mean(kafka::closest_match(e.consumer, names)));
    }
}

/// consumer-lag's `partition`: a number within the topic named beside it.
void read_partition_number(Context& ctx, const YAML::Node& node, ExpectationSpec& e) {
    auto n = read_integer(ctx, node, "partition", 0, INT32_MAX);
    if (!n) return;
    const TopicSpec* topic = ctx.scenario.find_topic(e.topic);
    if (topic && *n >= topic->partitions) {
        error_at(ctx, node, "topic '" + e.topic + "' has partitions 0 to " + std::to_string(topic->partitions - 1) +
                                "; there is no partition " + std::to_string(*n));
        return;
    }
    e.partition = {e.topic, static_cast<std::int32_t>(*n)};
}

void read_partition_list(Context& ctx, const YAML::Node& node, ExpectationSpec& e) {
    if (!is_list(ctx, node, "partitions")) return;
    for (const auto& item : node) {
        if (auto tp = read_partition(ctx, item, "a partition")) e.partitions.push_back(*tp);
    }
    std::sort(e.partitions.begin(), e.partitions.end());
    if (std::adjacent_find(e.partitions.begin(), e.partitions.end()) != e.partitions.end()) {
        error_at(ctx, node, "a partition is listed twice");
    }
}

void read_isr(Context& ctx, const YAML::Node& node, ExpectationSpec& e) {
    if (!is_list(ctx, node, "isr is")) return;
    for (const auto& item : node) {
        if (auto id = read_broker_ref(ctx, item, "an ISR member")) e.isr.push_back(*id);
    }
    std::sort(e.isr.begin(), e.isr.end());
    if (std::adjacent_find(e.isr.begin(), e.isr.end()) != e.isr.end()) error_at(ctx, node, "a broker is listed twice");
}

void read_except(Context& ctx, const YAML::Node& node, ExpectationSpec& e) {
    if (!is_list(ctx, node, "except")) return;
    std::vector<std::string_view> names;
    for (const auto& entry : loss_cause_names) {
        if (entry.cause != LossCause::unexplained) names.push_back(entry.name);
    }
    for (const auto& item : node) {
        const std::string name = read_string(ctx, item, "a loss cause").value_or("");
        const std::optional<LossCause> cause = parse_loss_cause(name);
        if (cause == LossCause::unexplained) {
            error_at(ctx, item, "unexplained cannot be excepted: a loss no Kafka case accounts for is a simulator bug");
        } else if (!cause) {
            error_at(ctx, item, "unknown loss cause '" + name + "'" + kafka::did_you_mean(kafka::closest_match(name, names)));
        } else if (std::find(e.except_causes.begin(), e.except_causes.end(), *cause) != e.except_causes.end()) {
            error_at(ctx, item, "the loss cause '" + name + "' is listed twice");
        } else {
            e.except_causes.push_back(*cause);
        }
    }
}

void read_details(Context& ctx, const YAML::Node& node, ExpectationSpec& e, std::string_view name) {
    using K = ExpectationKind;
    if (!is_map(ctx, node, name)) return;
    static constexpr std::array<std::string_view, 12> detail_keys{"topic", "group", "consumer", "partition", "partitions", "at",
                                                                  "is",    "count", "min",      "max",       "settle", "except"};
    Fields f(ctx, node, "in " + std::string(name),
             {"topic", "group", "consumer", "partition", "partitions", "at", "is", "count", "min", "max", "settle", "except"});
    auto allowed = [&](std::initializer_list<std::string_view> keys) {
        for (std::string_view key : detail_keys) {
            bool ok = std::find(keys.begin(), keys.end(), key) != keys.end();
            if (!ok && f.key_node(key)) error_at(ctx, *f.key_node(key), std::string(key) + " does not apply to " + std::string(name));
        }
    };
    auto require = [&](std::string_view key) {
        if (!f.has(key)) error_at(ctx, node, std::string(name) + " needs " + std::string(key));
        return f.find(key);
    };
    if (e.kind == K::no_acknowledged_record_lost) allowed({"topic", "except"});
    if (e.kind == K::no_duplicates || e.kind == K::order_kept) allowed({"topic"});
    if (e.kind == K::lost_acknowledged_records || e.kind == K::duplicate_records) allowed({"topic", "count", "min", "max"});
    if (e.kind == K::consumed_all) allowed({"group"});
    if (e.kind == K::leader || e.kind == K::isr) allowed({"partition", "at", "is"});
    if (e.kind == K::under_replicated_partitions) allowed({"at", "count", "min", "max"});
    if (e.kind == K::record_count) allowed({"topic", "at", "count", "min", "max"});
    if (e.kind == K::consumed_records) allowed({"group", "topic", "count", "min", "max"});
    if (e.kind == K::redelivered_records) allowed({"group", "count", "min", "max"});
    if (e.kind == K::consumer_lag) allowed({"group", "topic", "partition", "at", "count", "min", "max"});
    if (e.kind == K::assignment) allowed({"consumer", "at", "partitions"});
    if (e.kind == K::recovers || e.kind == K::does_not_recover) allowed({"settle"});
    if (const auto* n = f.find("settle")) e.settle = read_duration(ctx, *n, "settle");
    if (const auto* n = f.find("except")) read_except(ctx, *n, e);

    if (const auto* n = f.find("topic")) {
        e.topic = read_string(ctx, *n, "topic").value_or("");
        check_client_topic(ctx, *n, e.topic);
    } else if (e.kind == K::record_count || e.kind == K::consumer_lag) {
        require("topic");
    }
    if (const auto* n = f.find("at")) e.at = read_time(ctx, *n, "at").value_or(ctx.scenario.duration);
    if (e.kind == K::consumed_all || e.kind == K::consumed_records || e.kind == K::redelivered_records ||
        e.kind == K::consumer_lag) {
        if (const auto* n = require("group")) read_group(ctx, *n, e);
    }
    if (e.kind == K::consumer_lag) {
        if (const auto* n = require("partition")) read_partition_number(ctx, *n, e);
    }
    if (e.kind == K::assignment) {
        if (const auto* n = require("consumer")) read_consumer(ctx, *n, e);
        if (const auto* n = require("partitions")) read_partition_list(ctx, *n, e);
    }
    if (e.kind == K::leader || e.kind == K::isr) {
        if (const auto* n = require("partition")) e.partition = read_partition(ctx, *n, "partition").value_or(kafka::TopicPartition{});
        const YAML::Node* is = require("is");
        if (is && e.kind == K::leader) {
            bool none = is->IsScalar() && is->Scalar() == "none";
            e.leader = none ? kafka::no_broker : read_broker_ref(ctx, *is, "leader is").value_or(kafka::no_broker);
        }
        if (is && e.kind == K::isr) read_isr(ctx, *is, e);
    }
    bool counted = e.kind == K::lost_acknowledged_records || e.kind == K::duplicate_records ||
                   e.kind == K::under_replicated_partitions || e.kind == K::record_count ||
                   e.kind == K::consumed_records || e.kind == K::redelivered_records || e.kind == K::consumer_lag;
    if (counted) read_count(ctx, f, node, e.count);
}

}  // namespace

void parse_expectation(Context& ctx, const YAML::Node& entry, Duration default_at) {
    bool named_only = entry.IsScalar();
    if (!named_only && !(entry.IsMap() && entry.size() == 1 && entry.begin()->first.IsScalar())) {
        error_at(ctx, entry, "an expectation is a name (no-acknowledged-record-lost) or one name with details "
                             "({consumed-all: {group: g}}); found " + describe(entry));
        return;
    }
    // Fresh handles only: assigning to an existing YAML::Node would rewrite the
    // document node it refers to.
    const YAML::Node name_node = named_only ? entry : entry.begin()->first;
    std::optional<YAML::Node> details;
    if (!named_only) details.emplace(entry.begin()->second);
    const std::string name = name_node.Scalar();
    const Named* known = find_expectation(name);
    if (!known) {
        std::vector<std::string_view> names;
        for (const auto& n : expectation_names) names.push_back(n.name);
        error_at(ctx, name_node, "unknown expectation '" + name + "'" + kafka::did_you_mean(kafka::closest_match(name, names)));
        return;
    }
    ExpectationSpec e;
    e.kind = known->kind;
    e.at = default_at;
    e.position = position_of(entry);
    bool needs_details = e.kind != ExpectationKind::no_acknowledged_record_lost &&
                         e.kind != ExpectationKind::no_duplicates && e.kind != ExpectationKind::order_kept &&
                         e.kind != ExpectationKind::recovers && e.kind != ExpectationKind::does_not_recover;
    if (details) {
        read_details(ctx, *details, e, name);
    } else if (needs_details) {
        error_at(ctx, entry, name + " needs details, such as {" + name + ": {...}}");
        return;
    }
    const bool liveness = e.kind == ExpectationKind::recovers || e.kind == ExpectationKind::does_not_recover;
    for (const auto& earlier : ctx.scenario.expectations) {
        if (liveness && (earlier.kind == ExpectationKind::recovers || earlier.kind == ExpectationKind::does_not_recover)) {
            error_at(ctx, entry, "a scenario has one liveness expectation: recovers or does-not-recover, once");
            return;
        }
    }
    ctx.scenario.expectations.push_back(std::move(e));
}

void parse_expectations(Context& ctx, const YAML::Node& node) {
    if (!is_list_of_at_most(ctx, node, "expect", 10000)) return;
    for (const auto& entry : node) {
        if (ctx.sink.full()) return;
        parse_expectation(ctx, entry, ctx.scenario.duration);
    }
}

}  // namespace kafkalab::scenarios::detail
