// What a class sees: the text table with a few examples per anomaly, the JSON for
// tools, and the committed log read from a broker's PartitionLog.
#include <catch2/catch.hpp>

#include "broker_model/log/record_data.h"
#include "checker/input_builder.h"
#include "scenarios/checker/report_json.h"
#include "scenarios/checker/report_text.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

const TopicPartition t0{"t", 0};

/// Five acknowledged records, of which only the first survives, one duplicated.
CheckReport five_lost_one_duplicated() {
    InputBuilder b;
    const RecordId kept = b.acknowledged("p", t0, "kept", 0);
    for (int i = 1; i <= 5; ++i) b.acknowledged("p", t0, "lost-" + std::to_string(i), i);
    b.write(t0, {kept, kept});
    return check(b.input);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the text report has a row for every anomaly and shows at most a few examples of each") {
    const CheckReport report = five_lost_one_duplicated();
    const std::string text = render_text(report, {.max_examples = 2});
    for (AnomalyKind kind : all_anomaly_kinds) CHECK(contains(text, to_string(kind)));
    CHECK(contains(text, "poll-skip (assignment changed)"));
    CHECK(contains(text, "sent 6: 6 acknowledged"));
    CHECK(contains(text, "lost-write (5)"));
    CHECK(contains(text, "record 2 \"lost-1\" from p: acknowledged at t-0 offset 1"));
    CHECK(contains(text, "record 3 \"lost-2\""));
    CHECK_FALSE(contains(text, "record 4 \"lost-3\""));
    CHECK(contains(text, "... and 3 more"));
    CHECK(contains(text, "record 1 \"kept\" from p (sent 1 time) is at t-0 offset 0 and t-0 offset 1"));
    CHECK(contains(text, "verdict: acknowledged records were LOST"));
}

TEST_CASE("the text report of a clean run says so") {
    InputBuilder b;
    b.write(t0, b.acknowledged("p", t0, "a", 0));
    const std::string text = render_text(check(b.input));
    CHECK(contains(text, "verdict: clean"));
    CHECK_FALSE(contains(text, "lost-write ("));
}

TEST_CASE("long values are cut in the text report") {
    InputBuilder b;
    b.acknowledged("p", t0, std::string(100, 'x'), 0);
    b.input.log(t0);
    const std::string line = describe(check(b.input).lost_writes.at(0), {.max_value_chars = 8});
    CHECK(contains(line, "\"xxxxxxxx...\""));
}

TEST_CASE("the JSON report names every anomaly as Jepsen does, with its count and examples") {
    const nlohmann::json j = to_json(five_lost_one_duplicated(), {.max_examples = 1});
    CHECK(j["clean"] == false);
    CHECK(j["lost_acknowledged_data"] == true);
    CHECK(j["counts"]["sent"] == 6);
    CHECK(j["counts"]["present_in_logs"] == 1);
    for (AnomalyKind kind : all_anomaly_kinds) REQUIRE(j["anomalies"].contains(to_string(kind)));
    const auto& lost = j["anomalies"]["lost-write"];
    CHECK(lost["count"] == 5);
    REQUIRE(lost["examples"].size() == 1);
    CHECK(lost["examples"][0]["record_id"] == 2);
    CHECK(lost["examples"][0]["value"] == "lost-1");
    CHECK(lost["examples"][0]["topic"] == "t");
    CHECK(lost["examples"][0]["acknowledged_offset"] == 1);
    CHECK(lost["examples"][0]["offset_now_holds"] == 1);  // the duplicate of "kept" sits at offset 1
    const auto& duplicate = j["anomalies"]["duplicate"];
    CHECK(duplicate["count"] == 1);
    CHECK(duplicate["examples"][0]["locations"].size() == 2);
    CHECK(j["anomalies"]["poll-skip"]["after_assignment_change"] == 0);
    CHECK(j["anomalies"]["unseen"]["count"] == 0);
}

TEST_CASE("the committed log of a replica holds only what a consumer could read: below the high watermark") {
    kafka::PartitionLog log;
    auto batch = kafka::RecordDataBuilder().add(std::nullopt, "a", 0, 11).add(std::nullopt, "b", 0, 12).build();
    auto more = kafka::RecordDataBuilder().add(std::nullopt, "c", 0, 13).build();
    REQUIRE(log.append_as_leader(batch, kafka::LeaderEpoch{0}).ok());
    REQUIRE(log.append_as_leader(more, kafka::LeaderEpoch{0}).ok());
    log.update_high_watermark(Offset{2});
    const CommittedLog committed = committed_log_of(log, t0, "broker-1", LogSource::leader);
    CHECK(committed.broker == "broker-1");
    CHECK(committed.high_watermark == Offset{2});
    REQUIRE(committed.records.size() == 2);
    CHECK(committed.records[0].record_id == 11);
    CHECK(committed.records[1].value == "b");
    CHECK(committed.at(Offset{1})->record_id == 12);
    CHECK(committed.at(Offset{2}) == nullptr);  // written, not committed
}

TEST_CASE("the text report prints times from the origin it is given so they match a scenario's timeline") {
    LostWrite lost;
    lost.record_id = 7;
    lost.producer = "p";
    lost.value = "v";
    lost.partition = t0;
    lost.acknowledged_offset = Offset{3};
    lost.acknowledged_at = sim::time_zero + std::chrono::milliseconds(10330);
    CHECK(contains(describe(lost), "(t=10.330000s)"));
    CHECK(contains(describe(lost, {.origin = sim::time_zero + std::chrono::milliseconds(330)}), "(t=10.000000s)"));
}
