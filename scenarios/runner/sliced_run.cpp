#include "scenarios/runner/sliced_run.h"

#include <algorithm>
#include <cassert>

namespace kafkalab::scenarios {

void SlicedRun::every(sim::Duration interval, Observer observer) {
    assert(interval.count() > 0);
    entries_.push_back(Entry{interval, std::move(observer)});
}

void SlicedRun::once(sim::Duration at, Observer observer) {
    entries_.push_back(Entry{sim::Duration{0}, std::move(observer), at});
}

void SlicedRun::run(ScenarioRun& run) {
    const sim::Duration end = run.end();
    for (;;) {
        sim::Duration stop = end;
        for (const auto& e : entries_) {
            if (!e.done) stop = std::min(stop, e.next);
        }
        if (before_slice_) before_slice_();
        run.run_until(stop);
        for (auto& e : entries_) {
            if (e.done) continue;
            if (e.interval.count() == 0) {
                // A one-time observer sees its own time only, never the end in its place.
                if (e.next != stop) continue;
                e.observer(stop);
                e.done = true;
                continue;
            }
            if (e.next > stop && stop < end) continue;
            e.observer(stop);
            e.next = stop + e.interval;
        }
        if (after_slice_) after_slice_(stop);
        if (stop >= end) return;
    }
}

}  // namespace kafkalab::scenarios
