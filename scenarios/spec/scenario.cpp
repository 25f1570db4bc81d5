#include "scenarios/spec/scenario.h"

#include <algorithm>

namespace kafkalab::scenarios {

const BrokerSpec* Scenario::find_broker(std::string_view host) const {
    for (const auto& b : cluster.brokers) {
        if (b.host == host) return &b;
    }
    return nullptr;
}

const TopicSpec* Scenario::find_topic(std::string_view topic) const {
    for (const auto& t : topics) {
        if (t.name == topic) return &t;
    }
    return nullptr;
}

double records_sent(const ProducerSpec& p, Duration run) {
    const Duration stop = std::min(p.stop, run);
    if (stop <= p.start || p.schedule.per <= Duration{0}) return 0;
    const double periods = static_cast<double>((stop - p.start).count()) / static_cast<double>(p.schedule.per.count());
    double records = static_cast<double>(p.schedule.records) * (periods + 1);
    if (p.count) records = std::min(records, static_cast<double>(*p.count));
    return records;
}

}  // namespace kafkalab::scenarios
