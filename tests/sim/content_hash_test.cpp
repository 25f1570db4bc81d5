// The payload hash the send ledger identifies values by.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "sim/content_hash.h"

using namespace kafkalab;

TEST_CASE("sim: content_hash is the same for the same bytes and changes with any single byte") {
    // Lengths that end in each part of the hash: whole 16-byte steps, one 8-byte step
    // after them, and a tail of fewer than 8 bytes.
    for (std::size_t length : {7, 16, 24, 31, 40, 100}) {
        INFO("length " << length);
        const std::string value(length, 'a');
        CHECK(sim::content_hash(value) == sim::content_hash(std::string(length, 'a')));
        std::set<std::uint64_t> seen{sim::content_hash(value)};
        for (std::size_t at = 0; at < value.size(); ++at) {
            std::string changed = value;
            changed[at] = 'b';
            seen.insert(sim::content_hash(changed));
        }
        CHECK(seen.size() == value.size() + 1);
    }
}

TEST_CASE("sim: content_hash tells apart values whose 8-byte words are swapped") {
    const std::string first(8, 'x'), second(8, 'y');
    CHECK(sim::content_hash(first + second) != sim::content_hash(second + first));
    CHECK(sim::content_hash(first + second + first) != sim::content_hash(second + first + first));
}

TEST_CASE("sim: content_hash tells values apart by length even when the extra bytes are zero") {
    using namespace std::string_literals;
    std::set<std::uint64_t> seen;
    for (std::size_t length = 0; length <= 17; ++length) seen.insert(sim::content_hash(std::string(length, '\0')));
    CHECK(seen.size() == 18);
    CHECK(sim::content_hash("a"s) != sim::content_hash("a\0"s));
}
