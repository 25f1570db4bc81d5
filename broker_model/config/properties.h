#pragma once
// Properties: the keys and values of one configuration (a server.properties, a
// producer's config, a topic's overrides), with typed getters that fall back to the
// catalog's default for the configured Kafka era.
//
// Only explicitly set keys are stored; a getter asked for an unset key answers with the
// era's default, so `entries()` is exactly what the user wrote (which is what
// kafka-topics --describe shows as "Configs:").
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/config/config_def.h"
#include "sim/time.h"

namespace kafkalab::kafka {

/// Thrown by a getter asked for a key its scope does not know, for a value that does
/// not parse as the key's type, or for a typed value of a key that is null. Loading
/// validates every value first (config_validation.h), so at run time this is a bug.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One key as written. `line` and `column` (1-based) point at the key in the file or
/// scenario it came from; both 0 when it was set by code.
struct PropertyEntry {
    std::string key;
    std::string value;
    int line = 0;
    int column = 0;
};

class Properties {
public:
    explicit Properties(ConfigScope scope, KafkaVersion era = default_kafka_version);

    ConfigScope scope() const { return scope_; }
    KafkaVersion era() const { return era_; }
    void set_era(KafkaVersion era) { era_ = era; }

    /// Sets a key, replacing an earlier value in place (the last value wins, as in Java's
    /// Properties). Any key is stored; validate() says which are wrong.
    void set(std::string_view key, std::string_view value, int line = 0, int column = 0);
    bool erase(std::string_view key);
    /// Sets every entry of `overrides` over this one's (same scope expected).
    void merge(const Properties& overrides);

    bool contains(std::string_view key) const { return entry(key) != nullptr; }
    const PropertyEntry* entry(std::string_view key) const;
    /// In the order first set.
    const std::vector<PropertyEntry>& entries() const { return entries_; }
    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }

    /// The value written, else the era's default, following `fallback` keys while a
    /// default is null (log.retention.ms → minutes → hours). Nothing when all are null.
    std::optional<std::string> value_or_default(std::string_view key) const;

    // Typed getters: the value written or the era's default (see value_or_default).
    bool get_bool(std::string_view key) const;
    std::int32_t get_int(std::string_view key) const;   // int and short keys
    std::int64_t get_long(std::string_view key) const;  // long, int and short keys
    double get_double(std::string_view key) const;
    /// "" for a null key without a value.
    std::string get_string(std::string_view key) const;
    /// The empty list for a null key without a value.
    std::vector<std::string> get_list(std::string_view key) const;
    /// Keys measured in ms, seconds, minutes or hours. Values beyond the nanosecond
    /// range, such as flush.ms's default Long.MAX_VALUE (Kafka's "never"), become
    /// sim::Duration::max(). Negative values (-1: "forever") stay negative.
    sim::Duration get_duration(std::string_view key) const;
    /// The canonical short name of an enumeration or class key: acks → "all", "1" or
    /// "0"; partitioner.class → "default", "sticky", "round-robin" or "random".
    std::string get_choice(std::string_view key) const;
    /// The canonical short names of a list of choices (partition.assignment.strategy).
    std::vector<std::string> get_choices(std::string_view key) const;

private:
    const ConfigDef& def_of(std::string_view key) const;
    struct Resolved {
        const ConfigDef* def = nullptr;  // the key whose value was found (after fallbacks)
        std::optional<std::string> value;
    };
    Resolved resolve(std::string_view key) const;
    std::int64_t get_number(std::string_view key) const;

    ConfigScope scope_;
    KafkaVersion era_;
    std::vector<PropertyEntry> entries_;  // at most one entry per key
};

/// A topic's effective configuration: its overrides, and for every other topic key the
/// broker's value of the key behind its default (retention.ms ← log.retention.ms,
/// min.insync.replicas ← min.insync.replicas), when the broker sets one.
Properties with_server_defaults(const Properties& topic, const Properties& broker);

}  // namespace kafkalab::kafka
