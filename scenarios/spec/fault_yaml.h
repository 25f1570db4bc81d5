#pragma once
// The one writer of the fault vocabulary (fault.h): a fault as the `faults:` entry that
// loads back as the same fault, "{at: 12.5s, crash: broker-2}". Sweep reports list
// their random schedules with it, and the viewer records and saves live faults with it.
// A fault with `when:` is written with its `at` only (no writer needs conditions yet).
#include <string>

#include <yaml-cpp/yaml.h>

#include "scenarios/spec/fault.h"

namespace kafkalab::scenarios {

/// Writes `fault` into `out` as one flow map.
void emit_fault(YAML::Emitter& out, const FaultSpec& fault);

/// The flow map alone: "{at: 12.5s, crash: broker-2}".
std::string fault_to_yaml(const FaultSpec& fault);

}  // namespace kafkalab::scenarios
