#include "scenarios/admin/describe_configs_order.h"

#include <algorithm>

#include "broker_model/client/java_hash.h"

namespace kafkalab::scenarios {

std::vector<TopicConfigEntry> in_describe_configs_order(std::vector<TopicConfigEntry> configs) {
    const std::size_t capacity = kafka::java_hash_map_capacity(describe_configs_entries);
    struct Keyed {
        std::size_t bucket;
        std::int32_t spread_hash;  // h ^ (h >>> 16): Scala's bucket lists are sorted by it
        TopicConfigEntry entry;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(configs.size());
    for (auto& entry : configs) {
        const std::int32_t h = kafka::java_string_hash(entry.name);
        const auto spread = static_cast<std::int32_t>(static_cast<std::uint32_t>(h) ^ (static_cast<std::uint32_t>(h) >> 16));
        keyed.push_back({kafka::java_hash_map_bucket(h, capacity), spread, std::move(entry)});
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        return a.bucket != b.bucket ? a.bucket < b.bucket : a.spread_hash < b.spread_hash;
    });
    std::vector<TopicConfigEntry> out;
    out.reserve(keyed.size());
    for (auto& k : keyed) out.push_back(std::move(k.entry));
    return out;
}

}  // namespace kafkalab::scenarios
