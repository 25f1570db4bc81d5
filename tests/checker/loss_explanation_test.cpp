// Why acknowledged records were lost, on hand-built evidence: each of Kafka's cases,
// the order they are tried in, and a loss nothing explains.
#include <catch2/catch.hpp>

#include "checker/input_builder.h"
#include "scenarios/checker/report_json.h"
#include "scenarios/checker/report_text.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

const TopicPartition t0{"t", 0};

sim::Time at_ms(int ms) { return sim::Time{} + std::chrono::milliseconds(ms); }

/// Three records acknowledged at offsets 0..2 around t=1..3 ms; only the first survives.
struct TailLost : InputBuilder {
    RecordId kept = 0, lost1 = 0, lost2 = 0;
    TailLost() {
        kept = acknowledged("p", t0, "a", 0);
        lost1 = acknowledged("p", t0, "b", 1);
        lost2 = acknowledged("p", t0, "c", 2);
        write(t0, kept);
        input.evidence.replicas[t0] = {"broker-1", "broker-2", "broker-3"};
        input.evidence.leader_choices.push_back({at_ms(0), t0, "broker-1", {"broker-1", "broker-2", "broker-3"}, false});
    }
    void elect(int ms, const std::string& leader, std::vector<std::string> isr, bool unclean = false) {
        input.evidence.leader_choices.push_back({at_ms(ms), t0, leader, std::move(isr), unclean});
    }
    void cut(int ms, const std::string& broker, std::int64_t from, std::int64_t to, kafka::TruncationCause cause) {
        input.evidence.lost_tails.push_back({at_ms(ms), {t0, broker, Offset{from}, Offset{to}, cause}});
    }
};

LossExplanation only_explanation(const CheckReport& report) {
    REQUIRE(report.loss_explanations.size() == 1);
    return report.loss_explanations.front();
}

}  // namespace

TEST_CASE("a loss the evidence does not account for is unexplained") {
    TailLost b;
    const CheckReport report = check(b.input);
    const LossExplanation loss = only_explanation(report);
    CHECK(loss.cause == LossCause::unexplained);
    CHECK(loss.records == 2);
    CHECK(loss.first_offset == Offset{1});
    CHECK(loss.last_offset == Offset{2});
    CHECK(report.lost_by_cause() == std::map<LossCause, std::size_t>{{LossCause::unexplained, 2}});
    CHECK_THAT(render_text(report), Catch::Contains("t-0 offsets 1..2 (2 records): unexplained"));
}

TEST_CASE("acks=1 records are lost to a leader elected after they were acknowledged") {
    TailLost b;
    b.input.evidence.producer_acks["p"] = kafka::Acks::leader;
    b.elect(10, "broker-2", {"broker-2", "broker-3"});
    const LossExplanation loss = only_explanation(check(b.input));
    CHECK(loss.cause == LossCause::acks_1_leader_failover);
    CHECK(loss.broker == "broker-2");
    CHECK(loss.at == at_ms(10));
}

TEST_CASE("acks=all records lost to a clean failover alone are not blamed on acks") {
    TailLost b;
    b.elect(10, "broker-2", {"broker-2", "broker-3"});
    CHECK(only_explanation(check(b.input)).cause == LossCause::unexplained);
}

TEST_CASE("an unclean election after the acknowledgement explains the loss, an earlier one does not") {
    TailLost b;
    b.input.evidence.leader_choices.insert(b.input.evidence.leader_choices.begin(),
                                           {at_ms(0), t0, "broker-3", {}, true});
    CHECK(only_explanation(check(b.input)).cause == LossCause::unexplained);
    b.elect(20, "broker-3", {}, true);
    const LossExplanation loss = only_explanation(check(b.input));
    CHECK(loss.cause == LossCause::unclean_leader_election);
    CHECK(loss.broker == "broker-3");
}

