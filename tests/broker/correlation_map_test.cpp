// The table NetworkClient keeps its requests in flight in: checked against std::map
// under the pattern a client produces (ids handed out in order, answered out of order)
// and across the int32 wrap.
#include <catch2/catch.hpp>

#include <climits>
#include <map>
#include <memory>
#include <string>

#include "broker_model/common/correlation_map.h"
#include "sim/random.h"

using namespace kafkalab::kafka;

TEST_CASE("the correlation map holds exactly what a std::map would as requests come and go") {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        INFO("seed " << seed);
        kafkalab::sim::RandomStream random(seed);
        std::map<std::int32_t, std::string> expected;
        CorrelationMap<std::string> map;
        // Start close to the top so that ids wrap to negative numbers on the way.
        std::int32_t next_id = seed == 4 ? INT32_MAX - 2'000 : 1;
        for (int op = 0; op < 6'000; ++op) {
            if (expected.size() < 300 && random.chance(0.55)) {
                const std::int32_t id = next_id;
                next_id = next_id == INT32_MAX ? INT32_MIN : next_id + 1;
                map.emplace(id, "request " + std::to_string(id));
                expected.emplace(id, "request " + std::to_string(id));
            } else if (!expected.empty()) {
                // Answers come back in any order.
                auto it = expected.begin();
                std::advance(it, static_cast<long>(random.below(expected.size())));
                auto taken = map.take(it->first);
                REQUIRE(taken.has_value());
                REQUIRE(*taken == it->second);
                expected.erase(it);
            }
            REQUIRE(map.size() == expected.size());
            if (op % 101 == 0) {
                std::map<std::int32_t, std::string> seen;
                map.for_each([&](std::int32_t id, const std::string& value) { seen.emplace(id, value); });
                REQUIRE(seen == expected);
                for (const auto& [id, value] : expected) {
                    const std::string* found = map.find(id);
                    REQUIRE(found);
                    REQUIRE(*found == value);
                }
                REQUIRE(map.find(next_id) == nullptr);
            }
        }
    }
}

TEST_CASE("the correlation map answers an unknown id with nothing and keeps move-only values") {
    CorrelationMap<std::unique_ptr<int>> map;
    CHECK(map.find(7) == nullptr);
    CHECK_FALSE(map.take(7).has_value());
    map.emplace(7, std::make_unique<int>(42));
    CHECK(map.take(8) == std::nullopt);
    auto taken = map.take(7);
    REQUIRE(taken.has_value());
    CHECK(**taken == 42);
    CHECK(map.size() == 0);
    CHECK_FALSE(map.take(7).has_value());  // a late duplicate answer finds nothing
}
