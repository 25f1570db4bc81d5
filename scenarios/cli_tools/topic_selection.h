#pragma once
// Which topics a kafka-topics --topic argument names, the way Kafka 3.6 picks them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kafkalab::scenarios {

/// Kafka's internal topics (Topic.isInternal): __consumer_offsets and __transaction_state.
bool is_internal_topic(std::string_view topic);

/// Whether the name holds '.' or '_', which collide in metric names (Topic.hasCollisionChars);
/// kafka-topics --create warns about them.
bool has_collision_chars(std::string_view topic);

/// The names that --topic selects, sorted. Without a pattern: all names, less internal
/// ones when exclude_internal. With one: Kafka's TopicFilter.IncludeList, which trims the
/// text, turns ',' into '|', drops spaces and surrounding quotes, and keeps the names the
/// resulting regular expression matches whole. A pattern that is not a valid regular
/// expression selects nothing; so does one over 4096 characters, with groups nested
/// over 32 deep or with back-references (bounds on time and stack that Kafka lacks).
/// Kafka's complaint when --topic is not a valid regular expression once cleaned up
/// ("<regex> is an invalid regex."), or nothing when it is valid.
std::optional<std::string> topic_pattern_error(const std::string& pattern);

std::vector<std::string> select_topics(std::vector<std::string> all_topics,
                                       const std::optional<std::string>& pattern,
                                       bool exclude_internal);

}  // namespace kafkalab::scenarios
