// File > Save session as: the lesson plus the class's live faults as a scenario file
// that the loader (and so `kafkalab run`) accepts and that replays the session.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/spec/joining_client.h"
#include "scenarios/spec/load_scenario.h"
#include "viz/model/lab_session.h"
#include "viz/model/session_file.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::crash_lesson;
using testing::lesson;
using testing::lesson_path;

namespace {

std::filesystem::path scratch_file(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / "kafkalab-viz-tests";
    std::filesystem::create_directories(dir);
    return dir / name;
}

std::unique_ptr<LabSession> open_session(const std::filesystem::path& file) {
    auto loaded = scenarios::load_scenario(file);
    for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
    REQUIRE(loaded.ok());
    SessionOptions options;
    options.source_file = file;
    return std::make_unique<LabSession>(std::move(*loaded.scenario), options);
}

/// What a class sees of the cluster, apart from the exact event count.
void require_same_cluster(const ClusterSnapshot& a, const ClusterSnapshot& b) {
    REQUIRE(a.time == b.time);
    REQUIRE(a.hosts == b.hosts);
    REQUIRE(a.links == b.links);
    REQUIRE(a.blocked == b.blocked);
    REQUIRE(a.controller == b.controller);
    REQUIRE(a.partitions == b.partitions);
    REQUIRE(a.groups == b.groups);
    REQUIRE(a.records_acknowledged == b.records_acknowledged);
}

}  // namespace

TEST_CASE("each live fault's line loads with the scenario loader as the fault it was") {
    const std::vector<LiveFault> faults = {
        LiveFault::on_host(scenarios::FaultKind::crash, "broker-1"),
        LiveFault::on_host(scenarios::FaultKind::power_loss, "zk-1"),
        LiveFault::pause("analytics-1", 2500ms),
        LiveFault::partition({{"broker-1", "zk-1"}, {"broker-3"}}),
        LiveFault::heal(),
        LiveFault::link(scenarios::FaultKind::cut, "broker-2", "switch"),
        LiveFault::link(scenarios::FaultKind::restore, "broker-2", "broker-3"),
    };
    std::vector<LiveFault> timed;
    for (std::size_t i = 0; i < faults.size(); ++i) {
        timed.push_back(faults[i]);
        timed.back().at.time = std::chrono::milliseconds(1000 * static_cast<int>(i + 1) + 1);
    }
    std::ifstream in(lesson_path(crash_lesson));
    std::stringstream original;
    original << in.rdbuf();
    std::string saved = session_as_scenario(original.str(), {}, timed);
    auto loaded = scenarios::load_scenario_text(saved, "saved.yaml");
    REQUIRE(loaded.ok());
    const auto& loaded_faults = loaded.scenario->faults;
    REQUIRE(loaded_faults.size() == 2 + faults.size());  // the lesson's two, then the session's
    const auto& pause = loaded_faults[4];
    REQUIRE(pause.kind == scenarios::FaultKind::pause);
    REQUIRE(pause.at == 3001ms);
    REQUIRE(pause.for_duration == 2500ms);
    REQUIRE(loaded_faults[5].groups.size() == 2);
    REQUIRE(loaded_faults[5].groups[0][1].host == "zk-1");
    REQUIRE(loaded_faults[7].link == std::vector<std::string>{"broker-2", "switch"});
    REQUIRE(loaded_faults[8].kind == scenarios::FaultKind::restore);
    // The rest of the lesson survives the rewrite.
    REQUIRE(loaded.scenario->name == lesson(crash_lesson).name);
    REQUIRE(loaded.scenario->expectations.size() == lesson(crash_lesson).expectations.size());
    REQUIRE(loaded.scenario->narration.size() == 2);
}

