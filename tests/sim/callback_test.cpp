#include <catch2/catch.hpp>

#include <array>
#include <memory>

#include "sim/callback.h"

using namespace kafkalab::sim;

// Callback relocates small trivially copyable closures by copying bytes and moves the
// others with their own move constructors; every path must run the closure once and
// destroy what it owns exactly once.

TEST_CASE("a trivially copyable closure survives moves and runs") {
    int runs = 0;
    Callback first([&runs] { ++runs; });
    Callback second(std::move(first));
    Callback third;
    third = std::move(second);
    CHECK_FALSE(first);
    CHECK_FALSE(second);
    REQUIRE(third);
    third();
    CHECK(runs == 1);
}

TEST_CASE("a closure that owns a shared pointer keeps one reference through moves") {
    auto shared = std::make_shared<int>(7);
    int seen = 0;
    {
        Callback first([shared, &seen] { seen = *shared; });
        CHECK(shared.use_count() == 2);
        Callback second(std::move(first));
        Callback third;
        third = std::move(second);
        CHECK(shared.use_count() == 2);
        third();
        CHECK(seen == 7);
    }
    CHECK(shared.use_count() == 1);
}

TEST_CASE("a closure too big to store inline is moved by pointer and freed once") {
    auto shared = std::make_shared<int>(3);
    std::array<long, 16> big{};
    big[15] = 4;
    long seen = 0;
    {
        Callback first([shared, big, &seen] { seen = big[15] + *shared; });
        Callback second(std::move(first));
        second();
        CHECK(seen == 7);
        CHECK(shared.use_count() == 2);
        second.reset();
        CHECK(shared.use_count() == 1);
    }
    CHECK(shared.use_count() == 1);
}
