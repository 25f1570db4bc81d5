// `kafkalab run --pause` (scenarios/runner/prediction_pause.h): the run stops at each
// "predict first" question, shows it, and shows the answer only after Enter.
#include <catch2/catch.hpp>

#include <sstream>

#include "scenario_fixture.h"
#include "scenarios/runner/prediction_pause.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

std::string lesson(const std::string& file) { return test_data("../../scenarios/lessons/" + file); }

/// A class pressing Enter whenever asked; remembers the scenario time the run had
/// stopped at and what the terminal showed by then.
class EnterKey : public std::streambuf {
public:
    EnterKey(ScenarioRun& run, const std::ostringstream& screen) : run_(run), screen_(screen) {}
    std::vector<sim::Duration> pressed_at;
    std::vector<std::string> seen_before;

protected:
    int_type underflow() override {
        pressed_at.push_back(run_.now());
        seen_before.push_back(screen_.str());
        setg(&enter_, &enter_, &enter_ + 1);
        return traits_type::to_int_type(enter_);
    }

private:
    ScenarioRun& run_;
    const std::ostringstream& screen_;
    char enter_ = '\n';
};

}  // namespace

TEST_CASE("run --pause: lesson 4 stops at 5s, asks, and answers only after Enter") {
    LoadedRun run(lesson("04-consumer-groups.yaml"));
    std::ostringstream screen;
    EnterKey enter(run.run(), screen);
    std::istream keyboard(&enter);
    PredictionPause pause(keyboard, screen);
    SlicedRun sliced;
    pause.attach(run->scenario(), run->end(), sliced);
    sliced.run(run.run());

    REQUIRE(enter.pressed_at == std::vector<sim::Duration>{5s});
    const std::string& asked = enter.seen_before.front();
    CHECK(asked.find("paused at 5s") != std::string::npos);
    CHECK(asked.find("Predict first: Do the two groups split the records between them?") != std::string::npos);
    CHECK(asked.find("press Enter") != std::string::npos);
    CHECK(asked.find("Answer:") == std::string::npos);
    CHECK(screen.str().find("Answer: No: each group gets every record") != std::string::npos);
    // The run went on to its end after the answer.
    CHECK(run->now() == run->scenario().duration);
}

TEST_CASE("run --pause: a run that stops (--until) before a question never asks it") {
    RunOptions options;
    options.until = 20s;
    LoadedRun run(lesson("15-jepsen-2013-replay.yaml"), options);  // its question is at 29s
    std::ostringstream screen;
    std::istringstream keyboard("\n");
    PredictionPause pause(keyboard, screen);
    SlicedRun sliced;
    pause.attach(run->scenario(), run->end(), sliced);
    sliced.run(run.run());
    CHECK(pause.asked() == 0);
    CHECK(screen.str().empty());
    CHECK(run->now() == 20s);
}

TEST_CASE("run --pause: the end of input stands for Enter, so the run still finishes") {
    LoadedRun run(lesson("05-replication-and-broker-crash.yaml"));
    REQUIRE(!run->scenario().predictions.empty());
    std::ostringstream screen;
    std::istringstream keyboard("");
    PredictionPause pause(keyboard, screen);
    SlicedRun sliced;
    pause.attach(run->scenario(), run->end(), sliced);
    sliced.run(run.run());
    CHECK(pause.asked() == run->scenario().predictions.size());
    CHECK(screen.str().find("Answer: " + run->scenario().predictions.front().answer) != std::string::npos);
    CHECK(run->now() == run->scenario().duration);
}

TEST_CASE("run --pause: stopping at the questions leaves the run's trace the same") {
    auto trace_hash = [](bool paused) {
        sim::Trace trace(false);
        RunOptions options;
        options.trace = &trace;
        LoadedRun run(lesson("11-consumer-crash-and-rebalance.yaml"), options);
        std::ostringstream screen;
        std::istringstream keyboard("\n\n\n");
        PredictionPause pause(keyboard, screen);
        SlicedRun sliced;
        if (paused) pause.attach(run->scenario(), run->end(), sliced);
        sliced.run(run.run());
        CHECK(pause.asked() == (paused ? run->scenario().predictions.size() : 0));
        return trace.hash();
    };
    CHECK(trace_hash(true) == trace_hash(false));
}
