#pragma once
// The checker that tells a class what the cluster did to their data. It compares three
// accounts of one run, each kept outside the nodes so crashes cannot erase them:
//
//   SendLedger        what each producer sent and was told (acknowledged at an offset,
//                     failed, or no answer)
//   committed logs    what each partition finally holds below its high watermark
//   ConsumptionLog    what each consumer read, poll by poll
//
// and names every disagreement the way Jepsen's Kafka workload does (check_report.h).
//
//   CheckInput input = make_check_input(sim, brokers, ledger, &consumption);
//   CheckReport report = check(input);
//   std::cout << render_text(report);          // report_text.h
//   nlohmann::json j = to_json(report);        // report_json.h
//
// The checker is a pure function of its input: same input, same report, in the same
// order. It never looks at a simulation itself.
#include <string>
#include <vector>

#include "scenarios/checker/check_input.h"
#include "scenarios/checker/check_report.h"

namespace kafkalab::scenarios {

struct CheckOptions {
    /// The groups judged for unseen records (consumed-all); empty: every group that
    /// appears in the consumption log ("" stands for consumers without a group). A
    /// group is only judged on the topics its consumers subscribed to, were assigned
    /// or read from.
    std::vector<std::string> groups;
    /// False: judge exactly `groups`, even when it is empty (no group at all).
    bool all_groups_when_empty = true;
};

CheckReport check(const CheckInput& input, const CheckOptions& options = {});

}  // namespace kafkalab::scenarios