TEST_CASE("a saved session replays to the cluster the class saw with all its faults") {
    auto live = open_session(lesson_path(crash_lesson));
    live->advance_to(3s);
    REQUIRE(live->inject(LiveFault::pause("analytics-1", 4s)));
    live->advance_to(5s);
    REQUIRE(live->inject(LiveFault::partition({{"broker-1"}})));
    live->advance_to(8s);
    REQUIRE(live->inject(LiveFault::heal()));
    live->advance_to(12s);
    REQUIRE(live->inject(scenarios::FaultKind::crash, "broker-3"));
    live->advance_to(20s);
    REQUIRE(live->inject(scenarios::FaultKind::restart, "broker-3"));

    const auto file = scratch_file("lesson-05-session.yaml");
    REQUIRE_FALSE(live->save_as(file));
    auto replay = open_session(file);
    REQUIRE(replay->scenario().faults.size() == 2 + 5);
    for (sim::Duration t : {sim::Duration(6s), sim::Duration(10s), sim::Duration(15s), sim::Duration(40s)}) {
        live->advance_to(t);
        replay->advance_to(t);
        require_same_cluster(live->snapshot(), replay->snapshot());
    }
    REQUIRE(live->run().ledger().digest() == replay->run().ledger().digest());
}

TEST_CASE("a saved session keeps relative properties-file paths working from any folder") {
    const auto original = std::filesystem::path(KAFKALAB_TEST_DATA) / "good" / "beginner-one-broker.yaml";
    auto live = open_session(original);
    live->advance_to(2s);
    REQUIRE(live->inject(scenarios::FaultKind::crash, "broker-1"));
    const auto file = scratch_file("beginner-session.yaml");
    REQUIRE_FALSE(live->save_as(file));
    auto replay = open_session(file);
    replay->advance_to(3s);
    REQUIRE(replay->snapshot().find_host("broker-1")->state == sim::HostState::crashed);
}

TEST_CASE("saving where nothing can be written says so instead of failing silently") {
    auto live = open_session(lesson_path(crash_lesson));
    auto error = live->save_as("/nonexistent-folder/x.yaml");
    REQUIRE(error);
    REQUIRE(*error == "cannot write /nonexistent-folder/x.yaml");
    LabSession unsaved(lesson(crash_lesson));
    REQUIRE(unsaved.save_as(scratch_file("x.yaml")) == std::optional<std::string>("this session was not opened from a file"));
}

TEST_CASE("a saved session brings the added producer and the typed command back at their times") {
    auto live = open_session(lesson_path(crash_lesson));
    live->advance_to(4s);
    REQUIRE(live->inject(LiveFault::add_producer("audit-1", "payments", "all", 10)));
    live->advance_to(6s);
    REQUIRE(live->run_command("kafka-topics --describe --topic payments --bootstrap-server localhost:9092"));
    const auto file = scratch_file("lesson-05-clients.yaml");
    REQUIRE_FALSE(live->save_as(file));
    auto replay = open_session(file);
    REQUIRE(replay->scenario().producers.size() == 2);
    REQUIRE(replay->scenario().producers.back().start == 4s);
    live->advance_to(12s);
    replay->advance_to(12s);
    // The saved producer is a host from the start (idle until 4s), which shifts network
    // jitter by microseconds: the words are the same, not every arrival time.
    auto transcript = [](const LabSession& s) {
        std::string out;
        for (const auto& line : s.console()) out += line.what + " " + line.text + "\n";
        return out;
    };
    REQUIRE(transcript(*replay) == transcript(*live));
    auto from_audit = [](LabSession& s) {
        auto acked = s.run().ledger().acknowledged();
        return std::count_if(acked.begin(), acked.end(), [](const auto& e) { return e.producer == "audit-1"; });
    };
    REQUIRE(from_audit(*replay) == from_audit(*live));
    REQUIRE(replay->snapshot().partitions == live->snapshot().partitions);
}

namespace {

std::vector<std::pair<std::string, std::string>> written(const kafka::Properties& properties) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& entry : properties.entries()) out.emplace_back(entry.key, entry.value);
    return out;
}

std::vector<std::string> addresses(const std::vector<scenarios::BootstrapServer>& servers) {
    std::vector<std::string> out;
    for (const auto& s : servers) out.push_back(s.address);
    return out;
}

}  // namespace

