// `producers:` — who sends what, where and when.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "broker_model/config/did_you_mean.h"
#include "scenarios/spec/client_fields.h"
#include "scenarios/spec/names.h"
#include "scenarios/spec/parse_parts.h"
#include "scenarios/spec/quantities.h"

namespace kafkalab::scenarios::detail {
namespace {

constexpr std::int64_t largest_random_value_bytes = 1024 * 1024;
constexpr std::int64_t most_keys_cycled = 10000;

std::optional<Rate> read_rate(Context& ctx, const YAML::Node& node, std::string_view what) {
    auto rate = node.IsScalar() ? parse_rate(node.Scalar()) : std::nullopt;
    if (!rate) {
        error_at(ctx, node, std::string(what) + " must be records per time, such as 1000/s or 5/10s; found " +
                                describe(node));
    }
    return rate;
}

void read_schedule(Context& ctx, const Fields& f, const YAML::Node& entry, Schedule& schedule) {
    int given = f.has("every") + f.has("rate") + f.has("poisson") + f.has("burst");
    if (given > 1) {
        error_at(ctx, entry, "a producer sends on one schedule: give only one of every, rate, poisson and burst");
        return;
    }
    if (const auto* n = f.find("every")) {
        if (auto d = read_duration(ctx, *n, "every")) schedule = {ScheduleKind::every, 1, *d};
    } else if (const auto* n = f.find("rate")) {
        if (auto r = read_rate(ctx, *n, "rate")) schedule = {ScheduleKind::rate, r->records, r->per};
    } else if (const auto* n = f.find("poisson")) {
        if (auto r = read_rate(ctx, *n, "poisson")) schedule = {ScheduleKind::poisson, r->records, r->per};
    } else if (const auto* n = f.find("burst")) {
        if (!is_map(ctx, *n, "burst")) return;
        Fields b(ctx, *n, "in burst", {"count", "every"});
        if (!b.has("count") || !b.has("every")) {
            error_at(ctx, *n, "burst needs count (records per burst) and every (time between bursts)");
            return;
        }
        auto count = read_integer(ctx, *b.find("count"), "burst count", 1, 1'000'000);
        auto every = read_duration(ctx, *b.find("every"), "burst every");
        if (count && every) schedule = {ScheduleKind::burst, *count, *every};
    }
}

void read_value(Context& ctx, const YAML::Node& node, ValueSpec& value) {
    static constexpr std::array<std::string_view, 4> generators{"sequence", "fake-user-registration", "fixed",
                                                                "random-bytes"};
    if (node.IsScalar() && node.Scalar() == "sequence") {
        value.kind = ValueKind::sequence;
    } else if (node.IsScalar() && node.Scalar() == "fake-user-registration") {
        value.kind = ValueKind::fake_user_registration;
    } else if (node.IsMap() && node.size() == 1 && node["fixed"]) {
        value.kind = ValueKind::fixed;
        value.text = read_string(ctx, node["fixed"], "fixed").value_or("");
    } else if (node.IsMap() && node.size() == 1 && node["random-bytes"]) {
        value.kind = ValueKind::random_bytes;
        value.size_bytes = read_integer(ctx, node["random-bytes"], "random-bytes", 0, largest_random_value_bytes)
                               .value_or(0);
    } else {
        // The word to suggest for: the scalar itself, or the key of a one-key mapping.
        std::string word;
        if (node.IsScalar()) word = node.Scalar();
        if (node.IsMap() && node.size() == 1 && node.begin()->first.IsScalar()) word = node.begin()->first.Scalar();
        error_at(ctx, node, "value must be sequence, fake-user-registration, {fixed: text} or {random-bytes: size}; "
                            "found " + describe(node) + kafka::did_you_mean(kafka::closest_match(word, generators)));
    }
}

void read_key(Context& ctx, const YAML::Node& node, KeySpec& key) {
    if (node.IsScalar()) {
        const std::string& text = node.Scalar();
        key.kind = text == "none" ? KeyKind::none : text == "sequence" ? KeyKind::sequence : KeyKind::fixed;
        if (key.kind == KeyKind::fixed) key.values = {text};
    } else if (node.IsMap() && node.size() == 1 && node["fixed"]) {
        key.kind = KeyKind::fixed;
        key.values = {read_string(ctx, node["fixed"], "fixed key").value_or("")};
    } else if (node.IsSequence() && node.size() > 0 && node.size() <= static_cast<std::size_t>(most_keys_cycled)) {
        auto values = read_string_list(ctx, node, "key");
        if (!values) return;
        key.kind = values->size() == 1 ? KeyKind::fixed : KeyKind::cycle;
        key.values = std::move(*values);
    } else {
        error_at(ctx, node, "key must be none, sequence, a fixed key, {fixed: key} or a list of keys to cycle; found " +
                                describe(node));
    }
}

void read_timing(Context& ctx, const Fields& f, ProducerSpec& p) {
    p.stop = ctx.scenario.duration;
    if (const auto* n = f.find("start")) p.start = read_time(ctx, *n, "start").value_or(Duration{0});
    if (const auto* n = f.find("stop")) {
        p.stop = read_time(ctx, *n, "stop").value_or(ctx.scenario.duration);
        if (p.stop <= p.start) error_at(ctx, *n, "stop must come after start (" + sim::format_duration(p.start) + ")");
    }
    if (const auto* n = f.find("count")) p.count = read_integer(ctx, *n, "count", 1, INT64_MAX);
}

void parse_producer(Context& ctx, const YAML::Node& entry) {
    if (!is_map(ctx, entry, "a producer")) return;
    Fields f(ctx, entry, "in a producer",
             {"name", "bootstrap-servers", "topic", "every", "rate", "poisson", "burst", "count", "start", "stop",
              "value", "key", "partition", "properties"});
    auto name = read_client_name(ctx, f, entry, "producer");
    if (!name) return;
    ProducerSpec p;
    p.name = *name;
    p.position = position_of(entry);
    p.properties = kafka::Properties(kafka::ConfigScope::producer, ctx.scenario.kafka_version);
    if (const auto* n = f.find("topic")) {
        if (auto topic = read_string(ctx, *n, "topic"); topic && check_client_topic(ctx, *n, *topic)) p.topic = *topic;
    } else {
        error_at(ctx, entry, "producer '" + p.name + "' needs a topic");
    }
    read_schedule(ctx, f, entry, p.schedule);
    read_timing(ctx, f, p);
    if (const auto* n = f.find("value")) read_value(ctx, *n, p.value);
    if (const auto* n = f.find("key")) read_key(ctx, *n, p.key);
    if (const auto* n = f.find("partition")) {
        const TopicSpec* topic = ctx.scenario.find_topic(p.topic);
        std::int64_t highest = topic ? topic->partitions - 1 : INT32_MAX;
        if (auto v = read_integer(ctx, *n, "partition", 0, highest)) p.partition = static_cast<std::int32_t>(*v);
    }
    read_client_config(ctx, f, entry, p.name, p.properties, p.bootstrap_servers);
    ctx.scenario.producers.push_back(std::move(p));
}

/// The run must fit in memory: refuses the producer whose records take the total over
/// the bound, naming its share.
void check_records_bound(Context& ctx) {
    double total = 0;
    for (const ProducerSpec& p : ctx.scenario.producers) {
        const double records = records_sent(p, ctx.scenario.duration);
        total += records;
        if (total <= most_records_per_scenario) continue;
        ctx.sink.error(p.position.line, p.position.column,
                       fmt::format("producer '{}' would send about {:.3g} records in {}; a scenario may send at most "
                                   "{:.0f} records in all (lower the rate, shorten the run or set count)",
                                   p.name, records, sim::format_duration(std::min(p.stop, ctx.scenario.duration) - p.start),
                                   most_records_per_scenario));
        return;
    }
}

}  // namespace

void parse_producers(Context& ctx, const YAML::Node& node) {
    if (!is_list_of_at_most(ctx, node, "producers", 1000)) return;
    for (const auto& entry : node) {
        if (ctx.sink.full()) return;
        parse_producer(ctx, entry);
    }
    check_records_bound(ctx);
}

}  // namespace kafkalab::scenarios::detail
