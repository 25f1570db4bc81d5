#include "broker_model/controller/topic_names.h"

namespace kafkalab::kafka {

std::optional<std::string> validate_topic_name(const std::string& name) {
    if (name.empty()) return "Topic name is illegal, it can't be empty";
    if (name == "." || name == "..") return "Topic name cannot be \".\" or \"..\"";
    if (name.size() > 249) {
        return "Topic name is illegal, it can't be longer than 249 characters, topic name: " + name;
    }
    for (char c : name) {
        bool legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                     c == '_' || c == '-';
        if (!legal) {
            return "Topic name \"" + name +
                   "\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'";
        }
    }
    return std::nullopt;
}

std::string new_topic_id(sim::RandomStream& random) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    unsigned char bytes[16];
    for (int i = 0; i < 16; i += 8) {
        std::uint64_t word = random.next_u64();
        for (int j = 0; j < 8; ++j) bytes[i + j] = static_cast<unsigned char>(word >> (8 * j));
    }
    std::string out;
    for (int i = 0; i < 16; i += 3) {
        std::uint32_t chunk = static_cast<std::uint32_t>(bytes[i]) << 16;
        if (i + 1 < 16) chunk |= static_cast<std::uint32_t>(bytes[i + 1]) << 8;
        if (i + 2 < 16) chunk |= bytes[i + 2];
        out += alphabet[(chunk >> 18) & 63];
        out += alphabet[(chunk >> 12) & 63];
        if (i + 1 < 16) out += alphabet[(chunk >> 6) & 63];
        if (i + 2 < 16) out += alphabet[chunk & 63];
    }
    return out;
}

}  // namespace kafkalab::kafka
