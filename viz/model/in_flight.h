#pragma once
// Messages on the wire right now: every delivery the scheduler still holds. The viewer
// animates each along its path; progress is how far it has come, from the moment it
// was sent (estimated as its arrival minus the path's latency) to its arrival.
#include <string>
#include <vector>

#include "sim/simulation.h"
#include "viz/model/host_role.h"
#include "viz/model/message_kind.h"

namespace kafkalab::viz {

struct InFlightMessage {
    sim::NodeIndex from = sim::no_node;
    sim::NodeIndex to = sim::no_node;
    sim::VertexId from_vertex = 0;
    sim::VertexId to_vertex = 0;
    /// The vertices it passes through, sender first; empty when the route broke under it.
    std::vector<sim::VertexId> route;
    MessageKind kind = MessageKind::metadata;
    const char* name = "";  // the Kafka API name: "Produce", "FetchResponse"
    sim::Time arrival{};
    double progress = 0.0;  // 0 at the sender, 1 at the receiver
};

/// Every pending delivery of a message, ordered by arrival (then scheduling order) so
/// the list does not depend on the scheduler's heap layout. `roles` by node index.
std::vector<InFlightMessage> messages_in_flight(sim::Simulation& sim, const std::vector<HostRole>& roles);

}  // namespace kafkalab::viz
