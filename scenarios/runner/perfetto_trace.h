#pragma once
// A run as a Chrome trace-event JSON file (the "Trace Event Format"), for
// ui.perfetto.dev and chrome://tracing: every host is a named track, grouped into
// brokers, ZooKeeper and clients, next to a lesson track (narration, tool steps and
// their output, questions, expectations) and a network track (partitions, cuts).
//
//   - instant events: faults, elections, ISR changes, controller moves, rebalances...
//     on the host they happened at, named as the timeline names them (notable_event.h);
//   - "down" slices from a host's crash, power loss or clean exit to its restart;
//   - a "send" slice per producer send time and a "poll" slice per consumer poll, joined
//     by flow arrows from each record's send to every poll that returned it; each send
//     carries its record id, partition, offset and outcome;
//   - counters, when sampled: ISR size and high watermark per partition, lag per group
//     and partition, acknowledged records, under-replicated partitions.
//
// Timestamps are scenario time in microseconds. Nothing here reads a clock or a pointer,
// so the same run writes the same bytes.
#include <ostream>
#include <string>
#include <vector>

#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

class PerfettoTrace {
public:
    /// Hooks this writer into a run's options; it must outlive the run.
    void attach(RunOptions& options);
    /// Records counters at the run's current time: each partition's ISR size and high
    /// watermark, each group's lag, acknowledged records and under-replicated
    /// partitions. Called between slices of a SlicedRun; reading never changes the run.
    void sample(ScenarioRun& run);
    /// Writes the whole file, once the run is over.
    void write(ScenarioRun& run, std::ostream& out) const;

private:
    struct Counter {
        sim::Duration at;
        std::string name;  // "t-0 ISR size"
        std::int64_t value;
    };
    std::vector<Counter> counters_;
    struct Line {
        sim::Duration at;
        std::string what;
        std::string text;
    };
    std::vector<sim::TraceRecord> records_;
    std::vector<Line> lines_;
};

}  // namespace kafkalab::scenarios
