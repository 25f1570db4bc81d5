#include "scenarios/runner/prediction_pause.h"

#include <string>

namespace kafkalab::scenarios {

void PredictionPause::attach(const Scenario& scenario, sim::Duration end, SlicedRun& sliced) {
    for (const auto& question : scenario.predictions) {
        if (question.at > end) continue;
        sliced.once(question.at, [this, &question](sim::Duration now) { ask(question, now); });
    }
}

void PredictionPause::ask(const PredictionSpec& question, sim::Duration now) {
    ++asked_;
    out_ << "\n  ---- paused at " << sim::format_duration(now) << " ----\n"
         << "  Predict first: " << question.ask << "\n"
         << "  (press Enter to see the answer)" << std::flush;
    std::string line;
    std::getline(in_, line);
    out_ << "\n  Answer: " << question.answer << "\n  ---- the run goes on ----\n\n" << std::flush;
}

}  // namespace kafkalab::scenarios
