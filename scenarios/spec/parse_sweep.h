#pragma once
// `sweep:` — the bounds of a random fault schedule. Internal to the loader; parsed
// last, when every host is known. docs/SCENARIOS.md describes the keys.
#include <yaml-cpp/yaml.h>

#include "scenarios/spec/yaml_fields.h"

namespace kafkalab::scenarios::detail {

/// Fills in ctx.scenario.sweep; absent (`node` null): the defaults, resolved against
/// the scenario (every broker, a window from a tenth to two thirds of the run).
void parse_sweep(Context& ctx, const YAML::Node* node);

}  // namespace kafkalab::scenarios::detail
