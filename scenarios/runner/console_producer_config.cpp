#include "scenarios/runner/console_producer_config.h"

#include <charconv>
#include <limits>
#include <optional>

#include <fmt/format.h>

namespace kafkalab::scenarios {
namespace {

/// A whole number, as Java's Long.parseLong reads it (surrounding blanks trimmed, as
/// ConfigDef does).
std::optional<std::int64_t> parse_long(std::string text) {
    while (!text.empty() && text.front() == ' ') text.erase(text.begin());
    while (!text.empty() && text.back() == ' ') text.pop_back();
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

std::string invalid(const std::string& key, const std::string& value, const char* type) {
    return fmt::format("Invalid value {} for configuration {}: Not a number of type {}", value, key, type);
}

}  // namespace

std::variant<kafka::ProducerConfig, std::string> console_producer_config(const CliProperties& properties,
                                                                         std::vector<std::string> hosts,
                                                                         kafka::KafkaVersion era) {
    kafka::ProducerConfig c;
    c.bootstrap_servers = std::move(hosts);
    c.client_id = property_value(properties, "client.id").value_or("console-producer");
    const std::string acks = property_value(properties, "acks").value_or("-1");
    if (acks == "all" || acks == "-1") {
        c.acks = kafka::Acks::all;
    } else if (acks == "1") {
        c.acks = kafka::Acks::leader;
    } else if (acks == "0") {
        c.acks = kafka::Acks::none;
    } else {
        return fmt::format("Invalid value {} for configuration acks: String must be one of: all, -1, 0, 1", acks);
    }
    if (auto value = property_value(properties, "enable.idempotence")) {
        c.enable_idempotence = property_is_true(*value);
    } else if (era < kafka::KafkaVersion{3, 2, 0}) {
        c.enable_idempotence = false;
    }
    // The era's partitioner for records without a key (partitioner.h).
    if (era < kafka::KafkaVersion{2, 4, 0}) {
        c.partitioner = "legacy-default";
    } else if (era < kafka::KafkaVersion{3, 3, 0}) {
        c.partitioner = "default";
    }
    // Each numeric key and where it goes; durations are milliseconds.
    struct Millis {
        const char* key;
        sim::Duration* field;
    };
    for (Millis m : {Millis{"linger.ms", &c.linger}, Millis{"request.timeout.ms", &c.request_timeout},
                     Millis{"delivery.timeout.ms", &c.delivery_timeout}, Millis{"retry.backoff.ms", &c.retry_backoff},
                     Millis{"max.block.ms", &c.max_block}, Millis{"metadata.max.age.ms", &c.metadata_max_age},
                     Millis{"reconnect.backoff.ms", &c.reconnect_backoff},
                     Millis{"reconnect.backoff.max.ms", &c.reconnect_backoff_max}}) {
        auto text = property_value(properties, m.key);
        if (!text) continue;
        auto value = parse_long(*text);
        if (!value || *value < 0) return invalid(m.key, *text, "LONG");
        *m.field = std::chrono::milliseconds(*value);
    }
    struct Int {
        const char* key;
        std::int32_t* field;
    };
    for (Int i : {Int{"retries", &c.retries}, Int{"batch.size", &c.batch_size_bytes},
                  Int{"max.in.flight.requests.per.connection", &c.max_in_flight_requests_per_connection},
                  Int{"max.request.size", &c.max_request_size_bytes}}) {
        auto text = property_value(properties, i.key);
        if (!text) continue;
        auto value = parse_long(*text);
        if (!value || *value < 0 || *value > std::numeric_limits<std::int32_t>::max()) return invalid(i.key, *text, "INT");
        *i.field = static_cast<std::int32_t>(*value);
    }
    // KafkaProducer refuses contradictions at start-up (delivery.timeout.ms below
    // linger.ms + request.timeout.ms, explicit idempotence with acks=1).
    auto problems = c.problems();
    if (!problems.empty()) return problems.front();
    return c;
}

}  // namespace kafkalab::scenarios
