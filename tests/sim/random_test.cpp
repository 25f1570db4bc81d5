#include <catch2/catch.hpp>

#include <cmath>

#include "sim/random.h"

using namespace kafkalab::sim;

TEST_CASE("a stream is a pure function of seed and name") {
    auto a = RandomStream::derive(42, "broker-1");
    auto b = RandomStream::derive(42, "broker-1");
    auto c = RandomStream::derive(42, "broker-2");
    auto d = RandomStream::derive(43, "broker-1");
    std::uint64_t first_a = a.next_u64();
    CHECK(first_a == b.next_u64());
    CHECK(first_a != c.next_u64());
    CHECK(first_a != d.next_u64());
}

TEST_CASE("the stable hash is FNV-1a 64 (fixed across platforms)") {
    CHECK(stable_hash("") == 0xcbf29ce484222325ULL);
    CHECK(stable_hash("a") == 0xaf63dc4c8601ec8cULL);
}

TEST_CASE("uniform draws stay in range and cover it") {
    RandomStream random(7);
    int counts[6] = {};
    for (int i = 0; i < 60'000; ++i) {
        auto v = random.below(6);
        REQUIRE(v < 6);
        ++counts[v];
    }
    for (int c : counts) CHECK(std::abs(c - 10'000) < 500);
    for (int i = 0; i < 1000; ++i) {
        auto v = random.between(-3, 3);
        REQUIRE(v >= -3);
        REQUIRE(v <= 3);
        double u = random.unit();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
    }
}

TEST_CASE("exponential and normal draws have the requested mean") {
    RandomStream random(11);
    double sum_exp = 0, sum_norm = 0, sum_sq = 0;
    const int n = 200'000;
    for (int i = 0; i < n; ++i) {
        sum_exp += random.exponential(3.0);
        double x = random.normal(10.0, 2.0);
        sum_norm += x;
        sum_sq += (x - 10.0) * (x - 10.0);
    }
    CHECK(sum_exp / n == Approx(3.0).epsilon(0.02));
    CHECK(sum_norm / n == Approx(10.0).epsilon(0.01));
    CHECK(std::sqrt(sum_sq / n) == Approx(2.0).epsilon(0.02));
}
