// The hash index ReplicaManager and LogManager keep beside their ordered maps: checked
// against the map itself under random inserts and erases.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "broker_model/common/partition_index.h"
#include "sim/random.h"

using namespace kafkalab::kafka;

TEST_CASE("the partition index finds exactly what its map holds through inserts and erases") {
    // Dense partition numbers of a few topics, as a broker has them; a table that grows
    // from 16 slots and erases that pull probe runs back across the table's end.
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        INFO("seed " << seed);
        kafkalab::sim::RandomStream random(seed);
        std::map<TopicPartition, int> entries;
        PartitionIndex<int> index;
        const std::string topics[] = {"orders", "payments", "__consumer_offsets"};
        auto random_key = [&] {
            return TopicPartition{topics[random.below(3)], static_cast<std::int32_t>(random.below(300))};
        };
        for (int op = 0; op < 4'000; ++op) {
            TopicPartition key = random_key();
            if (random.chance(0.6)) {
                auto [it, added] = entries.try_emplace(key, op);
                if (added) index.insert(&it->first, &it->second);
            } else {
                index.erase(key);
                entries.erase(key);
            }
            REQUIRE(index.size() == entries.size());
            if (op % 97 == 0) {
                for (const auto& topic : topics) {
                    for (std::int32_t p = 0; p < 300; ++p) {
                        auto it = entries.find({topic, p});
                        int* found = index.find({topic, p});
                        REQUIRE(found == (it == entries.end() ? nullptr : &it->second));
                    }
                }
            }
        }
    }
}

TEST_CASE("an empty partition index finds nothing and erases nothing") {
    PartitionIndex<int> index;
    CHECK(index.find({"orders", 0}) == nullptr);
    index.erase({"orders", 0});
    CHECK(index.size() == 0);
}
