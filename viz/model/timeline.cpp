#include "viz/model/timeline.h"

#include <algorithm>
#include <cmath>

namespace kafkalab::viz {

TimelineMapping::TimelineMapping(sim::Duration duration, float left, float right)
    : duration_(std::max(duration, sim::Duration{1})), left_(left), right_(std::max(right, left + 1.0f)) {}

float TimelineMapping::x_of(sim::Duration time) const {
    double fraction = static_cast<double>(time.count()) / static_cast<double>(duration_.count());
    fraction = std::clamp(fraction, 0.0, 1.0);
    return left_ + static_cast<float>(fraction) * (right_ - left_);
}

sim::Duration TimelineMapping::time_of(float x) const {
    double fraction = std::clamp(static_cast<double>(x - left_) / static_cast<double>(right_ - left_), 0.0, 1.0);
    double ms = std::round(fraction * static_cast<double>(duration_.count()) / 1e6);
    auto time = std::chrono::duration_cast<sim::Duration>(std::chrono::milliseconds(static_cast<std::int64_t>(ms)));
    return std::min(time, duration_);
}

void TimelineSeries::maybe_sample(const ClusterSnapshot& snapshot) {
    if (!samples_.empty() && snapshot.time < samples_.back().time + interval_) return;
    TimelineSample sample;
    sample.time = snapshot.time;
    for (const auto& p : snapshot.partitions) {
        sample.isr_replicas += static_cast<std::int64_t>(p.isr.size());
        sample.offline += p.offline ? 1 : 0;
    }
    sample.under_replicated = snapshot.under_replicated_partitions;
    for (const auto& g : snapshot.groups) sample.total_lag += g.total_lag;
    sample.records_acknowledged = snapshot.records_acknowledged;
    samples_.push_back(sample);
}

std::vector<float> TimelineSeries::throughput_per_s() const {
    std::vector<float> out;
    for (std::size_t i = 0; i < samples_.size(); ++i) {
        if (i == 0) {
            out.push_back(0.0f);
            continue;
        }
        double seconds = std::chrono::duration<double>(samples_[i].time - samples_[i - 1].time).count();
        double records = static_cast<double>(samples_[i].records_acknowledged - samples_[i - 1].records_acknowledged);
        out.push_back(seconds > 0 ? static_cast<float>(records / seconds) : 0.0f);
    }
    return out;
}

}  // namespace kafkalab::viz
