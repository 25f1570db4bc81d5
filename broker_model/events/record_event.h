#pragma once
// How the model reports an event: rendered once (model_event.h) and handed, typed, to
// the simulation's trace and listeners as a record from the reporting node.
#include "broker_model/events/model_event.h"
#include "sim/node.h"

namespace kafkalab::kafka {

void record_event(sim::NodeContext& context, ModelEvent event);

}  // namespace kafkalab::kafka
