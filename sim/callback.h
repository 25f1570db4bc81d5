#pragma once
// What an event runs: a `void()` closure kept inline when it fits (sim/inline_function.h).
#include "sim/inline_function.h"

namespace kafkalab::sim {

using Callback = InlineFunction<void()>;

}  // namespace kafkalab::sim
