#include "broker_model/client/producer_serializer.h"

#include <cstdio>

namespace kafkalab::kafka {

std::optional<Serializer> parse_serializer(std::string_view name) {
    if (name == "string" || name == "org.apache.kafka.common.serialization.StringSerializer") return Serializer::string;
    if (name == "bytes" || name == "org.apache.kafka.common.serialization.ByteArraySerializer") return Serializer::bytes;
    if (name == "json" || name == "org.apache.kafka.connect.json.JsonSerializer") return Serializer::json;
    return std::nullopt;
}

const char* to_string(Serializer serializer) {
    switch (serializer) {
        case Serializer::string: return "string";
        case Serializer::bytes: return "bytes";
        case Serializer::json: return "json";
    }
    return "?";
}

namespace {

/// A JSON string literal for `text`, escaped as RFC 8259 requires.
std::string quote_json(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('"');
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += escaped;
        } else {
            out.push_back(c);
        }
    }
    out.push_back('"');
    return out;
}

}  // namespace

std::string serialize(Serializer serializer, std::string text) {
    if (serializer != Serializer::json) return text;
    // Generated values are JSON documents already; a JsonSerializer would write them
    // unchanged, while a plain string becomes a JSON string literal.
    if (!text.empty() && (text.front() == '{' || text.front() == '[')) return text;
    return quote_json(text);
}

}  // namespace kafkalab::kafka
