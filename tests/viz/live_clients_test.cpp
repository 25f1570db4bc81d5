// Clients > Add producer / Add consumer: a client joins the run at the current moment,
// as a scenario entry with `start:` would, built as the loader builds that entry.
#include <catch2/catch.hpp>

#include <algorithm>

#include "scenarios/spec/load_scenario.h"
#include "viz/model/lab_session.h"
#include "viz/model/ui_state.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::crash_lesson;
using testing::lesson;
using testing::lesson_path;

namespace {

std::unique_ptr<LabSession> open_lesson(const std::string& file) {
    SessionOptions options;
    options.source_file = lesson_path(file);
    return std::make_unique<LabSession>(lesson(file), options);
}

std::size_t acknowledged_from(scenarios::ScenarioRun& run, const std::string& producer) {
    auto acked = run.ledger().acknowledged();
    return static_cast<std::size_t>(
        std::count_if(acked.begin(), acked.end(), [&](const auto& entry) { return entry.producer == producer; }));
}

const GroupView* group(const ClusterSnapshot& s, const std::string& name) {
    for (const auto& g : s.groups) {
        if (g.group == name) return &g;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("a producer added at 5s with acks=all writes to payments from then on") {
    auto session = open_lesson(crash_lesson);
    session->advance_to(5s);
    UiState ui;
    ui.client_form = {true, "audit-1", "payments", "all", 10, ""};
    apply(Command::inject(ui.client_form.to_fault()), *session, ui);
    INFO(ui.client_form_error);
    REQUIRE(ui.client_form_error.empty());
    REQUIRE(session->live_faults().back().to_yaml() ==
            "- {name: 'audit-1', topic: 'payments', rate: 10/s, properties: {acks: 'all'}, start: 5s}");
    session->advance_to(8s);
    const HostView* host = session->snapshot().find_host("audit-1");
    REQUIRE(host);
    REQUIRE(host->role == HostRole::producer);
    // Ten a second for three seconds, less the few still waiting for the ISR.
    REQUIRE(acknowledged_from(session->run(), "audit-1") >= 25);
}

TEST_CASE("a consumer added to group analytics joins it and the partitions are shared out") {
    auto session = open_lesson(crash_lesson);
    session->advance_to(5s);
    REQUIRE(session->inject(LiveFault::add_consumer("analytics-2", "payments", "analytics")));
    session->advance_to(20s);
    const GroupView* analytics = group(session->snapshot(), "analytics");
    REQUIRE(analytics);
    REQUIRE(analytics->consumers.size() == 2);
    REQUIRE(analytics->generation >= 2);  // a rebalance took the newcomer in
}

TEST_CASE("a client the scenario loader refuses is refused with the loader's own words") {
    auto session = open_lesson(crash_lesson);
    UiState ui;
    ui.client_form = {true, "audit-1", "refunds", "all", 5, ""};
    apply(Command::inject(ui.client_form.to_fault()), *session, ui);
    REQUIRE(ui.client_form_error.find("refunds") != std::string::npos);
    ui.client_form = {false, "broker-1", "payments", "all", 5, ""};
    apply(Command::inject(ui.client_form.to_fault()), *session, ui);
    REQUIRE(ui.client_form_error == "a host named broker-1 exists already");
    REQUIRE(session->live_faults().empty());

    ui.client_form = {true, "audit 1", "payments", "all", 5, ""};
    apply(Command::inject(ui.client_form.to_fault()), *session, ui);
    REQUIRE(ui.client_form_error == "producer name must be 1 to 64 letters, digits, '.', '_' or '-'; found 'audit 1'");
    REQUIRE(session->live_faults().empty());
}

TEST_CASE("a client joins a session opened without a file: no scenario text is read for it") {
    LabSession fileless(lesson(crash_lesson));
    fileless.advance_to(3s);
    std::string why;
    REQUIRE(fileless.inject(LiveFault::add_consumer("c", "payments", ""), &why));
    fileless.advance_to(15s);
    const ConsumerView* consumer = nullptr;
    for (const auto& c : fileless.snapshot().consumers) {
        if (c.name == "c") consumer = &c;
    }
    REQUIRE(consumer);
    // No group given: one generated from the seed, as kafka-console-consumer makes one.
    REQUIRE(consumer->group.starts_with("console-consumer-"));
    REQUIRE(consumer->records_consumed > 0);
}

TEST_CASE("an added client comes back after a rewind and can be crashed like any other host") {
    auto session = open_lesson(crash_lesson);
    session->advance_to(4s);
    REQUIRE(session->inject(LiveFault::add_producer("audit-1", "payments", "1", 20)));
    session->advance_to(6s);
    REQUIRE(session->inject(scenarios::FaultKind::crash, "audit-1"));
    std::string why;
    REQUIRE_FALSE(session->inject(LiveFault::on_host(scenarios::FaultKind::power_loss, "audit-1"), &why));
    session->advance_to(9s);
    const ClusterSnapshot reached = session->snapshot();
    const auto acked = acknowledged_from(session->run(), "audit-1");
    REQUIRE(acked > 0);

    session->rewind_to(2s);
    REQUIRE_FALSE(session->snapshot().find_host("audit-1"));
    session->advance_to(9s);
    REQUIRE(session->snapshot() == reached);
    REQUIRE(acknowledged_from(session->run(), "audit-1") == acked);
    REQUIRE(session->snapshot().find_host("audit-1")->state == sim::HostState::crashed);
}
