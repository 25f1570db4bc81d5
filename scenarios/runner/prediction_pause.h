#pragma once
// `kafkalab run --pause`: the lesson's "predict first" questions in a terminal. The
// run stops at each prediction's time, shows the question, waits for Enter while the
// class commits to a guess, then shows the answer and goes on, as the viewer's
// "Show the answer" button does. Stopping between slices never changes the run.
#include <istream>
#include <ostream>

#include "scenarios/runner/sliced_run.h"

namespace kafkalab::scenarios {

class PredictionPause {
public:
    /// Reads Enter from `in` and prints to `out`; both must outlive the run.
    PredictionPause(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

    /// Stops `sliced` at each of the scenario's predictions due within the run.
    void attach(const Scenario& scenario, sim::Duration end, SlicedRun& sliced);

    /// Asks one question and waits; the answer follows Enter (or the end of input).
    void ask(const PredictionSpec& question, sim::Duration now);

    std::size_t asked() const { return asked_; }

private:
    std::istream& in_;
    std::ostream& out_;
    std::size_t asked_ = 0;
};

}  // namespace kafkalab::scenarios
