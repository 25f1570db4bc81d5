// --seeds and --shard: parsing, and slices that cover a range exactly once.
#include <map>

#include <catch2/catch.hpp>

#include "scenarios/sweep/seed_range.h"

using namespace kafkalab::scenarios;

TEST_CASE("the seeds flag reads A..B and a single seed") {
    auto range = std::get<SeedRange>(parse_seed_range("5..1004"));
    CHECK(range.first == 5);
    CHECK(range.last == 1004);
    CHECK(range.size() == 1000);
    CHECK(std::get<SeedRange>(parse_seed_range("7")).size() == 1);
}

TEST_CASE("the seeds flag refuses a reversed range or junk and names itself") {
    for (const char* bad : {"10..1", "1..", "..5", "a..b", "-1..4", "1...4", "", "1..2x"}) {
        auto parsed = parse_seed_range(bad);
        REQUIRE(std::holds_alternative<std::string>(parsed));
        CHECK(std::get<std::string>(parsed).starts_with("--seeds expects A..B with A <= B"));
    }
}

TEST_CASE("the seeds flag stops where a scenario's seed stops, at 2^63 - 1") {
    CHECK(std::get<SeedRange>(parse_seed_range("9223372036854775800..9223372036854775807")).size() == 8);
    for (const char* beyond : {"1..9223372036854775808", "1..18446744073709551615", "1..18446744073709551616"}) {
        auto parsed = parse_seed_range(beyond);
        REQUIRE(std::holds_alternative<std::string>(parsed));
        CHECK(std::get<std::string>(parsed).starts_with("--seeds"));
    }
}

TEST_CASE("a seed flag takes decimal digits up to 2^63 - 1 and names itself otherwise") {
    CHECK(std::get<std::uint64_t>(parse_seed("42", "--seed")) == 42);
    CHECK(std::get<std::uint64_t>(parse_seed("9223372036854775807", "--seed")) == max_seed);
    for (const char* bad : {"-1", "18446744073709551616", "99999999999999999999999", "", "0x10", "+5", " 5", "5 ",
                            "9223372036854775808", "1e3"}) {
        auto parsed = parse_seed(bad, "--seed");
        REQUIRE(std::holds_alternative<std::string>(parsed));
        CHECK(std::get<std::string>(parsed) == "--seed expects a whole number from 0 to 9223372036854775807 (2^63 - 1, as "
                                               "a scenario's seed), in decimal digits, got '" + std::string(bad) + "'");
    }
}

TEST_CASE("the shard flag reads K/N and refuses K outside 1..N") {
    auto shard = std::get<Shard>(parse_shard("3/8"));
    CHECK(shard.index == 3);
    CHECK(shard.count == 8);
    for (const char* bad : {"0/4", "5/4", "3", "1/0", "a/b", "/4", "2/"}) {
        auto parsed = parse_shard(bad);
        REQUIRE(std::holds_alternative<std::string>(parsed));
        CHECK(std::get<std::string>(parsed).starts_with("--shard expects K/N with 1 <= K <= N"));
    }
}

TEST_CASE("the shards of a range cover every seed exactly once in consecutive blocks") {
    for (std::uint64_t size : {1, 2, 7, 100, 1000, 1001}) {
        for (std::uint64_t count : {1, 2, 3, 7, 16, 1000}) {
            SeedRange range{42, 42 + size - 1};
            std::map<std::uint64_t, int> covered;
            std::uint64_t smallest = size, largest = 0;
            std::uint64_t next = range.first;
            for (std::uint64_t k = 1; k <= count; ++k) {
                SeedRange part = slice(range, Shard{k, count});
                if (part.size() == 0) continue;
                CHECK(part.first == next);  // consecutive, in shard order
                next = part.last + 1;
                for (auto seed = part.first; seed <= part.last; ++seed) ++covered[seed];
                smallest = std::min(smallest, part.size());
                largest = std::max(largest, part.size());
            }
            INFO(size << " seeds in " << count << " shards");
            CHECK(covered.size() == size);
            for (const auto& [seed, times] : covered) CHECK(times == 1);
            if (count <= size) CHECK(largest - smallest <= 1);
        }
    }
}

TEST_CASE("slicing the widest range does not overflow") {
    SeedRange range{0, UINT64_MAX - 1};
    SeedRange last = slice(range, Shard{3, 3});
    CHECK(last.last == UINT64_MAX - 1);
    CHECK(slice(range, Shard{1, 3}).first == 0);
}
