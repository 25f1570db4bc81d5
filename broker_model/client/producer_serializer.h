#pragma once
// key.serializer and value.serializer. The simulator's records are strings already;
// a serializer decides which bytes go on the wire, and so a record's size and, for a
// key, its partition (murmur2 hashes the serialized bytes: the key "a" and the JSON
// string "\"a\"" can land on different partitions, as they do in Kafka).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kafkalab::kafka {

enum class Serializer : std::uint8_t {
    string,  // org.apache.kafka.common.serialization.StringSerializer: UTF-8 bytes
    bytes,   // ByteArraySerializer: the bytes as given
    json,    // org.apache.kafka.connect.json.JsonSerializer: a JSON document
};

/// "string", "bytes", "json", or one of Kafka's class names above; nothing otherwise.
std::optional<Serializer> parse_serializer(std::string_view name);
const char* to_string(Serializer serializer);

/// The bytes `serializer` writes for `text`. JSON keeps text that already is a JSON
/// object or array (a generated user registration) and quotes anything else as a
/// JSON string, escaping quotes, backslashes and control characters. Takes the text
/// by value: bytes that need no change are moved through, not copied.
std::string serialize(Serializer serializer, std::string text);
/// The same, rewriting `text` only when the serializer changes bytes (JSON): a send of
/// string or byte values then moves nothing at all.
inline void serialize_in_place(Serializer serializer, std::string& text) {
    if (serializer == Serializer::json) text = serialize(serializer, std::move(text));
}

}  // namespace kafkalab::kafka
