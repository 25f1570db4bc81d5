#pragma once
// Runs a scenario in slices of simulated time, so that something outside the simulation
// (a metrics sampler, a progress bar) can look at it between slices. Slicing never
// changes a run: the clock only jumps to the slice's end after every event due by then
// has fired, and nothing is scheduled from outside, so the trace is the same byte for
// byte with or without observers.
#include <functional>
#include <vector>

#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

class SlicedRun {
public:
    using Observer = std::function<void(sim::Duration scenario_time)>;

    /// Calls `observer` at scenario time 0, every `interval` after, and at the end.
    /// Precondition: interval > 0.
    void every(sim::Duration interval, Observer observer);

    /// Calls `observer` once, at scenario time `at`, unless the run ends before it.
    /// Observers due at one time are called in the order they were added.
    void once(sim::Duration at, Observer observer);

    /// Calls `before` before each slice runs and `after` once it has run, whichever
    /// observer the slice ends for (a progress bar erases and redraws itself).
    void around_each_slice(std::function<void()> before, Observer after) {
        before_slice_ = std::move(before);
        after_slice_ = std::move(after);
    }

    /// Runs `run` to its end, stopping at each observer's times.
    void run(ScenarioRun& run);

private:
    struct Entry {
        sim::Duration interval;  // zero: called once, at `next`
        Observer observer;
        sim::Duration next{0};
        bool done = false;
    };
    std::vector<Entry> entries_;
    std::function<void()> before_slice_;
    Observer after_slice_;
};

}  // namespace kafkalab::scenarios
