#pragma once
// One configuration key as Kafka defines it (org.apache.kafka.common.config.ConfigDef):
// its exact name, type, default, valid values and a one-line doc, plus what a teaching
// simulator needs on top: where it is set (scope), the default's history across
// releases, and whether the model honours it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/config/kafka_version.h"

namespace kafkalab::kafka {

/// Where a key is written. Keys such as min.insync.replicas exist in two scopes.
enum class ConfigScope : std::uint8_t {
    broker,     // server.properties
    topic,      // per-topic override (kafka-topics --config, kafka-configs)
    producer,   // producer properties
    consumer,   // consumer properties
    zookeeper,  // zookeeper.properties
};

/// "server.properties", "topic config", "producer config", "consumer config",
/// "zookeeper.properties": how messages name a scope.
const char* to_string(ConfigScope scope);

/// Kafka's value types. `class_name` is Kafka's CLASS; lists are comma-separated.
enum class ConfigType : std::uint8_t { boolean, int16, int32, int64, float64, string, list, class_name };

/// Kafka's own word for a type: "boolean", "short", "int", "long", "double", "string",
/// "list", "class".
const char* to_string(ConfigType type);

/// The unit of a number, so getters can hand out durations. `ticks` counts
/// ZooKeeper ticks (tickTime milliseconds each).
enum class ConfigUnit : std::uint8_t { none, milliseconds, seconds, minutes, hours, bytes, messages, ticks };

/// One accepted value of an enumeration or class setting. `name` is the canonical
/// short name getters return ("all", "sticky", "range"); `class_name` is Kafka's class
/// when there is one; `aliases` are other spellings accepted ("-1", "murmur2").
struct ConfigChoice {
    std::string_view name;
    std::string_view class_name;
    std::vector<std::string_view> aliases;

    bool matches(std::string_view value) const;
};

/// The default from one release on. `value` empty (nullopt) is Kafka's null: unset.
struct DefaultSince {
    KafkaVersion since;
    std::optional<std::string_view> value;
};

/// Checks a value's format beyond type and range (listener URIs, host:port lists).
/// Returns what was expected when the value is wrong, nothing when it is fine.
using ValueCheck = std::optional<std::string> (*)(std::string_view value);

/// A key of the catalog. Built once, read-only afterwards. Invariant: `defaults` is
/// non-empty and sorted by `since`; its first entry applies to every older era.
struct ConfigDef {
    std::string_view name;
    ConfigScope scope = ConfigScope::broker;
    ConfigType type = ConfigType::string;
    ConfigUnit unit = ConfigUnit::none;
    std::vector<DefaultSince> defaults;
    std::optional<std::int64_t> min;  // inclusive bounds for numbers
    std::optional<std::int64_t> max;
    std::vector<ConfigChoice> choices;  // for lists, every element must match one
    ValueCheck check = nullptr;
    KafkaVersion since = oldest_kafka_version;  // first release that knows the key
    bool modelled = true;  // false: accepted so real files load, but no effect here
    std::string_view fallback;     // key whose value applies while this one is null
    std::string_view broker_key;   // topic keys: the server.properties key behind the default
    std::string_view doc;
    std::string_view version_note;  // how the default moved, for teachers

    /// The default for `era`: the last history entry not newer than it.
    std::optional<std::string_view> default_for(KafkaVersion era) const;

    // Builders for the catalog tables: each returns *this so an entry reads as one
    // expression.
    ConfigDef& in(ConfigUnit u) { unit = u; return *this; }
    ConfigDef& at_least(std::int64_t low) { min = low; return *this; }
    ConfigDef& between(std::int64_t low, std::int64_t high) { min = low; max = high; return *this; }
    ConfigDef& one_of(std::vector<ConfigChoice> accepted) { choices = std::move(accepted); return *this; }
    ConfigDef& checked_by(ValueCheck f) { check = f; return *this; }
    ConfigDef& changed(KafkaVersion from, std::optional<std::string_view> value, std::string_view note);
    ConfigDef& introduced(KafkaVersion v) { since = v; return *this; }
    ConfigDef& not_modelled() { modelled = false; return *this; }
    ConfigDef& falls_back_to(std::string_view key) { fallback = key; return *this; }
    ConfigDef& server_default(std::string_view key) { broker_key = key; return *this; }
};

/// Starts a catalog entry. `default_value` nullopt means Kafka's null.
ConfigDef config_key(std::string_view name, ConfigScope scope, ConfigType type,
                     std::optional<std::string_view> default_value, std::string_view doc);

/// Checks `value` against the definition: type, range, choices, format. Returns a
/// sentence saying what was expected ("acks must be one of all, -1, 0, 1; found
/// 'everyone'"), or nothing when the value is valid.
std::optional<std::string> check_value(const ConfigDef& def, std::string_view value);

/// The choice that `value` names, or nothing.
const ConfigChoice* find_choice(const ConfigDef& def, std::string_view value);

}  // namespace kafkalab::kafka
