#pragma once
// The run laid out along one axis: the mapping between scenario time and a position on
// the scrubber, the marks of notable events, and small series sampled as the run goes
// (ISR size, under-replicated partitions, lag, throughput) for the plots.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/time.h"
#include "viz/model/cluster_snapshot.h"

namespace kafkalab::viz {

/// Scenario time [0, duration] onto [left, right] (pixels, or any unit) and back.
class TimelineMapping {
public:
    TimelineMapping(sim::Duration duration, float left, float right);
    float x_of(sim::Duration time) const;
    /// The time under `x`, clamped to the run and rounded to whole milliseconds, so
    /// scrubbing lands on readable times.
    sim::Duration time_of(float x) const;

private:
    sim::Duration duration_;
    float left_;
    float right_;
};

/// One sample of the series the timeline plots.
struct TimelineSample {
    sim::Duration time{0};
    std::int64_t isr_replicas = 0;           // sum of ISR sizes over shown partitions
    std::int64_t under_replicated = 0;       // every partition, internal ones included
    std::int64_t offline = 0;
    std::int64_t total_lag = 0;
    std::uint64_t records_acknowledged = 0;  // cumulative; throughput is its slope
};

class TimelineSeries {
public:
    /// Samples every `interval` of scenario time at most.
    explicit TimelineSeries(sim::Duration interval = std::chrono::milliseconds(250)) : interval_(interval) {}

    /// Adds a sample if `snapshot` is at least one interval after the last one.
    void maybe_sample(const ClusterSnapshot& snapshot);
    const std::vector<TimelineSample>& samples() const { return samples_; }
    /// Acknowledged records per second between consecutive samples, one per sample.
    std::vector<float> throughput_per_s() const;

private:
    sim::Duration interval_;
    std::vector<TimelineSample> samples_;
};

}  // namespace kafkalab::viz
