#include "scenarios/runner/notable_event.h"

#include "broker_model/events/model_event.h"
#include "sim/fault_event.h"

namespace kafkalab::scenarios {

namespace {

std::optional<NotableKind> classify(const sim::FaultEvent& fault) {
    switch (fault.kind) {
        case sim::FaultEventKind::crash: return NotableKind::crash;
        case sim::FaultEventKind::power_loss: return NotableKind::power_loss;
        case sim::FaultEventKind::exit: return NotableKind::clean_exit;
        case sim::FaultEventKind::restart: return NotableKind::restart;
        case sim::FaultEventKind::partition: return NotableKind::partition;
        case sim::FaultEventKind::heal: return NotableKind::heal;
        case sim::FaultEventKind::cut: return NotableKind::cut;
        case sim::FaultEventKind::restore: return NotableKind::restore;
        // A paused host and a real client leaving are not marked in a timeline.
        case sim::FaultEventKind::isolate:
        case sim::FaultEventKind::unisolate:
        case sim::FaultEventKind::retire: return std::nullopt;
    }
    return std::nullopt;
}

template <class... Handlers>
struct Overloaded : Handlers... {
    using Handlers::operator()...;
};
template <class... Handlers>
Overloaded(Handlers...) -> Overloaded<Handlers...>;

std::optional<NotableKind> classify(const kafka::ModelEvent& event) {
    using Kind = std::optional<NotableKind>;
    return std::visit(Overloaded{
                          [](const kafka::ControllerElected&) -> Kind { return NotableKind::controller; },
                          [](const kafka::ControllerResigned&) -> Kind { return NotableKind::controller; },
                          [](const kafka::BrokersFailed&) -> Kind { return NotableKind::broker_failure; },
                          [](const kafka::ControlledShutdown&) -> Kind { return NotableKind::controlled_shutdown; },
                          [](const kafka::ZkSessionExpired&) -> Kind { return NotableKind::zk_session_expired; },
                          [](const kafka::LeaderElected&) -> Kind { return NotableKind::leader_election; },
                          [](const kafka::UncleanLeaderElected&) -> Kind { return NotableKind::unclean_election; },
                          [](const kafka::IsrChanged&) -> Kind { return NotableKind::isr_change; },
                          // GroupCoordinator's steps: preparing to rebalance, a new generation,
                          // stable, a member removed, the group loaded or unloaded.
                          [](const kafka::RebalanceStep&) -> Kind { return NotableKind::rebalance; },
                          [](const kafka::TopicDeletionStarted&) -> Kind { return NotableKind::topic_deletion; },
                          [](const kafka::TruncationNote&) -> Kind { return NotableKind::truncation; },
                          // Bookkeeping: registrations, ZooKeeper roles, loads, producers' failures.
                          [](const auto&) -> Kind { return std::nullopt; },
                      },
                      event);
}

}  // namespace

std::optional<NotableKind> classify(const sim::TraceRecord& record) {
    if (const auto* fault = record.event_as<sim::FaultEvent>()) return classify(*fault);
    if (const auto* event = record.event_as<kafka::ModelEvent>()) return classify(*event);
    return std::nullopt;
}

const char* label(NotableKind kind) {
    switch (kind) {
        case NotableKind::crash: return "crash";
        case NotableKind::power_loss: return "power-loss";
        case NotableKind::clean_exit: return "exit";
        case NotableKind::restart: return "restart";
        case NotableKind::partition: return "partition";
        case NotableKind::heal: return "heal";
        case NotableKind::cut: return "cut";
        case NotableKind::restore: return "restore";
        case NotableKind::controller: return "controller";
        case NotableKind::broker_failure: return "broker-failure";
        case NotableKind::controlled_shutdown: return "controlled-shutdown";
        case NotableKind::zk_session_expired: return "zk-session-expired";
        case NotableKind::leader_election: return "leader-election";
        case NotableKind::unclean_election: return "unclean-election";
        case NotableKind::isr_change: return "isr-change";
        case NotableKind::rebalance: return "rebalance";
        case NotableKind::topic_deletion: return "topic-deletion";
        case NotableKind::truncation: return "truncate";
    }
    return "?";
}

bool takes_host_down(NotableKind kind) {
    return kind == NotableKind::crash || kind == NotableKind::power_loss || kind == NotableKind::clean_exit;
}

std::optional<kafka::TopicPartition> partition_of(const std::any& any) {
    const auto* event = std::any_cast<kafka::ModelEvent>(&any);
    if (!event) return std::nullopt;
    if (const auto* e = std::get_if<kafka::LeaderElected>(event)) return e->partition;
    if (const auto* e = std::get_if<kafka::UncleanLeaderElected>(event)) return e->partition;
    if (const auto* e = std::get_if<kafka::IsrChanged>(event)) return e->partition;
    if (const auto* e = std::get_if<kafka::TruncationNote>(event)) return e->partition;
    return std::nullopt;
}

bool about_internal_topic(const std::any& event) {
    const std::optional<kafka::TopicPartition> tp = partition_of(event);
    return tp && tp->topic.starts_with("__");
}

}  // namespace kafkalab::scenarios
