// A hostile --topic filter is refused or matched in bounded time and stack, the way a
// valid one selects topics as Kafka's TopicFilter.IncludeList does.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "scenarios/cli_tools/topic_selection.h"

using namespace kafkalab::scenarios;

TEST_CASE("a --topic list selects the topics its regular expression matches whole") {
    CHECK(select_topics({"orders", "payments", "orders-eu"}, std::string("orders, pay.*"), false) ==
          std::vector<std::string>{"orders", "payments"});
    CHECK(topic_pattern_error("orders[") == "orders[ is an invalid regex.");
}

TEST_CASE("a --topic pattern that would backtrack exponentially matches in bounded time") {
    const std::string long_name(249, 'a');  // Kafka's longest topic name
    const auto start = std::chrono::steady_clock::now();
    CHECK(select_topics({long_name, "b"}, std::string("(a+)+b"), false).empty());
    CHECK(select_topics({long_name}, std::string("(a|aa)*"), false) == std::vector<std::string>{long_name});
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("a --topic pattern nested 200000 deep or a megabyte long is invalid and no crash") {
    const std::string deep = std::string(200000, '(') + "a" + std::string(200000, ')');
    CHECK(topic_pattern_error(deep) == deep + " is an invalid regex.");
    CHECK(select_topics({"a"}, deep, false).empty());
    const std::string huge(1 << 20, 'a');
    CHECK(topic_pattern_error(huge).has_value());
    CHECK(topic_pattern_error(std::string(32, '(') + "a" + std::string(32, ')')) == std::nullopt);
}
