#include "scenarios/sweep/scripted_faults.h"

#include <algorithm>

namespace kafkalab::scenarios {
namespace {

bool meets_any(const std::vector<BusySpan>& spans, Duration start, Duration end) {
    return std::any_of(spans.begin(), spans.end(), [&](const BusySpan& s) { return s.meets(start, end); });
}

/// The first fault after `from` (in time order) of one of `kinds` that `matches`; the
/// run's end when there is none.
template <class Matches>
Duration ended_by(const std::vector<const FaultSpec*>& faults, std::size_t from, std::initializer_list<FaultKind> kinds,
                  Duration run_end, Matches matches) {
    for (std::size_t i = from + 1; i < faults.size(); ++i) {
        const FaultSpec& f = *faults[i];
        if (std::find(kinds.begin(), kinds.end(), f.kind) != kinds.end() && matches(f)) return f.at;
    }
    return run_end;
}

}  // namespace

ScriptedFaults::ScriptedFaults(const Scenario& scenario) : scenario_(scenario) {
    std::vector<const FaultSpec*> faults;
    for (const auto& f : scenario.faults) faults.push_back(&f);
    std::stable_sort(faults.begin(), faults.end(), [](const FaultSpec* a, const FaultSpec* b) { return a->at < b->at; });
    const Duration end = scenario.duration;
    for (std::size_t i = 0; i < faults.size(); ++i) {
        const FaultSpec& f = *faults[i];
        if (f.kind == FaultKind::partition || f.kind == FaultKind::cut) {
            const auto same_link = [&](const FaultSpec& later) { return later.kind == FaultKind::heal || later.link == f.link; };
            network_.push_back({f.at, ended_by(faults, i, {FaultKind::heal, FaultKind::restore}, end, same_link)});
            continue;
        }
        if (f.kind == FaultKind::heal || f.kind == FaultKind::restore) {
            network_.push_back({f.at, f.at});
            continue;
        }
        if (!f.link.empty()) continue;  // slow or lossy on a link: hosts keep running
        BusySpan span{f.at, f.at};
        if (f.when) {
            span.to = end;
        } else if (takes_host_down(f.kind)) {
            const auto restarts_it = [&](const FaultSpec& later) {
                return later.target.kind == f.target.kind && later.target.host == f.target.host &&
                       later.target.written == f.target.written;
            };
            span.to = f.target.kind == TargetKind::host ? ended_by(faults, i, {FaultKind::restart}, end, restarts_it) : end;
        } else if (f.for_duration) {
            span.to = std::min(end, f.at + *f.for_duration);
        } else if (f.kind == FaultKind::slow || f.kind == FaultKind::lossy) {
            span.to = end;
        }
        if (f.target.kind == TargetKind::host) {
            hosts_[f.target.host].push_back(span);
        } else {
            every_broker_.push_back(span);
        }
    }
}

bool ScriptedFaults::host_free(const std::string& host, Duration start, Duration end) const {
    if (auto it = hosts_.find(host); it != hosts_.end() && meets_any(it->second, start, end)) return false;
    return !(scenario_.find_broker(host) && meets_any(every_broker_, start, end));
}

bool ScriptedFaults::network_free(Duration start, Duration end) const { return !meets_any(network_, start, end); }

}  // namespace kafkalab::scenarios
