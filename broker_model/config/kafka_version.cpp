#include "broker_model/config/kafka_version.h"

#include <charconv>
#include <vector>

namespace kafkalab::kafka {

std::string KafkaVersion::to_string() const {
    std::string text = std::to_string(major) + "." + std::to_string(minor);
    if (patch != 0) text += "." + std::to_string(patch);
    return text;
}

std::optional<KafkaVersion> parse_kafka_version(std::string_view text) {
    std::vector<int> parts;
    std::size_t pos = 0;
    // Two or three dot-separated numbers of at most three digits each: enough for
    // every Kafka release and small enough that nothing can overflow.
    while (parts.size() < 3) {
        std::size_t end = text.find('.', pos);
        std::string_view part = text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
        if (part.empty() || part.size() > 3) return std::nullopt;
        int value = 0;
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (ec != std::errc{} || ptr != part.data() + part.size()) return std::nullopt;
        parts.push_back(value);
        if (end == std::string_view::npos) break;
        pos = end + 1;
        if (parts.size() == 3) return std::nullopt;  // a fourth component
    }
    if (parts.size() < 2) return std::nullopt;
    KafkaVersion version{parts[0], parts[1], parts.size() == 3 ? parts[2] : 0};
    if (version < oldest_kafka_version || version >= first_version_without_zookeeper) return std::nullopt;
    return version;
}

}  // namespace kafkalab::kafka
