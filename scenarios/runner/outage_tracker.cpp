#include "scenarios/runner/outage_tracker.h"

#include <chrono>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kafkalab::scenarios {

namespace {

/// Opens a window when `on` starts and closes the open one when it ends.
void track(std::vector<TimeWindow>& windows, bool on, sim::Duration at) {
    const bool open = !windows.empty() && !windows.back().to;
    if (on && !open) windows.push_back({at, std::nullopt});
    if (!on && open) windows.back().to = at;
}

std::string seconds(sim::Duration d) { return fmt::format("{:.3f}s", std::chrono::duration<double>(d).count()); }

}  // namespace

void OutageTracker::observe(sim::Duration at, const std::map<kafka::TopicPartition, PartitionView>& view) {
    for (const auto& [tp, partition] : view) {
        if (tp.topic.rfind("__", 0) == 0) continue;
        const bool offline = !partition.leadership.has_leader();
        const bool under = partition.leadership.isr.size() < partition.replicas.size();
        auto it = outages_.find(tp);
        if (it == outages_.end()) {
            if (!offline && !under) continue;  // only partitions that had trouble are kept
            it = outages_.emplace(tp, PartitionOutage{}).first;
        }
        track(it->second.offline, offline, at);
        track(it->second.under_replicated, under, at);
    }
}

std::string render_outages(const OutageTracker& tracker) {
    std::string text;
    for (const auto& [tp, outage] : tracker.outages()) {
        std::vector<std::string> parts;
        for (const auto& w : outage.offline) {
            parts.push_back(w.to ? fmt::format("no leader from {} to {} ({})", seconds(w.from), seconds(*w.to),
                                               seconds(*w.to - w.from))
                                 : fmt::format("no leader from {} to the end", seconds(w.from)));
        }
        for (const auto& w : outage.under_replicated) {
            parts.push_back(w.to ? fmt::format("under-replicated from {}, full ISR again at {} ({})", seconds(w.from),
                                               seconds(*w.to), seconds(*w.to - w.from))
                                 : fmt::format("under-replicated from {} to the end", seconds(w.from)));
        }
        text += fmt::format("  {}: {}\n", tp.to_string(), fmt::join(parts, "; "));
    }
    return text;
}

}  // namespace kafkalab::scenarios
