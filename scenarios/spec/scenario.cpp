#include "scenarios/spec/scenario.h"

#include <algorithm>

namespace kafkalab::scenarios {

const BrokerSpec* Scenario::find_broker(std::string_view host) const {
    for (const auto& b : cluster.brokers) {
        if (b.host == host) return &b;
    }
    return nullptr;
}

const TopicSpec* Scenario::find_topic(std::string_view topic) const {
    for (const auto& t : topics) {
        if (t.name == topic) return &t;
    }
    return nullptr;
}

double records_sent(const ProducerSpec& p, Duration run) {
    const Duration stop = std::min(p.stop, run);
    if (stop <= p.start || p.schedule.per <= Duration{0}) return 0;
    const double periods = static_cast<double>((stop - p.start).count()) / static_cast<double>(p.schedule.per.count());
    double records = static_cast<double>(p.schedule.records) * (periods + 1);
    if (p.count) records = std::min(records, static_cast<double>(*p.count));
    return records;
}

namespace {

/// FNV-1a: a fixed, portable hash, so a generated group name depends only on the
/// seed and the consumer's name.
std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return hash;
}

}  // namespace

bool is_valid_client_name(std::string_view name) {
    constexpr std::size_t longest = 64;
    if (name.empty() || name.size() > longest) return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                  c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string generated_group_id(std::uint64_t seed, std::string_view consumer) {
    return "console-consumer-" + std::to_string(fnv1a(std::to_string(seed) + "/" + std::string(consumer)) % 100000);
}

}  // namespace kafkalab::scenarios
