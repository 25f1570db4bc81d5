#pragma once
// Topic names and ids as Kafka checks and makes them.
#include <optional>
#include <string>

#include "sim/random.h"

namespace kafkalab::kafka {

/// Kafka's Topic.validate: 1-249 characters of [a-zA-Z0-9._-], not "." or "..".
/// Returns Kafka's error message, or nothing when the name is legal.
std::optional<std::string> validate_topic_name(const std::string& name);

/// A topic id like Kafka's Uuid.toString(): 16 random bytes in URL-safe base64
/// without padding (22 characters), drawn from the controller's random stream.
std::string new_topic_id(sim::RandomStream& random);

}  // namespace kafkalab::kafka
