// What the timeline shows a class: each notable event once.
#include <map>

#include "broker_model/events/model_event.h"
#include "scenarios/scenario_fixture.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

TEST_CASE("the timeline shows an unclean election once") {
    int unclean = 0;
    RunOptions options;
    options.on_line = [&](sim::Duration, const std::string& what, const std::string&) { unclean += what == "unclean-election"; };
    LoadedRun run(std::string(KAFKALAB_TEST_DATA) + "/../../scenarios/lessons/08-unclean-leader-election.yaml", options);
    run->run();
    CHECK(unclean == 1);
}

TEST_CASE("the controller announces an unclean election once in the trace") {
    // A new controller elects leaders for partitions of dead brokers and for offline
    // partitions in one step (onControllerFailover); one partition is one election.
    sim::Trace trace;
    RunOptions options;
    options.trace = &trace;
    LoadedRun run(std::string(KAFKALAB_TEST_DATA) + "/../../scenarios/lessons/08-unclean-leader-election.yaml", options);
    run->run();
    std::map<std::pair<kafka::TopicPartition, kafka::BrokerId>, int> elections;
    for (const auto& record : trace.records()) {
        const auto* event = record.event_as<kafka::ModelEvent>();
        const auto* unclean = event ? std::get_if<kafka::UncleanLeaderElected>(event) : nullptr;
        if (unclean) ++elections[{unclean->partition, unclean->leader}];
    }
    REQUIRE_FALSE(elections.empty());
    for (const auto& [election, count] : elections) {
        INFO(election.first.to_string() << " leader " << election.second.value);
        CHECK(count == 1);
    }
}
