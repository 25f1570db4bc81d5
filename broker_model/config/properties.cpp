#include "broker_model/config/properties.h"

#include <limits>

#include "broker_model/config/config_catalog.h"
#include "broker_model/config/value_parsing.h"

namespace kafkalab::kafka {
namespace {

// A fallback chain is at most three keys long (log.retention.ms → minutes → hours);
// the bound only guards against a catalog mistake making a loop.
constexpr int longest_fallback_chain = 8;

std::int64_t nanoseconds_per(ConfigUnit unit) {
    switch (unit) {
        case ConfigUnit::milliseconds: return 1'000'000;
        case ConfigUnit::seconds: return 1'000'000'000;
        case ConfigUnit::minutes: return 60'000'000'000;
        case ConfigUnit::hours: return 3'600'000'000'000;
        default: return 0;
    }
}

}  // namespace

Properties::Properties(ConfigScope scope, KafkaVersion era) : scope_(scope), era_(era) {}

void Properties::set(std::string_view key, std::string_view value, int line, int column) {
    for (auto& existing : entries_) {
        if (existing.key == key) {
            existing.value = std::string(value);
            existing.line = line;
            existing.column = column;
            return;
        }
    }
    entries_.push_back(PropertyEntry{std::string(key), std::string(value), line, column});
}

bool Properties::erase(std::string_view key) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->key == key) {
            entries_.erase(it);
            return true;
        }
    }
    return false;
}

void Properties::merge(const Properties& overrides) {
    for (const auto& e : overrides.entries()) set(e.key, e.value, e.line, e.column);
}

const PropertyEntry* Properties::entry(std::string_view key) const {
    for (const auto& e : entries_) {
        if (e.key == key) return &e;
    }
    return nullptr;
}

const ConfigDef& Properties::def_of(std::string_view key) const {
    const ConfigDef* def = find_config(scope_, key);
    if (!def) throw ConfigError(std::string(key) + " is not a " + to_string(scope_) + " key");
    return *def;
}

Properties::Resolved Properties::resolve(std::string_view key) const {
    const ConfigDef* def = &def_of(key);
    for (int step = 0; step < longest_fallback_chain; ++step) {
        if (const auto* e = entry(def->name)) return {def, e->value};
        if (auto value = def->default_for(era_)) return {def, std::string(*value)};
        if (def->fallback.empty()) return {def, std::nullopt};
        def = &def_of(def->fallback);
    }
    return {def, std::nullopt};
}

std::optional<std::string> Properties::value_or_default(std::string_view key) const { return resolve(key).value; }

std::int64_t Properties::get_number(std::string_view key) const {
    auto [def, value] = resolve(key);
    if (!value) throw ConfigError(std::string(key) + " has no value and no default");
    if (auto problem = check_value(*def, *value)) throw ConfigError(*problem);
    auto number = parse_int64(*value);
    if (!number) throw ConfigError(std::string(def->name) + " is not a whole number: '" + *value + "'");
    return *number;
}

bool Properties::get_bool(std::string_view key) const {
    auto [def, value] = resolve(key);
    auto parsed = value ? parse_bool(*value) : std::nullopt;
    if (!parsed) throw ConfigError(std::string(def->name) + " must be true or false; found '" + value.value_or("") + "'");
    return *parsed;
}

std::int32_t Properties::get_int(std::string_view key) const {
    std::int64_t number = get_number(key);
    if (number < std::numeric_limits<std::int32_t>::min() || number > std::numeric_limits<std::int32_t>::max()) {
        throw ConfigError(std::string(key) + " does not fit an int: " + std::to_string(number));
    }
    return static_cast<std::int32_t>(number);
}

std::int64_t Properties::get_long(std::string_view key) const { return get_number(key); }

double Properties::get_double(std::string_view key) const {
    auto [def, value] = resolve(key);
    auto parsed = value ? parse_double(*value) : std::nullopt;
    if (!parsed) throw ConfigError(std::string(def->name) + " must be a number; found '" + value.value_or("") + "'");
    return *parsed;
}

std::string Properties::get_string(std::string_view key) const {
    return std::string(trim(resolve(key).value.value_or("")));
}

std::vector<std::string> Properties::get_list(std::string_view key) const {
    return split_list(resolve(key).value.value_or(""));
}

sim::Duration Properties::get_duration(std::string_view key) const {
    const ConfigDef& def = *resolve(key).def;
    std::int64_t per = nanoseconds_per(def.unit);
    if (per == 0) throw ConfigError(std::string(key) + " is not measured in time");
    std::int64_t count = get_number(key);
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    if (count > max / per) return sim::Duration::max();
    if (count < -(max / per)) return sim::Duration::min();
    return sim::Duration{count * per};
}

std::string Properties::get_choice(std::string_view key) const {
    auto [def, value] = resolve(key);
    const ConfigChoice* choice = value ? find_choice(*def, *value) : nullptr;
    if (!choice) throw ConfigError(std::string(def->name) + " has no valid choice: '" + value.value_or("") + "'");
    return std::string(choice->name);
}

std::vector<std::string> Properties::get_choices(std::string_view key) const {
    auto [def, value] = resolve(key);
    std::vector<std::string> names;
    for (const auto& item : split_list(value.value_or(""))) {
        const ConfigChoice* choice = find_choice(*def, item);
        if (!choice) throw ConfigError(std::string(def->name) + " has an invalid choice: '" + item + "'");
        names.emplace_back(choice->name);
    }
    return names;
}

Properties with_server_defaults(const Properties& topic, const Properties& broker) {
    Properties effective = topic;
    for (const auto& def : configs_in(ConfigScope::topic)) {
        if (def.broker_key.empty() || topic.contains(def.name)) continue;
        // Only a value the broker's owner wrote overrides the topic default; walking the
        // fallback chain catches log.retention.hours=1 standing in for log.retention.ms.
        bool written = false;
        for (const ConfigDef* link = find_config(ConfigScope::broker, def.broker_key); link && !written;
             link = link->fallback.empty() ? nullptr : find_config(ConfigScope::broker, link->fallback)) {
            written = broker.contains(link->name);
        }
        if (!written) continue;
        if (def.unit == ConfigUnit::milliseconds) {
            sim::Duration d = broker.get_duration(def.broker_key);
            std::int64_t ms = d == sim::Duration::max() ? std::numeric_limits<std::int64_t>::max()
                                                        : std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
            effective.set(def.name, std::to_string(ms));
        } else {
            effective.set(def.name, broker.value_or_default(def.broker_key).value_or(""));
        }
    }
    return effective;
}

}  // namespace kafkalab::kafka
