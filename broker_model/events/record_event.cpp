#include "broker_model/events/record_event.h"

#include "sim/simulation.h"

namespace kafkalab::kafka {

void record_event(sim::NodeContext& context, ModelEvent event) {
    std::string summary = render_summary(event);
    context.simulation().record(trace_kind(event), context.index(), sim::no_node, std::move(summary), std::move(event));
}

}  // namespace kafkalab::kafka
