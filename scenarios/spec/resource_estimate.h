#pragma once
// What a run of a scenario will take: peak memory and the size of its --trace, from
// the scenario alone, so that `validate` and `run` can refuse a scenario that would
// not fit the machine before it starts, naming the part that costs most (a cluster of
// 100 brokers with 10 million partitions passed validate and exhausted memory).
//
// The estimate is a sum of parts, each a count from the scenario times a cost per
// item. The costs were measured, not derived: release builds run under
// `/usr/bin/time -v` (its "Maximum resident set size"), with KAFKALAB_HEAP_POPULATE=0
// for what a run touches, on scenarios that grow one count at a time (partitions,
// brokers, producers, records); each cost is the slope between two sizes.
// docs/PERFORMANCE.md ("Estimating a run's memory") has the runs, how to measure
// again, and the lessons' measured peaks against the estimate (within 1.1x; up to
// 1.7x high elsewhere).
#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/spec/scenario.h"

namespace kafkalab::scenarios {

/// One part of the estimate: "partition replicas: 30,000 x 6 KiB".
struct CostPart {
    std::string name;     // "partition replicas"
    double count = 0;     // how many items
    double bytes = 0;     // count x the cost of one
    std::string what;     // what one item is, for messages: "a replica on a broker"
};

struct ResourceEstimate {
    std::vector<CostPart> memory;  // parts of the peak resident memory, largest first
    double memory_bytes = 0;       // their sum, the process's own base and populated heap included
    double populated_ahead_bytes = 0;  // heap faulted in before use (sim/heap_populator.h)
    double trace_bytes = 0;        // what --trace writes
    double trace_lines = 0;

    /// The part that costs the most memory.
    const CostPart& costliest() const { return memory.front(); }
};

/// `heap_populated`: the heap is faulted in ahead of use (sim/heap_populator.h, on by
/// default in `kafkalab`), which adds one growth step of populated heap to the peak
/// once a run outgrows the process's first heap.
ResourceEstimate estimate_resources(const Scenario& scenario, bool heap_populated);

/// "1.5 GiB", "340 MiB", "12 KiB".
std::string format_bytes(double bytes);

}  // namespace kafkalab::scenarios
