#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "broker_model/client/data_generator.h"

using namespace kafkalab::kafka;
using namespace std::chrono_literals;
using kafkalab::sim::RandomStream;
using kafkalab::sim::time_zero;

TEST_CASE("simulated time is rendered as ISO-8601 UTC from 2024-01-01T00:00:00Z") {
    CHECK(format_iso8601(time_zero) == "2024-01-01T00:00:00.000Z");
    CHECK(format_iso8601(time_zero + 3s) == "2024-01-01T00:00:03.000Z");
    CHECK(format_iso8601(time_zero + 1h + 2min + 3s + 250ms + 999us) == "2024-01-01T01:02:03.250Z");
    CHECK(format_iso8601(time_zero + std::chrono::hours(24 * 59)) == "2024-02-29T00:00:00.000Z");  // a leap year
    CHECK(format_iso8601(time_zero + std::chrono::hours(24 * 366)) == "2025-01-01T00:00:00.000Z");
}

TEST_CASE("fake user registrations are compact JSON with name, address, email and created_at") {
    RandomStream random(42);
    auto generator = make_value_generator("fake-user-registration");
    const std::string value = generator->generate(0, time_zero + 3s, random);
    CHECK(value.find('\n') == std::string::npos);
    const auto json = nlohmann::json::parse(value);
    REQUIRE(json.size() == 4);
    const std::string name = json.at("name");
    const std::string email = json.at("email");
    CHECK(json.at("created_at") == "2024-01-01T00:00:03.000Z");
    CHECK(std::string(json.at("address")).find(", ") != std::string::npos);
    REQUIRE(name.find(' ') != std::string::npos);
    // The email is built from the same name: "Ada Quill" -> "ada.quill@example.com".
    CHECK(email.ends_with("@example.com"));
    CHECK(email.front() == static_cast<char>(std::tolower(static_cast<unsigned char>(name.front()))));
}

TEST_CASE("fake user registrations replay exactly from the seed and vary from record to record") {
    RandomStream a(7), b(7);
    auto first = make_value_generator("fake-user-registration");
    auto second = make_value_generator("fake-user-registration");
    std::set<std::string> names;
    for (std::uint64_t i = 0; i < 50; ++i) {
        const auto value = first->generate(i, time_zero + i * 3s, a);
        REQUIRE(value == second->generate(i, time_zero + i * 3s, b));
        names.insert(nlohmann::json::parse(value).at("name").get<std::string>());
    }
    CHECK(names.size() > 40);
}

TEST_CASE("sequence values number the records so gaps and duplicates show") {
    RandomStream random(1);
    auto generator = make_value_generator("sequence");
    CHECK(generator->generate(0, time_zero, random) == "message-000000");
    CHECK(generator->generate(42, time_zero, random) == "message-000042");
    CHECK(generator->generate(1234567, time_zero, random) == "message-1234567");
}

TEST_CASE("fixed and random-bytes values have the requested content and size") {
    RandomStream random(3);
    CHECK(make_value_generator("fixed:hello kafka")->generate(9, time_zero, random) == "hello kafka");
    CHECK(make_value_generator("fixed:")->generate(0, time_zero, random).empty());
    auto bytes = make_value_generator("random-bytes:100");
    const auto one = bytes->generate(0, time_zero, random);
    const auto two = bytes->generate(1, time_zero, random);
    CHECK(one.size() == 100);
    CHECK(two.size() == 100);
    CHECK(one != two);
    CHECK(std::all_of(one.begin(), one.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }));
}

TEST_CASE("random-bytes values use every letter and digit about equally often") {
    RandomStream random(11);
    auto bytes = make_value_generator("random-bytes:1000");
    std::map<char, int> counts;
    for (std::uint64_t id = 0; id < 72; ++id) {
        for (char c : bytes->generate(id, time_zero, random)) ++counts[c];
    }
    // 72,000 letters over 36 symbols: 2,000 each expected; +-15 % is over 6 standard deviations.
    REQUIRE(counts.size() == 36);
    for (const auto& [symbol, count] : counts) {
        INFO("symbol " << symbol);
        CHECK(count > 1700);
        CHECK(count < 2300);
    }
}

TEST_CASE("random-bytes letters are the leading base-36 digits of each draw read as a fraction") {
    // The definition, one letter at a time: 12 letters per 64-bit draw. A generator
    // that computes them faster must still give these letters, so runs replay exactly.
    auto by_definition = [](std::size_t size, RandomStream& random) {
        const std::string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        std::string value;
        std::uint64_t fraction = 0;
        for (std::size_t i = 0; i < size; ++i) {
            if (i % 12 == 0) fraction = random.next_u64();
            const unsigned __int128 scaled = static_cast<unsigned __int128>(fraction) * 36;
            value += alphabet[static_cast<std::size_t>(scaled >> 64)];
            fraction = static_cast<std::uint64_t>(scaled);
        }
        return value;
    };
    for (std::size_t size : {1, 11, 12, 13, 23, 24, 25, 47, 48, 100, 1000}) {
        INFO("random-bytes:" << size);
        RandomStream generated(5), expected(5);
        auto bytes = make_value_generator("random-bytes:" + std::to_string(size));
        CHECK(bytes->generate(0, time_zero, generated) == by_definition(size, expected));
        // The stream is left where the definition leaves it: the next value matches too.
        CHECK(bytes->generate(1, time_zero, generated) == by_definition(size, expected));
    }
}

TEST_CASE("unknown value generators and bad sizes are refused with the accepted forms") {
    CHECK_THROWS_WITH(make_value_generator("faker"), Catch::Contains("unknown value generator \"faker\"") &&
                                                         Catch::Contains("fake-user-registration"));
    CHECK_THROWS_WITH(make_value_generator("random-bytes:0"), Catch::Contains("whole number of bytes"));
    CHECK_THROWS_AS(make_value_generator("random-bytes:12kb"), std::invalid_argument);
    CHECK_THROWS_AS(make_value_generator("random-bytes:999999999999"), std::invalid_argument);
}

TEST_CASE("every generator's view of a value is the value it generates, from the same draws") {
    for (const char* name : {"fake-user-registration", "sequence", "fixed:hello kafka", "random-bytes:100"}) {
        CAPTURE(name);
        auto generator = make_value_generator(name);
        RandomStream for_strings(11);
        RandomStream for_views(11);
        std::string scratch = "left over from before, longer than some values";
        for (std::uint64_t sequence = 0; sequence < 20; ++sequence) {
            const auto at = time_zero + std::chrono::milliseconds(250 * sequence);
            const std::string value = generator->generate(sequence, at, for_strings);
            CHECK(generator->generate_view(sequence, at, for_views, scratch) == value);
        }
        CHECK(for_strings.next_u64() == for_views.next_u64());  // the streams moved alike
    }
}
