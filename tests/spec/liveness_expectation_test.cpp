// `recovers` and `does-not-recover` as a scenario writes them: bare, or with the settle
// time; once per scenario; nothing else in their details.
#include "spec/spec_helpers.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;
using namespace std::chrono_literals;

TEST_CASE("spec: recovers takes an optional settle time, does-not-recover likewise") {
    auto bare = load_scenario_text("expect: [recovers]\n", "test.yaml");
    INFO(report(bare));
    REQUIRE(bare.ok());
    REQUIRE(bare.scenario->expectations.size() == 1);
    CHECK(bare.scenario->expectations[0].kind == ExpectationKind::recovers);
    CHECK_FALSE(bare.scenario->expectations[0].settle);

    auto timed = load_scenario_text("expect:\n  - {does-not-recover: {settle: 20s}}\n", "test.yaml");
    INFO(report(timed));
    REQUIRE(timed.ok());
    CHECK(timed.scenario->expectations[0].kind == ExpectationKind::does_not_recover);
    CHECK(timed.scenario->expectations[0].settle == std::optional<Duration>(20s));
}

TEST_CASE("spec: a liveness expectation is refused twice, with a bad settle, or with another detail") {
    CHECK_THAT(load_bad_text("expect: [recovers, does-not-recover]\n"),
               Catch::Contains("test.yaml:1:20: error: a scenario has one liveness expectation"));
    CHECK_THAT(load_bad_text("expect:\n  - {recovers: {settle: soon}}\n"), Catch::Contains("test.yaml:2:25: error:"));
    CHECK_THAT(load_bad_text("expect:\n  - {recovers: {topic: orders}}\n"),
               Catch::Contains("topic does not apply to recovers"));
}
