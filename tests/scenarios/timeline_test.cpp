// What the timeline shows a class: each notable event once.
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
