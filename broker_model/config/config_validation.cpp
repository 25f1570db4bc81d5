#include "broker_model/config/config_validation.h"

#include "broker_model/config/config_catalog.h"
#include "broker_model/config/did_you_mean.h"
#include "broker_model/config/recognised_broker_keys.h"
#include "broker_model/config/value_parsing.h"

namespace kafkalab::kafka {
namespace {

// ZooKeeper ensemble members are written "server.<id>=host:2888:3888", one key per
// member, so they cannot be catalogued by name.
bool is_ensemble_member_key(ConfigScope scope, std::string_view key) {
    if (scope != ConfigScope::zookeeper || !key.starts_with("server.") || key.size() == 7) return false;
    return parse_int64(key.substr(7)).has_value();
}

/// The catalog's closest key to `key`, else (in server.properties) the closest key a
/// Kafka broker knows.
std::string_view nearest_key(ConfigScope scope, std::string_view key) {
    std::string_view catalogued = suggest_key(scope, key);
    if (!catalogued.empty() || scope != ConfigScope::broker) return catalogued;
    return closest_match(key, kafka_broker_key_names());
}

std::string unknown_key_message(ConfigScope scope, std::string_view key) {
    auto elsewhere = scopes_knowing(key);
    std::string message = elsewhere.empty()
                              ? "unknown " + std::string(to_string(scope)) + " key '" + std::string(key) + "'"
                              : "'" + std::string(key) + "' is a " + to_string(elsewhere.front()) + " key, not a " +
                                    to_string(scope) + " key";
    return message + did_you_mean(nearest_key(scope, key));
}

void add(std::vector<ConfigIssue>& issues, const PropertyEntry* e, std::string_view key, std::string message) {
    issues.push_back(ConfigIssue{IssueSeverity::error, std::string(key), e ? e->line : 0, e ? e->column : 0,
                                 std::move(message)});
}

// KafkaProducer refuses an explicit enable.idempotence=true next to settings that
// break it (ProducerConfig's idempotence checks).
void check_producer(const Properties& p, std::vector<ConfigIssue>& issues) {
    const auto* idempotence = p.entry("enable.idempotence");
    if (!idempotence || parse_bool(idempotence->value) != true) return;
    if (p.get_choice("acks") != "all") {
        add(issues, p.entry("acks"), "acks", "acks must be all (or -1) when enable.idempotence is true");
    }
    if (p.get_int("max.in.flight.requests.per.connection") > 5) {
        add(issues, p.entry("max.in.flight.requests.per.connection"), "max.in.flight.requests.per.connection",
            "max.in.flight.requests.per.connection must be at most 5 when enable.idempotence is true");
    }
    if (p.get_int("retries") == 0) {
        add(issues, p.entry("retries"), "retries", "retries must be greater than 0 when enable.idempotence is true");
    }
}

// The consumer's coordinator refuses a heartbeat interval that is not below the
// session timeout: the member would be dropped between two heartbeats.
void check_consumer(const Properties& p, std::vector<ConfigIssue>& issues) {
    if (!p.contains("heartbeat.interval.ms") && !p.contains("session.timeout.ms")) return;
    if (p.get_int("heartbeat.interval.ms") >= p.get_int("session.timeout.ms")) {
        const char* key = p.contains("heartbeat.interval.ms") ? "heartbeat.interval.ms" : "session.timeout.ms";
        add(issues, p.entry(key), key, "heartbeat.interval.ms must be lower than session.timeout.ms");
    }
}

}  // namespace

std::optional<std::string> ignored_key_warning(ConfigScope scope, std::string_view key) {
    if (scope != ConfigScope::broker || find_config(scope, key)) return std::nullopt;
    if (kafka_knows_broker_key(key)) {
        return std::string(key) + ": recognised, not modelled (a Kafka broker key the simulation has no part for); "
                                  "ignored";
    }
    // Kafka does not refuse keys it does not know: it logs them as supplied but unused
    // (AbstractConfig.logUnused) and starts. Keys under Kafka's own first words stay
    // errors here, since there they are far more often a typo than a plugin's.
    std::string_view first = key.substr(0, key.find('.'));
    if (key.find('.') == std::string_view::npos || has_kafka_broker_prefix(key) || !scopes_knowing(key).empty() ||
        !nearest_key(scope, key).empty()) {
        return std::nullopt;
    }
    return std::string(key) + ": not a Kafka key (its prefix '" + std::string(first) +
           ".' belongs to a plugin or another product); a Kafka broker logs it as unused, and it is ignored";
}

std::optional<std::string> check_entry(ConfigScope scope, std::string_view key, std::string_view value) {
    if (is_ensemble_member_key(scope, key)) return std::nullopt;
    const ConfigDef* def = find_config(scope, key);
    if (!def) return unknown_key_message(scope, key);
    return check_value(*def, value);
}

std::vector<ConfigIssue> validate_entries(const Properties& properties) {
    std::vector<ConfigIssue> issues;
    for (const auto& e : properties.entries()) {
        if (auto ignored = ignored_key_warning(properties.scope(), e.key)) {
            issues.push_back(ConfigIssue{IssueSeverity::warning, e.key, e.line, e.column, std::move(*ignored)});
            continue;
        }
        if (auto problem = check_entry(properties.scope(), e.key, e.value)) {
            add(issues, &e, e.key, std::move(*problem));
            continue;
        }
        const ConfigDef* def = find_config(properties.scope(), e.key);
        if (def && properties.era() < def->since) {
            issues.push_back(ConfigIssue{IssueSeverity::warning, e.key, e.line, e.column,
                                         e.key + " did not exist before Kafka " + def->since.to_string() +
                                             " (kafka-version is " + properties.era().to_string() + ")"});
        }
    }
    return issues;
}

std::vector<ConfigIssue> validate_combination(const Properties& properties) {
    std::vector<ConfigIssue> issues;
    if (properties.scope() == ConfigScope::producer) check_producer(properties, issues);
    if (properties.scope() == ConfigScope::consumer) check_consumer(properties, issues);
    return issues;
}

std::vector<ConfigIssue> validate(const Properties& properties) {
    auto issues = validate_entries(properties);
    for (const auto& issue : issues) {
        // Combination checks read typed values, so they only run once every value parses.
        if (issue.severity == IssueSeverity::error) return issues;
    }
    auto combined = validate_combination(properties);
    issues.insert(issues.end(), combined.begin(), combined.end());
    return issues;
}

bool idempotence_default_applies(const Properties& producer) {
    // 3.0.0 and 3.1.0 announced the new default but never applied it (KAFKA-13598).
    KafkaVersion era = producer.era();
    if (era == KafkaVersion{3, 0, 0} || era == KafkaVersion{3, 1, 0}) return false;
    return producer.get_bool("enable.idempotence");
}

bool idempotence_enabled(const Properties& producer) {
    if (const auto* explicit_value = producer.entry("enable.idempotence")) {
        return parse_bool(explicit_value->value).value_or(false);
    }
    if (!idempotence_default_applies(producer)) return false;
    return producer.get_choice("acks") == "all" && producer.get_int("retries") > 0 &&
           producer.get_int("max.in.flight.requests.per.connection") <= 5;
}

}  // namespace kafkalab::kafka
