#include "scenarios/runner/notable_event.h"

#include <string_view>
#include <utility>

namespace kafkalab::scenarios {

namespace {

/// Each notable kind and the record kind the model writes for it.
constexpr std::pair<NotableKind, std::string_view> record_kinds[] = {
    {NotableKind::crash, "crash"},
    {NotableKind::power_loss, "power-loss"},
    {NotableKind::clean_exit, "exit"},
    {NotableKind::restart, "restart"},
    {NotableKind::partition, "partition"},
    {NotableKind::heal, "heal"},
    {NotableKind::cut, "cut"},
    {NotableKind::restore, "restore"},
    {NotableKind::controller, "controller"},
    {NotableKind::broker_failure, "broker-failure"},
    {NotableKind::controlled_shutdown, "controlled-shutdown"},
    {NotableKind::zk_session_expired, "zk-session-expired"},
    {NotableKind::leader_election, "leader-election"},
    {NotableKind::unclean_election, "unclean-election"},
    {NotableKind::isr_change, "isr-change"},
    // GroupCoordinator's steps: preparing to rebalance, a new generation, stable, a
    // member removed, the group loaded or unloaded with its coordinator.
    {NotableKind::rebalance, "group-coordinator"},
    {NotableKind::topic_deletion, "topic-deletion"},
    {NotableKind::truncation, "truncate"},
};

}  // namespace

std::optional<NotableKind> classify(const sim::TraceRecord& record) {
    for (const auto& [kind, written] : record_kinds) {
        if (record.kind == written) return kind;
    }
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

bool per_partition(NotableKind kind) {
    return kind == NotableKind::leader_election || kind == NotableKind::isr_change || kind == NotableKind::truncation;
}

}  // namespace kafkalab::scenarios