TEST_CASE("a client added in the window is saved as an entry that loads back to the spec it joined with") {
    auto live = open_session(lesson_path(crash_lesson));
    live->advance_to(4s);
    REQUIRE(live->inject(LiveFault::add_producer("audit-1", "payments", "1", 20)));
    live->advance_to(5500ms);
    REQUIRE(live->inject(LiveFault::add_consumer("audit-reader", "payments", "")));
    const auto file = scratch_file("joined-clients.yaml");
    REQUIRE_FALSE(live->save_as(file));
    auto replay = open_session(file);

    // The specs the session built (no scenario text read) and the loader's reading of
    // the saved entries agree in everything a run uses.
    const scenarios::Scenario original = lesson(crash_lesson);
    auto joined_producer = scenarios::joining_producer(original, {"audit-1", "payments", "1", 20, 4s});
    auto joined_consumer = scenarios::joining_consumer(original, {"audit-reader", "payments", "", 5500ms});
    REQUIRE(std::holds_alternative<scenarios::ProducerSpec>(joined_producer));
    REQUIRE(std::holds_alternative<scenarios::ConsumerSpec>(joined_consumer));
    const auto& producer = std::get<scenarios::ProducerSpec>(joined_producer);
    const auto& consumer = std::get<scenarios::ConsumerSpec>(joined_consumer);
    const auto& saved_producer = replay->scenario().producers.back();
    const auto& saved_consumer = replay->scenario().consumers.back();
    CHECK(saved_producer.name == producer.name);
    CHECK(saved_producer.topic == producer.topic);
    CHECK(saved_producer.schedule.kind == producer.schedule.kind);
    CHECK(saved_producer.schedule.records == producer.schedule.records);
    CHECK(saved_producer.schedule.per == producer.schedule.per);
    CHECK(saved_producer.start == producer.start);
    CHECK(saved_producer.stop == producer.stop);
    CHECK(saved_producer.count == producer.count);
    CHECK(saved_producer.value.kind == producer.value.kind);
    CHECK(saved_producer.key.kind == producer.key.kind);
    CHECK(saved_producer.partition == producer.partition);
    CHECK(written(saved_producer.properties) == written(producer.properties));
    CHECK(addresses(saved_producer.bootstrap_servers) == addresses(producer.bootstrap_servers));
    CHECK(saved_consumer.name == consumer.name);
    CHECK(saved_consumer.topics == consumer.topics);
    CHECK(saved_consumer.group_id == consumer.group_id);
    CHECK(saved_consumer.group_id_generated == consumer.group_id_generated);
    CHECK(saved_consumer.start == consumer.start);
    CHECK(written(saved_consumer.properties) == written(consumer.properties));
    CHECK(addresses(saved_consumer.bootstrap_servers) == addresses(consumer.bootstrap_servers));
    const auto& hosts = replay->scenario().network.hosts;
    auto host = std::find_if(hosts.begin(), hosts.end(), [](const auto& h) { return h.name == "audit-reader"; });
    REQUIRE(host != hosts.end());
    CHECK(host->switch_name == scenarios::default_switch);

    // And the replay does what the session did with them.
    live->advance_to(15s);
    replay->advance_to(15s);
    auto acknowledged_from_audit = [](LabSession& s) {
        auto acked = s.run().ledger().acknowledged();
        return std::count_if(acked.begin(), acked.end(), [](const auto& e) { return e.producer == "audit-1"; });
    };
    CHECK(acknowledged_from_audit(*replay) == acknowledged_from_audit(*live));
    auto consumed_by_reader = [](LabSession& s) -> std::uint64_t {
        for (const auto& c : s.snapshot().consumers) {
            if (c.name == "audit-reader") return c.records_consumed;
        }
        return 0;
    };
    CHECK(consumed_by_reader(*live) > 0);
    CHECK(consumed_by_reader(*replay) == consumed_by_reader(*live));
}
