#pragma once
// Small scenarios for the sweep tests, loaded from text.
#include <string>

#include <catch2/catch.hpp>

#include "scenarios/spec/load_scenario.h"

namespace kafkalab::scenarios::testing {

/// Three brokers, a producer and a consumer, then `sweep_section` (YAML at the top level).
inline std::string sweep_scenario_text(const std::string& sweep_section, const std::string& duration = "30s") {
    return "name: sweep test\n"
           "duration: " + duration + "\n"
           "cluster: {brokers: 3, properties: {min.insync.replicas: 2}}\n"
           "topics:\n"
           "  - {name: orders, partitions: 1, replication-factor: 3}\n"
           "producers:\n"
           "  - {name: writer, topic: orders, rate: 10/s, value: sequence, properties: {acks: all}}\n"
           "consumers:\n"
           "  - {name: reader, group-id: readers, topics: [orders]}\n"
           "expect:\n"
           "  - no-acknowledged-record-lost\n" +
           sweep_section;
}

inline LoadResult load_text(const std::string& text) { return load_scenario_text(text, "sweep.yaml", "."); }

/// Every diagnostic, one a line, for failure messages.
inline std::string diagnostics_of(const LoadResult& result) {
    std::string text;
    for (const auto& d : result.diagnostics) text += d.to_string() + "\n";
    return text;
}

inline Scenario load_ok(const std::string& text) {
    LoadResult result = load_text(text);
    INFO(diagnostics_of(result));
    REQUIRE(result.ok());
    return *result.scenario;
}

}  // namespace kafkalab::scenarios::testing
