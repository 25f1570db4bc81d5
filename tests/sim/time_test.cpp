#include <catch2/catch.hpp>

#include "sim/time.h"

using namespace kafkalab::sim;
using namespace std::chrono_literals;

TEST_CASE("durations parse from the units a scenario writes") {
    CHECK(parse_duration("250us") == Duration{250us});
    CHECK(parse_duration("3s") == Duration{3s});
    CHECK(parse_duration("1m") == Duration{60s});
    CHECK(parse_duration("10ms") == Duration{10ms});
    CHECK(parse_duration("1.5s") == Duration{1500ms});
    CHECK(parse_duration("0.25ms") == Duration{250us});
    CHECK(parse_duration("2h") == Duration{7200s});
    CHECK(parse_duration("100ns") == Duration{100ns});
    CHECK(parse_duration("0") == Duration{0});
}

TEST_CASE("durations without a unit, with junk, or out of range are refused") {
    CHECK_FALSE(parse_duration("3"));
    CHECK_FALSE(parse_duration("s"));
    CHECK_FALSE(parse_duration("3 parsecs"));
    CHECK_FALSE(parse_duration("-3s"));
    CHECK_FALSE(parse_duration(""));
    CHECK_FALSE(parse_duration("1.2.3s"));
    CHECK_FALSE(parse_duration("99999999999h"));
}

TEST_CASE("durations format in the largest exact unit") {
    CHECK(format_duration(3s) == "3s");
    CHECK(format_duration(250us) == "250us");
    CHECK(format_duration(1500ms) == "1.5s");
    CHECK(format_duration(60s) == "1m");
    CHECK(format_duration(0s) == "0s");
    CHECK(format_time(Time{1500ms}) == "1.500000s");
}
