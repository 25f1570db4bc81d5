#include "sim/fault_event.h"

namespace kafkalab::sim {

const char* trace_kind(FaultEventKind kind) {
    switch (kind) {
        case FaultEventKind::crash: return "crash";
        case FaultEventKind::power_loss: return "power-loss";
        case FaultEventKind::exit: return "exit";
        case FaultEventKind::retire: return "retire";
        case FaultEventKind::restart: return "restart";
        case FaultEventKind::partition: return "partition";
        case FaultEventKind::heal: return "heal";
        case FaultEventKind::isolate: return "isolate";
        case FaultEventKind::unisolate: return "unisolate";
        case FaultEventKind::cut: return "cut";
        case FaultEventKind::restore: return "restore";
    }
    return "?";
}

std::string render_summary(const FaultEvent& event) {
    switch (event.kind) {
        case FaultEventKind::partition: {
            std::string summary;
            for (const auto& side : event.sides) {
                summary += summary.empty() ? "[" : " | [";
                for (std::size_t i = 0; i < side.size(); ++i) summary += (i ? " " : "") + side[i];
                summary += "]";
            }
            return summary;
        }
        case FaultEventKind::isolate:
        case FaultEventKind::unisolate: return event.host;
        case FaultEventKind::cut:
        case FaultEventKind::restore: return event.link_from + " -- " + event.link_to;
        default: return "";
    }
}

}  // namespace kafkalab::sim
