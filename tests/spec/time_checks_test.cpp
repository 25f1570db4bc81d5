// validate's checks of times against the run's duration: one error per mistake, never
// a cascade of follow-ons that hides it.
#include <algorithm>

#include "spec_helpers.h"

using namespace kafkalab::scenarios;
using kafkalab::scenarios::testing::load_bad_text;

namespace {

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

std::size_t lines_of(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("a fault after the end of the run is one error, with no warning about 0s") {
    // Replayed at 0s, the restart would draw "restart of broker-1 at 0s, but it is running then".
    const std::string report = load_bad_text(R"(
name: late
duration: 20s
cluster: {brokers: 2}
faults:
  - {at: 5s, crash: broker-1}
  - {at: 30s, restart: broker-1}
)");
    INFO(report);
    CHECK(count_of(report, "at 30s is after the end of the run (duration: 20s)") == 1);
    CHECK(count_of(report, " at 0s") == 0);
    CHECK(lines_of(report) == 1);
}

TEST_CASE("a duration that does not parse is the only error: times are not checked against a default") {
    const std::string report = load_bad_text(R"(
name: typo
duration: 90 seconds
cluster: {brokers: 2}
topics: [{name: t, partitions: 1}]
producers: [{name: p, topic: t, rate: 10/s, start: 70s, stop: 80s}]
steps: [{at: 75s, run: 'kafka-topics --describe --bootstrap-server localhost:9092'}]
narration: [{at: 65s, say: "late"}]
faults:
  - {at: 70s, crash: broker-1}
  - {at: 80s, restart: broker-1}
  - {at: 85s, pause: broker-2, for: 10s}
)");
    INFO(report);
    CHECK(count_of(report, "found '90 seconds'") == 1);
    CHECK(count_of(report, "after the end of the run") == 0);
    CHECK(count_of(report, "contradictory") == 0);
    CHECK(lines_of(report) == 1);
}
