// The report per producer, so that a class can set two producers side by side (lessons
// 6 and 7: acks=1 against acks=all): sent, acknowledged, failed by error, pending, lost,
// and how long acknowledgements took (the producer's request-latency, from send() to
// the callback, as KafkaProducer measures it).
#include <catch2/catch.hpp>

#include "checker/input_builder.h"
#include "scenarios/checker/report_json.h"
#include "scenarios/checker/report_text.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

const TopicPartition t0{"t", 0};

/// `producer` sends a record acknowledged `latency` later at `offset`.
RecordId acknowledged_after(InputBuilder& b, const std::string& producer, std::int64_t offset, sim::Duration latency) {
    const RecordId id = b.sent(producer, t0, producer + "-" + std::to_string(offset));
    b.now += latency;
    b.input.ledger.record_acknowledged(id, t0.partition, kafka::Offset{offset}, b.now);
    return id;
}

/// "fast" (acks=1): three acknowledged of which one is gone from the log, one failed,
/// one pending. "safe" (acks=all): two acknowledged, both kept.
CheckReport two_producers() {
    using namespace std::chrono_literals;
    InputBuilder b;
    const RecordId f0 = acknowledged_after(b, "fast", 0, 1ms);
    const RecordId f1 = acknowledged_after(b, "fast", 1, 2ms);
    acknowledged_after(b, "fast", 2, 10ms);  // lost: the new leader never had it
    b.failed("fast", t0, "fast-failed", kafka::Error::not_enough_replicas);
    b.sent("fast", t0, "fast-pending");
    const RecordId s0 = acknowledged_after(b, "safe", 2, 4ms);
    const RecordId s1 = acknowledged_after(b, "safe", 3, 4ms);
    b.write(t0, {f0, f1, s0, s1});
    return check(b.input);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the report counts each producer's sends apart, with its failures by error and its losses") {
    const CheckReport report = two_producers();
    REQUIRE(report.counts.by_producer.size() == 2);
    const ProducerCounts& fast = report.counts.by_producer.at("fast");
    CHECK(fast.sent == 5);
    CHECK(fast.acknowledged == 3);
    CHECK(fast.failed == 1);
    CHECK(fast.failed_by_error.at(kafka::Error::not_enough_replicas) == 1);
    CHECK(fast.pending == 1);
    CHECK(fast.lost == 1);
    const ProducerCounts& safe = report.counts.by_producer.at("safe");
    CHECK(safe.sent == 2);
    CHECK(safe.acknowledged == 2);
    CHECK(safe.lost == 0);

    const std::string text = render_text(report);
    CHECK(contains(text, "producer fast: sent 5, 3 acknowledged, 1 failed (NOT_ENOUGH_REPLICAS 1), 1 pending, 1 lost"));
    CHECK(contains(text, "producer safe: sent 2, 2 acknowledged, 0 failed, 0 pending, 0 lost"));
    const auto json = to_json(report);
    CHECK(json["counts"]["by_producer"]["fast"]["lost"] == 1);
    CHECK(json["counts"]["by_producer"]["fast"]["failed_by_error"]["NOT_ENOUGH_REPLICAS"] == 1);
}

TEST_CASE("each producer's acknowledgement latency is given as p50, p99 and max by nearest rank") {
    using namespace std::chrono_literals;
    const CheckReport report = two_producers();
    const ProducerCounts& fast = report.counts.by_producer.at("fast");
    REQUIRE(fast.latency_p50);
    CHECK(*fast.latency_p50 == 2ms);   // rank ceil(0.5 * 3) = 2 of 1, 2, 10 ms
    CHECK(*fast.latency_p99 == 10ms);  // rank ceil(0.99 * 3) = 3
    CHECK(*fast.latency_max == 10ms);
    CHECK(contains(render_text(report), "ack latency p50 2.0ms, p99 10.0ms, max 10.0ms"));
}
