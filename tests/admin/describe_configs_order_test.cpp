// kafka-topics --describe prints `Configs:` in the admin client's HashMap order
// (org.apache.kafka.clients.admin.Config, filled from ConfigHelper's Scala HashMap of
// every topic config), not in the order the configs were set nor alphabetically.
#include <catch2/catch.hpp>

#include <algorithm>

#include "scenarios/admin/describe_configs_order.h"

using namespace kafkalab::scenarios;

namespace {

std::vector<std::string> names(const std::vector<TopicConfigEntry>& configs) {
    std::vector<std::string> out;
    for (const auto& c : configs) out.push_back(c.name);
    return out;
}

}  // namespace

TEST_CASE("Configs: of __consumer_offsets read compression.type, cleanup.policy, segment.bytes, as Kafka 3.6 prints them") {
    const auto ordered = in_describe_configs_order(
        {{"cleanup.policy", "compact"}, {"segment.bytes", "104857600"}, {"compression.type", "producer"}});
    CHECK(names(ordered) == std::vector<std::string>{"compression.type", "cleanup.policy", "segment.bytes"});
    CHECK(ordered.front().value == "producer");
}

TEST_CASE("Configs: orders by hash bucket, and a shared bucket by spread hash, whatever order they were set in") {
    // segment.bytes and retention.ms share bucket 27 of 64.
    const std::vector<std::string> expected{"min.insync.replicas", "cleanup.policy", "segment.bytes", "retention.ms",
                                            "message.format.version", "max.message.bytes",
                                            "unclean.leader.election.enable", "retention.bytes"};
    std::vector<TopicConfigEntry> set_order;
    for (auto it = expected.rbegin(); it != expected.rend(); ++it) set_order.push_back({*it, "x"});
    CHECK(names(in_describe_configs_order(set_order)) == expected);
    std::vector<TopicConfigEntry> alphabetical;
    for (const auto& name : expected) alphabetical.push_back({name, "x"});
    std::sort(alphabetical.begin(), alphabetical.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    CHECK(names(in_describe_configs_order(alphabetical)) == expected);
}
