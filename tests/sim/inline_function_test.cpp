// The move-only callable that events (sim::Callback) and NetworkClient's response
// callbacks are kept in: small closures live inline, large ones on the heap, and either
// kind is called, moved and destroyed exactly as often as it should be.
#include <catch2/catch.hpp>

#include <array>
#include <memory>
#include <string>
#include <utility>

#include "sim/inline_function.h"

using namespace kafkalab::sim;

namespace {

/// Counts how many copies of itself are alive.
struct Tracked {
    std::shared_ptr<int> live;
    explicit Tracked(std::shared_ptr<int> counter) : live(std::move(counter)) { ++*live; }
    Tracked(const Tracked& other) : live(other.live) { ++*live; }
    Tracked(Tracked&& other) noexcept : live(other.live) { ++*live; }
    ~Tracked() { --*live; }
};

}  // namespace

TEST_CASE("an inline function passes its arguments and returns the result") {
    InlineFunction<int(int, const std::string&)> f = [base = 10](int x, const std::string& s) {
        return base + x + static_cast<int>(s.size());
    };
    REQUIRE(f);
    CHECK(f(5, "abc") == 18);
    InlineFunction<int(int, const std::string&)> empty;
    CHECK_FALSE(empty);
}

TEST_CASE("small closures live inline and large ones on the heap") {
    auto small = [p = std::shared_ptr<int>(), q = 0](int) { return q; };
    std::array<char, 100> bulk{};
    auto large = [bulk](int) { return static_cast<int>(bulk.size()); };
    CHECK(InlineFunction<int(int)>::stored_inline<decltype(small)>);
    CHECK_FALSE(InlineFunction<int(int)>::stored_inline<decltype(large)>);
    InlineFunction<int(int)> a = small;
    InlineFunction<int(int)> b = large;
    CHECK(a(1) == 0);
    CHECK(b(1) == 100);
}

TEST_CASE("an inline function destroys its closure once and moves it whole") {
    auto counter = std::make_shared<int>(0);
    {
        std::array<char, 64> padding{};
        InlineFunction<int()> in = [t = Tracked(counter)] { return *t.live; };
        InlineFunction<int()> heap = [t = Tracked(counter), padding] { return *t.live + padding[0]; };
        CHECK(*counter == 2);
        InlineFunction<int()> moved = std::move(in);
        CHECK_FALSE(in);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
        CHECK(*counter == 2);
        CHECK(moved() == 2);
        InlineFunction<int()> moved_heap;
        moved_heap = std::move(heap);
        CHECK_FALSE(heap);  // NOLINT(bugprone-use-after-move)
        CHECK(*counter == 2);
        CHECK(moved_heap() == 2);
        moved = std::move(moved_heap);  // destroys the inline closure, takes the heap one
        CHECK(*counter == 1);
        moved.reset();
        CHECK(*counter == 0);
        CHECK_FALSE(moved);
    }
    CHECK(*counter == 0);
}

TEST_CASE("a trivially copyable closure relocates by its bytes") {
    int calls = 0;
    InlineFunction<void(int)> f = [&calls](int n) { calls += n; };
    InlineFunction<void(int)> g = std::move(f);
    g(3);
    g(4);
    CHECK(calls == 7);
}
