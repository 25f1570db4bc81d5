#pragma once
// The Kafka release whose defaults a scenario runs with (its "era"). Defaults moved
// over the years in ways a class can see (acks 1 → all in 3.0, unclean leader election
// on before 0.11), so the catalog keeps a default history and this picks the entry.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace kafkalab::kafka {

/// A Kafka release as major.minor.patch; "0.10.1" and "3.6" (patch 0) alike.
struct KafkaVersion {
    int major = 3;
    int minor = 6;
    int patch = 0;

    auto operator<=>(const KafkaVersion&) const = default;

    /// "3.6", or "0.10.1" when the patch matters.
    std::string to_string() const;
};

/// The era kafkalab models unless a scenario asks otherwise: the last 3.x releases in
/// ZooKeeper mode behave alike for everything the model covers, and 3.6 is one of them.
constexpr KafkaVersion default_kafka_version{3, 6, 0};

/// The oldest era with a default history here: 0.8, the era of Jepsen's 2013 test.
constexpr KafkaVersion oldest_kafka_version{0, 8, 0};

/// ZooKeeper mode ended with 4.0, so the newest era is the 3.x line.
constexpr KafkaVersion first_version_without_zookeeper{4, 0, 0};

/// Parses "3.6", "2.4.1" or "0.8". Returns nothing for anything else, including
/// versions outside [oldest_kafka_version, first_version_without_zookeeper).
std::optional<KafkaVersion> parse_kafka_version(std::string_view text);

}  // namespace kafkalab::kafka
