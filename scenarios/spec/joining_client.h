#pragma once
// A producer or consumer that joins a scenario while it runs (the viewer's Clients
// menu), built as a typed spec directly: what the loader makes of a `producers:` or
// `consumers:` entry holding only these fields and `start:`, checked by the loader's
// rules for them. A session saved with the entry (fault_yaml-style, yaml-cpp's emitter)
// therefore loads back to the same spec.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "scenarios/spec/scenario.h"

namespace kafkalab::scenarios {

/// `{name, topic, rate: N/s, properties: {acks: ...}, start}`.
struct JoiningProducer {
    std::string name;
    std::string topic;
    std::string acks = "all";
    std::int64_t records_per_second = 1;
    Duration start{0};
};

/// `{name, group-id (none: a generated group), topics: [topic], start}`.
struct JoiningConsumer {
    std::string name;
    std::string topic;
    std::string group_id;
    Duration start{0};
};

/// The spec, or why the loader would refuse the entry, in its words. `joined_before`:
/// producers that joined earlier, which count towards the scenario's bound on records.
std::variant<ProducerSpec, std::string> joining_producer(const Scenario& scenario, const JoiningProducer& client,
                                                         const std::vector<ProducerSpec>& joined_before = {});
std::variant<ConsumerSpec, std::string> joining_consumer(const Scenario& scenario, const JoiningConsumer& client);

}  // namespace kafkalab::scenarios
