#pragma once
// The sections of a scenario file, one parser each, called by load_scenario.cpp in an
// order where every section finds what it refers to already parsed: cluster, topics,
// steps (which may create topics), clients, network (which needs every host), faults,
// the rest of the timeline, expectations. Internal to the loader.
#include <yaml-cpp/yaml.h>

#include "scenarios/spec/yaml_fields.h"

namespace kafkalab::scenarios::detail {

/// `cluster:`; absent: one ZooKeeper node and one broker with defaults.
void parse_cluster(Context& ctx, const YAML::Node* node);
/// `topics:`
void parse_topics(Context& ctx, const YAML::Node& node);
/// `steps:`
void parse_steps(Context& ctx, const YAML::Node& node);
/// `producers:` and `consumers:`
void parse_producers(Context& ctx, const YAML::Node& node);
void parse_consumers(Context& ctx, const YAML::Node& node);
/// Consumers without a group that subscribe get one generated from the seed.
void assign_generated_groups(Context& ctx);
/// `network:`; absent: every host on one switch with the default link.
void parse_network(Context& ctx, const YAML::Node* node);
/// `faults:`, then the checks across faults (contradictions).
void parse_faults(Context& ctx, const YAML::Node& node);
/// `narration:` and `predict:`
void parse_narration(Context& ctx, const YAML::Node& node);
void parse_predictions(Context& ctx, const YAML::Node& node);
/// `expect:`
void parse_expectations(Context& ctx, const YAML::Node& node);
/// One expectation (a list item of `expect:`), whose `at` defaults to `default_at`
/// (a narration line's moment) instead of the end of the run.
void parse_expectation(Context& ctx, const YAML::Node& entry, Duration default_at);

}  // namespace kafkalab::scenarios::detail