TEST_CASE("a power loss of every replica that took the offsets loses them everywhere") {
    TailLost b;
    b.cut(10, "broker-1", 1, 3, kafka::TruncationCause::power_loss);
    b.cut(10, "broker-2", 1, 3, kafka::TruncationCause::power_loss);
    // Two of three replicas are not every replica.
    CHECK(only_explanation(check(b.input)).cause != LossCause::power_loss_of_every_replica);
    b.cut(11, "broker-3", 0, 3, kafka::TruncationCause::power_loss);
    const LossExplanation loss = only_explanation(check(b.input));
    CHECK(loss.cause == LossCause::power_loss_of_every_replica);
    CHECK(loss.broker == "broker-3");
}

TEST_CASE("a leader that lost its tail to a power loss and led on, its followers truncating to it") {
    TailLost b;
    b.cut(10, "broker-1", 1, 3, kafka::TruncationCause::power_loss);
    b.cut(15, "broker-2", 1, 3, kafka::TruncationCause::leader_epoch);
    const LossExplanation loss = only_explanation(check(b.input));
    CHECK(loss.cause == LossCause::power_lost_leader);
    CHECK(loss.broker == "broker-1");
    CHECK(loss.at == at_ms(10));
}

TEST_CASE("a follower that lost its tail and never led explains nothing") {
    TailLost b;
    b.cut(10, "broker-3", 1, 3, kafka::TruncationCause::power_loss);
    b.elect(12, "broker-2", {"broker-2", "broker-3"});
    CHECK(only_explanation(check(b.input)).cause == LossCause::unexplained);
}

TEST_CASE("the last replica in the ISR, elected after it lost its tail, is the last replica standing") {
    TailLost b;
    b.elect(5, "broker-2", {"broker-2"});
    b.cut(10, "broker-2", 1, 3, kafka::TruncationCause::power_loss);
    b.elect(20, "broker-2", {"broker-2"});
    const LossExplanation loss = only_explanation(check(b.input));
    CHECK(loss.cause == LossCause::last_replica_standing);
    CHECK(loss.broker == "broker-2");
    const auto json = to_json(check(b.input));
    CHECK(json["lost_by_cause"]["last-replica-standing"] == 2);
    CHECK(json["loss_explanations"][0]["cause"] == "last-replica-standing");
}

TEST_CASE("a truncation to the high watermark explains records a pre-0.11 follower cut") {
    TailLost b;
    b.cut(10, "broker-2", 1, 3, kafka::TruncationCause::high_watermark);
    CHECK(only_explanation(check(b.input)).cause == LossCause::high_watermark_truncation);
}

TEST_CASE("acks=1 records a replaced leader acknowledged before it heard of its successor are lost to the failover") {
    TailLost b;
    b.input.evidence.producer_acks["p"] = kafka::Acks::leader;
    // broker-2 took over before the acknowledgements; broker-1, cut off, went on alone.
    b.input.evidence.leader_choices.push_back({sim::Time{}, t0, "broker-2", {"broker-2", "broker-3"}, false});
    const LossExplanation loss = only_explanation(check(b.input));
    CHECK(loss.cause == LossCause::acks_1_leader_failover);
    CHECK(loss.broker == "broker-2");
}

TEST_CASE("records a zombie leader acknowledged after an unclean election are lost to that election") {
    TailLost b;
    // broker-3 was elected uncleanly before the acknowledgements and still leads;
    // broker-1, cut off, went on acknowledging alone (min.insync.replicas=1).
    b.input.evidence.leader_choices.push_back({sim::Time{}, t0, "broker-3", {}, true});
    b.input.evidence.leader_choices.push_back({sim::Time{}, t0, "broker-3", {"broker-3"}, false});
    CHECK(only_explanation(check(b.input)).cause == LossCause::unclean_leader_election);
    // Once a clean election moved leadership on, the old unclean one explains nothing later.
    b.input.evidence.leader_choices.push_back({sim::Time{}, t0, "broker-2", {"broker-2"}, false});
    CHECK(only_explanation(check(b.input)).cause == LossCause::unexplained);
}
