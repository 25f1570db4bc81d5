#pragma once
// Checks a Properties against the catalog for its scope and era: unknown keys (with a
// suggestion), values of the wrong type or out of range, keys newer than the era, and
// the few combinations Kafka itself refuses at startup.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/config/properties.h"

namespace kafkalab::kafka {

enum class IssueSeverity : std::uint8_t { error, warning };

/// One problem with one key. `line`/`column` come from the entry (0 if set in code).
struct ConfigIssue {
    IssueSeverity severity = IssueSeverity::error;
    std::string key;
    int line = 0;
    int column = 0;
    std::string message;
};

/// Why `key` is accepted but ignored in `scope`, or nothing when it is not such a key:
/// "ssl.keystore.location: recognised, not modelled ..." for a key Kafka 3.6's broker
/// knows that the catalog does not hold, and a warning like Kafka's own for a key with a
/// third-party prefix ("confluent.", "datadog."). Only server.properties has such keys.
/// Such keys are not kept: nothing in the simulation would read them.
std::optional<std::string> ignored_key_warning(ConfigScope scope, std::string_view key);

/// Why `key` = `value` is wrong in `scope`, or nothing if it is fine: "unknown producer
/// config 'ack'; did you mean 'acks'?", "'acks' is a producer config, not a
/// server.properties key", "acks must be one of all, -1, 0, 1; found 'everyone'".
std::optional<std::string> check_entry(ConfigScope scope, std::string_view key, std::string_view value);

/// The issues of each entry on its own, in entry order: a warning for an ignored key
/// (ignored_key_warning()), errors from check_entry(), and a warning for a key newer
/// than the era.
std::vector<ConfigIssue> validate_entries(const Properties& properties);

/// The combinations Kafka refuses at startup (enable.idempotence=true with acks=1,
/// heartbeat.interval.ms not below session.timeout.ms). Assumes every value is valid:
/// call it only when validate_entries() found no error.
std::vector<ConfigIssue> validate_combination(const Properties& properties);

/// Both of the above: entries first, then combinations when every entry is valid.
std::vector<ConfigIssue> validate(const Properties& properties);

/// Whether an unset enable.idempotence means on in this producer's era: from 3.2. KIP-679
/// made true the default in 3.0, but 3.0.0 and 3.1.0 never applied it (KAFKA-13598).
bool idempotence_default_applies(const Properties& producer);

/// Whether a producer with these settings is idempotent. From 3.2 on (KAFKA-13598) an
/// unset enable.idempotence yields to conflicting settings (acks other than all,
/// retries 0, more than 5 requests in flight) instead of failing; an explicit true
/// with such settings is refused by validate().
bool idempotence_enabled(const Properties& producer);

}  // namespace kafkalab::kafka
