// ByteArena: the storage the send ledger and the consumption log keep strings in.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "broker_model/common/byte_arena.h"

using namespace kafkalab::kafka;

TEST_CASE("a byte arena keeps every stored string intact while it grows and after it moves") {
    ByteArena arena;
    std::vector<std::string> originals;
    std::vector<std::string_view> views;
    // Small strings fill shared blocks; every 50th is large enough for a block of its own.
    for (int i = 0; i < 5000; ++i) {
        originals.push_back(i % 50 == 0 ? std::string(40'000, static_cast<char>('a' + i % 26))
                                        : "value-" + std::to_string(i));
        views.push_back(arena.store(originals.back()));
    }
    CHECK(arena.block_count() > 1);
    ByteArena moved = std::move(arena);
    for (std::size_t i = 0; i < originals.size(); ++i) {
        INFO("string " << i);
        CHECK(views[i] == originals[i]);
    }
    CHECK(moved.store("").empty());
}

TEST_CASE("a byte arena interns a name once and stores other bytes every time") {
    ByteArena arena;
    const std::string_view first = arena.intern("producer-1");
    CHECK(arena.intern(std::string("producer-1")).data() == first.data());
    CHECK(arena.intern("producer-2").data() != first.data());
    CHECK(arena.store("producer-1").data() != first.data());
    CHECK(arena.intern("producer-1") == "producer-1");
}
