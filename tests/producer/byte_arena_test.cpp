// ByteArena: the storage the send ledger keeps names, keys and values in.
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
