#include "scenarios/spec/scenario.h"

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

}  // namespace kafkalab::scenarios
