// same_bytes: equal exactly when the bytes are, at every length its loads split on.
#include <catch2/catch.hpp>

#include <string>

#include "broker_model/common/same_bytes.h"

using kafkalab::kafka::same_bytes;

TEST_CASE("same_bytes finds a single differing byte anywhere in strings of every length up to 40") {
    for (std::size_t length = 0; length <= 40; ++length) {
        std::string a(length, 'k');
        for (std::size_t i = 0; i < length; ++i) a[i] = static_cast<char>('a' + i % 26);
        const std::string b = a;
        INFO("length " << length);
        CHECK(same_bytes(a, b));
        for (std::size_t at = 0; at < length; ++at) {
            std::string changed = a;
            changed[at] = static_cast<char>(changed[at] ^ 0x20);
            INFO("differs at " << at);
            CHECK_FALSE(same_bytes(a, changed));
        }
    }
}

TEST_CASE("same_bytes tells strings of different lengths apart even when one is the other's prefix") {
    CHECK_FALSE(same_bytes("produce", "producer"));
    CHECK_FALSE(same_bytes("", "a"));
    CHECK(same_bytes("", ""));
    CHECK(same_bytes(std::string("orders\0x", 8), std::string("orders\0x", 8)));
    CHECK_FALSE(same_bytes(std::string("orders\0x", 8), std::string("orders\0y", 8)));
}
