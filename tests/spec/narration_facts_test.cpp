// A narration line may carry the fact it states as expectations, checked at the line's
// moment: a lesson cannot narrate what its run does not do.
#include <catch2/catch.hpp>

#include "scenarios/spec/load_scenario.h"
#include "spec_helpers.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;
using namespace std::chrono_literals;

namespace {

const char* cluster_part =
    "duration: 60s\n"
    "cluster: {brokers: 3}\n"
    "topics: [{name: payments, partitions: 1, replication-factor: 3}]\n";

}  // namespace

TEST_CASE("a narration line's expect: becomes an expectation at the line's moment") {
    auto result = load_scenario_text(std::string(cluster_part) +
                                         "narration:\n"
                                         "  - at: 44.7s\n"
                                         "    say: \"broker-2 left the ISR.\"\n"
                                         "    expect: {isr: {partition: payments-0, is: [1, 3]}}\n"
                                         "  - at: 50s\n"
                                         "    say: \"broker-1 leads, and keeps the records.\"\n"
                                         "    expect:\n"
                                         "      - {leader: {partition: payments-0, is: broker-1}}\n"
                                         "      - {leader: {partition: payments-0, at: 55s, is: 1}}\n"
                                         "      - no-acknowledged-record-lost\n"
                                         "  - {at: 58s, say: \"Nothing to check here.\"}\n",
                                     "facts.yaml");
    INFO(report(result));
    REQUIRE(result.ok());
    const Scenario& s = *result.scenario;
    REQUIRE(s.narration.size() == 3);
    CHECK(s.narration[0].checked_facts == 1);
    CHECK(s.narration[1].checked_facts == 3);
    CHECK(s.narration[2].checked_facts == 0);
    REQUIRE(s.expectations.size() == 4);
    CHECK(s.expectations[0].kind == ExpectationKind::isr);
    CHECK(s.expectations[0].at == Duration{44700ms});
    CHECK(s.expectations[1].at == Duration{50s});
    CHECK(s.expectations[2].at == Duration{55s});  // its own at wins
    CHECK(s.expectations[3].kind == ExpectationKind::no_acknowledged_record_lost);
}

TEST_CASE("a wrong fact in a narration line is reported at its file:line:column") {
    auto result = load_scenario_text(std::string(cluster_part) +
                                         "narration:\n"
                                         "  - {at: 10s, say: \"x\", expect: {leader: {partition: payments-7, is: broker-1}}}\n"
                                         "  - {at: 11s, say: \"y\", expect: {leadr: {partition: payments-0, is: 1}}}\n",
                                     "bad-facts.yaml");
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(result.diagnostics[0].to_string().starts_with("bad-facts.yaml:5:"));
    INFO(result.diagnostics[0].to_string());
    CHECK(result.diagnostics[0].to_string().find("7") != std::string::npos);
    CHECK(result.diagnostics[1].to_string().starts_with("bad-facts.yaml:6:"));
    CHECK(result.diagnostics[1].to_string().find("did you mean 'leader'") != std::string::npos);
}
