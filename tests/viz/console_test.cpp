// The console: a teacher types the Kafka commands scenario steps accept, they run at
// the terminal against the live cluster, and their output appears as Kafka's tools
// print it. A typed command is recorded like a live fault.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "scenarios/spec/load_scenario.h"
#include "viz/model/lab_session.h"
#include "viz/model/session_file.h"
#include "viz/model/ui_state.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::crash_lesson;
using testing::lesson;
using testing::lesson_path;

namespace {

/// Everything the console printed after the last line typed as `command`.
std::string output_after(const LabSession& session, const std::string& command) {
    const auto& lines = session.console();
    auto typed = std::find_if(lines.rbegin(), lines.rend(), [&](const ConsoleLine& l) { return l.what == "$" && l.text == command; });
    std::string out;
    for (auto it = typed.base(); it != lines.end(); ++it) out += it->text;
    return out;
}

constexpr const char* describe_payments = "kafka-topics --describe --topic payments --bootstrap-server localhost:9092";

}  // namespace

TEST_CASE("kafka-topics --describe typed after the crash shows broker-2 out of the ISR of payments-0") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(35s);
    REQUIRE(session.run_command(describe_payments));
    session.advance_by(500ms);  // the tool asks the cluster over the simulated network
    std::string output = output_after(session, describe_payments);
    INFO(output);
    auto row = output.find("Topic: payments\tPartition: 0\tLeader: 3\tReplicas: ");
    REQUIRE(row != std::string::npos);
    std::string isr = output.substr(output.find("Isr: ", row) + 5);
    isr = isr.substr(0, isr.find_first_of("\t\n"));
    REQUIRE((isr == "3,1" || isr == "1,3"));
    REQUIRE(session.live_faults().back().to_yaml() ==
            "- {at: 35s, run: 'kafka-topics --describe --topic payments --bootstrap-server localhost:9092'}");
}

TEST_CASE("a mistyped command is refused with the tool's own message and nothing is recorded") {
    LabSession session(lesson(crash_lesson));
    UiState ui;
    apply(Command::inject(LiveFault::command("kafka-topics --describe --topic")), session, ui);
    REQUIRE_FALSE(ui.console_error.empty());
    REQUIRE(ui.console_error.find("--topic") != std::string::npos);
    apply(Command::inject(LiveFault::command("kafka-topcs --list --bootstrap-server localhost:9092")), session, ui);
    REQUIRE_FALSE(ui.console_error.empty());
    apply(Command::inject(LiveFault::command("kafka-topics --list --bootstrap-server localhost:9092", {"stray"})), session, ui);
    REQUIRE(ui.console_error == "input lines are typed into kafka-console-producer only");
    REQUIRE(session.live_faults().empty());
    apply(Command::inject(LiveFault::command("kafka-topics --list --bootstrap-server localhost:9092")), session, ui);
    REQUIRE(ui.console_error.empty());
    REQUIRE(session.live_faults().size() == 1);
}

TEST_CASE("lines typed into kafka-console-producer are echoed and sent as records") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(2s);
    const std::string producer = "kafka-console-producer --bootstrap-server localhost:9092 --topic payments";
    REQUIRE(session.run_command(producer, {"hello", "world"}));
    session.advance_by(2s);
    std::string output = output_after(session, producer);
    REQUIRE(output.find(">hello") != std::string::npos);
    REQUIRE(output.find(">world") != std::string::npos);
    REQUIRE(session.live_faults().back().to_yaml() ==
            "- {at: 2s, run: '" + producer + "', input: ['hello', 'world']}");
}

TEST_CASE("a typed command is run again by a rewind and saved as a steps line the loader takes") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(5s);
    REQUIRE(session.run_command(describe_payments));
    session.advance_to(8s);
    const auto console_before = session.console();
    session.rewind_to(3s);
    session.advance_to(8s);
    REQUIRE(session.console() == console_before);

    std::ifstream in(lesson_path(crash_lesson));
    std::stringstream original;
    original << in.rdbuf();
    auto loaded = scenarios::load_scenario_text(session_as_scenario(original.str(), {}, session.live_faults()), "saved.yaml");
    REQUIRE(loaded.ok());
    REQUIRE(loaded.scenario->steps.size() == 3);
    REQUIRE(loaded.scenario->steps.back().run == describe_payments);
    REQUIRE(loaded.scenario->steps.back().at == 5s);
    REQUIRE(loaded.scenario->faults.size() == 2);  // the lesson's own, untouched
}
