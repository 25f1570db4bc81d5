// Rates, bandwidths and probabilities as scenario files write them.
#include <catch2/catch.hpp>

#include "scenarios/spec/quantities.h"

using namespace kafkalab::scenarios;
using namespace std::chrono_literals;

TEST_CASE("a rate is a whole number of records per duration or per unit") {
    CHECK(parse_rate("1000/s")->records == 1000);
    CHECK(parse_rate("1000/s")->per == 1s);
    CHECK(parse_rate("5/10s")->per == 10s);
    CHECK(parse_rate("50 / ms")->per == 1ms);
    CHECK_FALSE(parse_rate("1000"));
    CHECK_FALSE(parse_rate("0/s"));
    CHECK_FALSE(parse_rate("1.5/s"));
    CHECK_FALSE(parse_rate("10/0s"));
    CHECK_FALSE(parse_rate("10/parsec"));
}

TEST_CASE("bandwidth takes bits with decimal prefixes and bytes with either") {
    CHECK(parse_bandwidth("1Gbit/s") == 125'000'000u);
    CHECK(parse_bandwidth("100Mbit/s") == 12'500'000u);
    CHECK(parse_bandwidth("100MB/s") == 100'000'000u);
    CHECK(parse_bandwidth("1MiB/s") == 1'048'576u);
    CHECK(parse_bandwidth("2.5KB/s") == 2'500u);
    CHECK(parse_bandwidth("unlimited") == 0u);
    CHECK_FALSE(parse_bandwidth("fast"));
    CHECK_FALSE(parse_bandwidth("-5MB/s"));
    CHECK_FALSE(parse_bandwidth("4bit/s"));  // half a byte per second
    CHECK_FALSE(parse_bandwidth("100Mb"));
}

TEST_CASE("a probability is a fraction or a percentage within 0 to 1") {
    CHECK(parse_probability("0.25") == 0.25);
    CHECK(parse_probability("1%") == 0.01);
    CHECK(parse_probability("0") == 0.0);
    CHECK_FALSE(parse_probability("150%"));
    CHECK_FALSE(parse_probability("-0.1"));
    CHECK_FALSE(parse_probability("often"));
}
