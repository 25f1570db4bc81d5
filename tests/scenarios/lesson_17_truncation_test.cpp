// Lesson 17 (kafka-version 3.6) narrates how its followers find their divergent tails:
// by the Fetch response's diverging epoch (KAFKA-10554), never by OffsetsForLeaderEpoch.
// Each timed fact of its narration about truncation is checked against the run here.
#include <string>

#include "broker_model/events/model_event.h"
#include "scenarios/scenario_fixture.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

struct TimedNote {
    sim::Duration at;
    kafka::TruncationNote note;
};

}  // namespace

TEST_CASE("lesson 17: its 3.6 followers truncate at the Fetch response's diverging epoch, as its narration says") {
    sim::Trace trace;
    RunOptions options;
    options.trace = &trace;
    LoadedRun run(test_data("../../scenarios/lessons/17-leader-epochs.yaml"), options);
    run->run();

    std::vector<TimedNote> truncations;
    std::size_t epoch_queries = 0;
    std::size_t fetches_from_4_to_3_delivered = 0;
    std::size_t fetches_from_4_to_3_stalled = 0;
    bool broker_3_led_epoch_1_at_18s = false;  // elected 14 ms into the narrated second
    std::size_t diverging_answers = 0;
    std::string diverging_answer_text;
    for (const auto& record : trace.records()) {
        const sim::Duration at = record.time.time_since_epoch();
        if (const auto* event = record.event_as<kafka::ModelEvent>()) {
            if (const auto* note = std::get_if<kafka::TruncationNote>(event)) truncations.push_back({at, *note});
            if (const auto* elected = std::get_if<kafka::LeaderElected>(event)) {
                broker_3_led_epoch_1_at_18s |= at >= 18s && at < 18500ms && elected->leader == kafka::BrokerId{3} &&
                                                elected->leader_epoch == kafka::LeaderEpoch{1};
            }
        }
        if (starts_with(record.summary, "OffsetsForLeaderEpoch")) ++epoch_queries;
        if (record.kind == "deliver" && record.source == "broker-4" && record.destination == "broker-3" &&
            starts_with(record.summary, "Fetch ") && at >= 18s && at < 20s) {
            ++fetches_from_4_to_3_delivered;
        }
        if (record.kind == "stall" && record.source == "broker-4" && record.destination == "broker-3" &&
            starts_with(record.summary, "Fetch (follower 4) ledger-0@") && at < 20s) {
            ++fetches_from_4_to_3_stalled;
        }
        if (record.kind == "deliver" && starts_with(record.summary, "FetchResponse") &&
            record.summary.find("diverging epoch") != std::string::npos) {
            ++diverging_answers;
            diverging_answer_text = record.summary;
            CHECK(record.destination == "broker-3");
        }
    }
    // "broker-4 fetches from broker-3 ... but the request cannot get through: broker-4
    // keeps its whole log meanwhile" (18 s).
    CHECK(broker_3_led_epoch_1_at_18s);
    CHECK(epoch_queries == 0);
    CHECK(fetches_from_4_to_3_stalled >= 1);
    CHECK(fetches_from_4_to_3_delivered == 0);
    for (const auto& t : truncations) CHECK(t.at >= 40s);
    // "broker-2's log agrees with broker-4's. broker-3 names epoch 1 ...: broker-4
    // answers that epoch 0 ended at offset 200, and broker-3 truncates offset 200" (40 s).
    REQUIRE(truncations.size() == 1);
    const TimedNote& cut = truncations.front();
    INFO(kafka::render_summary(cut.note));
    CHECK(cut.at < 41s);
    CHECK(cut.note == kafka::TruncationNote{{"ledger", 0}, "broker-3", kafka::Offset{200}, kafka::Offset{201},
                                            kafka::TruncationCause::leader_epoch,
                                            kafka::LeaderEpochSource::fetch_diverging_epoch});
    CHECK(diverging_answers == 1);
    CHECK(diverging_answer_text == "FetchResponse ledger-0 diverging epoch 0 ends at 200");
}
