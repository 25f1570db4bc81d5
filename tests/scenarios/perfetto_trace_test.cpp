// kafkalab run --perfetto: a trace-event file ui.perfetto.dev opens, the same bytes for
// the same seed.
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "scenarios/runner/perfetto_trace.h"
#include "scenarios/runner/sliced_run.h"
#include "scenarios/scenario_fixture.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

std::string perfetto_of(const std::string& file, std::optional<std::uint64_t> seed = std::nullopt) {
    PerfettoTrace perfetto;
    RunOptions options;
    options.seed = seed;
    perfetto.attach(options);
    LoadedRun run(test_data(file), options);
    SlicedRun sliced;
    sliced.every(1s, [&](sim::Duration) { perfetto.sample(run.run()); });
    sliced.run(run.run());
    std::ostringstream out;
    perfetto.write(run.run(), out);
    return out.str();
}

/// The tid the file names `thread` with, in process `pid`.
int tid_of(const nlohmann::json& events, const std::string& thread) {
    for (const auto& e : events) {
        if (e["ph"] == "M" && e["name"] == "thread_name" && e["args"]["name"] == thread) return e["tid"];
    }
    return -1;
}

}  // namespace

TEST_CASE("the Perfetto file names every host's track and marks the crash and the down time") {
    auto file = nlohmann::json::parse(perfetto_of("runs/outputs.yaml"));
    const auto& events = file["traceEvents"];
    REQUIRE(events.is_array());
    for (const auto& e : events) {
        REQUIRE(e.contains("name"));
        REQUIRE(e.contains("ph"));
        REQUIRE(e.contains("pid"));
        if (e["ph"] != "M") REQUIRE(e.contains("ts"));
    }
    const int broker_1 = tid_of(events, "broker-1");
    REQUIRE(broker_1 > 0);
    REQUIRE(tid_of(events, "zk-1") > 0);
    REQUIRE(tid_of(events, "writer") > 0);
    REQUIRE(tid_of(events, "lesson") > 0);
    int crashes = 0, down = 0, elections = 0, narration = 0;
    for (const auto& e : events) {
        if (e["ph"] == "i" && e["name"] == "crash" && e["tid"] == broker_1) {
            ++crashes;
            CHECK(e["ts"] == 3'000'000);
        }
        if (e["ph"] == "X" && e["name"] == "down (crash)" && e["tid"] == broker_1) {
            ++down;
            CHECK(e["ts"] == 3'000'000);
            CHECK(e["dur"] == 12'000'000);  // restarted at 15 s
        }
        elections += e["ph"] == "i" && e["name"] == "leader-election";
        narration += e["ph"] == "i" && e["name"] == "narration";
    }
    CHECK(crashes == 1);
    CHECK(down == 1);
    CHECK(elections > 0);
    CHECK(narration == 1);
}

TEST_CASE("the Perfetto file joins each record's send to the polls that read it") {
    auto file = nlohmann::json::parse(perfetto_of("runs/outputs.yaml"));
    const auto& events = file["traceEvents"];
    const int writer = tid_of(events, "writer");
    const int reader = tid_of(events, "reader");
    std::map<std::uint64_t, int> starts, finishes;
    int sends = 0;
    for (const auto& e : events) {
        if (e["ph"] == "s") starts[e["id"]] = e["tid"];
        if (e["ph"] == "f") finishes[e["id"]] = e["tid"];
        sends += e["ph"] == "X" && e["name"] == "send" && e["tid"] == writer;
    }
    CHECK(sends > 100);  // 20 records a second for 30 s
    REQUIRE(starts.size() > 100);
    CHECK(starts.size() == finishes.size());
    for (const auto& [id, tid] : starts) {
        CHECK(tid == writer);
        CHECK(finishes.at(id) == reader);
    }
}

TEST_CASE("the same seed writes the same Perfetto file, byte for byte") {
    std::string first = perfetto_of("runs/outputs.yaml", 9);
    CHECK(first == perfetto_of("runs/outputs.yaml", 9));
    CHECK(first != perfetto_of("runs/outputs.yaml", 10));
}

TEST_CASE("the Perfetto file counts the ISR size of each partition over time") {
    auto file = nlohmann::json::parse(perfetto_of("runs/outputs.yaml"));
    std::map<std::int64_t, std::int64_t> isr;  // ts -> value
    for (const auto& e : file["traceEvents"]) {
        if (e["ph"] == "C" && e["name"] == "t-0 ISR size") isr[e["ts"].get<std::int64_t>()] = e["args"]["value"];
    }
    REQUIRE(isr.size() == 31);  // every second from 0 s to 30 s
    CHECK(isr.at(2'000'000) == 3);
    CHECK(isr.at(12'000'000) == 2);  // broker-1 crashed at 3 s
    CHECK(isr.at(30'000'000) == 3);  // and came back at 15 s
}

TEST_CASE("the Perfetto file marks rebalances on the coordinator's track and a clean stop as an exit") {
    // Lesson 21: worker-3 is killed, worker-2 leaves cleanly; the group rebalances.
    auto file = nlohmann::json::parse(perfetto_of("../../scenarios/lessons/21-rebalance-timeline.yaml"));
    const auto& events = file["traceEvents"];
    const int broker_1 = tid_of(events, "broker-1");
    const int worker_2 = tid_of(events, "worker-2");
    int rebalances = 0, exits = 0, crash_slices_of_worker_2 = 0, exit_slices = 0;
    for (const auto& e : events) {
        if (e["ph"] == "i" && e["name"] == "rebalance" && e["tid"] == broker_1) ++rebalances;
        if (e["ph"] == "i" && e["name"] == "exit" && e["tid"] == worker_2) ++exits;
        if (e["ph"] == "X" && e["tid"] == worker_2) {
            crash_slices_of_worker_2 += e["name"] == "down (crash)";
            exit_slices += e["name"] == "down (exit)";
        }
    }
    CHECK(rebalances >= 2);
    CHECK(exits == 1);
    CHECK(exit_slices == 1);
    CHECK(crash_slices_of_worker_2 == 0);
}
