#pragma once
// What a scenario's own faults occupy, so that `--faults random` composes with them
// instead of cancelling them (issue 24, item 6). Without this a random episode's
// restart brought back a broker the scenario had scripted to lose power, and a random
// partition's `heal: all` ended the scenario's own partition or cut links early.
//
// A scripted fault holds its host from when it fires until the host is restarted
// (crash, stop, power-loss; until the end of the run when no restart names it), or
// for its length (pause, slow, lossy). A fault whose host is known only at run time
// (leader-of, controller) holds every broker; one with `when:` holds from its `at`
// to the end of the run, since it may fire at any moment in between. Partitions and
// cut links hold the network until their heal or restore, and a scripted heal holds
// it for its instant: a random partition may neither be healed by the scenario nor
// heal the scenario's.
//
// random_faults() (fault_schedule.h) leaves a host out of an episode whose span,
// widened by the sweep's min-gap on each side, meets one of the host's intervals,
// and draws no partition whose span meets the network's. A scenario without faults
// draws exactly the schedule it drew before.
#include <map>
#include <string>
#include <vector>

#include "scenarios/spec/scenario.h"

namespace kafkalab::scenarios {

struct BusySpan {
    Duration from{0};
    Duration to{0};  // inclusive

    bool meets(Duration start, Duration end) const { return from <= end && start <= to; }
};

class ScriptedFaults {
public:
    explicit ScriptedFaults(const Scenario& scenario);

    /// Whether no scripted fault holds `host` anywhere in [start, end].
    bool host_free(const std::string& host, Duration start, Duration end) const;
    /// Whether no scripted partition, cut link or heal falls in [start, end].
    bool network_free(Duration start, Duration end) const;

private:
    const Scenario& scenario_;
    std::map<std::string, std::vector<BusySpan>> hosts_;
    std::vector<BusySpan> every_broker_;
    std::vector<BusySpan> network_;
};

}  // namespace kafkalab::scenarios
