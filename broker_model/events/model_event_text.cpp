// The one place the model's events become words: the trace record's kind and summary.
// The wording is the trace's: change a summary here and every golden trace hash changes.
#include <fmt/format.h>

#include "broker_model/events/model_event.h"

namespace kafkalab::kafka {

namespace {

template <class... Handlers>
struct Overloaded : Handlers... {
    using Handlers::operator()...;
};
template <class... Handlers>
Overloaded(Handlers...) -> Overloaded<Handlers...>;

std::string joined(const std::vector<BrokerId>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i].value);
    return out;
}

const char* describe(TruncationCause cause, LeaderEpochSource source) {
    switch (cause) {
        case TruncationCause::leader_epoch:
            return source == LeaderEpochSource::fetch_diverging_epoch
                       ? "follower truncation at the Fetch response's diverging epoch (KAFKA-10554)"
                       : "follower truncation after a leader change (KIP-279)";
        case TruncationCause::high_watermark: return "follower truncation to its high watermark (before KIP-101)";
        case TruncationCause::power_loss: return "power loss: the unflushed tail never reached the disk";
    }
    return "?";
}

/// A rebalance step in the words the coordinator's log would use.
std::string describe(const RebalanceStep& e) {
    using Step = RebalanceStep::Step;
    switch (e.step) {
        case Step::preparing_rebalance:
            return fmt::format("preparing to rebalance with old generation {} ({})", e.generation, e.reason);
        case Step::member_removed: return e.reason;
        case Step::not_rejoined_removed: return "removed member " + e.member + " which did not rejoin in time";
        case Step::pending_member_expired:
            return "pending member " + e.member + " never rejoined within its session timeout";
        case Step::member_id_required:
            return "new member " + e.member + " must rejoin with its id (MEMBER_ID_REQUIRED, KIP-394)";
        case Step::generation_empty: return fmt::format("generation {} is empty", e.generation);
        case Step::generation_started:
            return fmt::format("generation {} with {} members, leader {}, protocol {}", e.generation, e.members,
                               e.member, e.protocol);
        case Step::assignment_received:
            return fmt::format("assignment received from leader {} for generation {}", e.member, e.generation);
        case Step::stable: return fmt::format("stable at generation {}", e.generation);
        case Step::loaded:
            return fmt::format("loaded {} at generation {} with {} members and {} committed offsets", e.group_state,
                               e.generation, e.members, e.committed_offsets);
        case Step::unloaded: return "unloaded (was " + e.group_state + ")";
        case Step::created_by_offset_commit: return "created by a standalone offset commit";
    }
    return "?";
}

}  // namespace

const char* trace_kind(const ModelEvent& event) {
    return std::visit(Overloaded{
                          [](const ControllerElected&) { return "controller"; },
                          [](const ControllerResigned&) { return "controller"; },
                          [](const BrokersFailed&) { return "broker-failure"; },
                          [](const LeaderElected&) { return "leader-election"; },
                          [](const IsrChanged&) { return "isr-change"; },
                          [](const UncleanLeaderElected&) { return "unclean-election"; },
                          [](const TopicDeletionStarted&) { return "topic-deletion"; },
                          [](const TruncationNote&) { return "truncate"; },
                          [](const RebalanceStep&) { return "group-coordinator"; },
                          [](const GroupsLoaded&) { return "group-coordinator-loaded"; },
                          [](const ControlledShutdown&) { return "controlled-shutdown"; },
                          [](const ZkSessionExpired&) { return "zk-session-expired"; },
                          [](const BrokerRegistered&) { return "broker-registered"; },
                          [](const BrokerRegistrationFailed&) { return "broker-registration-failed"; },
                          [](const ZkServerStateChanged&) { return "zk-state"; },
                          [](const OffsetsTopicNotCreated&) { return "offsets-topic-not-created"; },
                          [](const ProducerBatchFailed&) { return "producer-failed"; },
                          [](const ProducerBatchExpired&) { return "producer-expired"; },
                      },
                      event);
}

std::string render_summary(const ModelEvent& event) {
    return std::visit(
        Overloaded{
            [](const ControllerElected& e) { return "became controller with epoch " + std::to_string(e.epoch.value); },
            [](const ControllerResigned&) { return std::string("resigned as controller"); },
            [](const BrokersFailed& e) { return "brokers " + joined(e.brokers) + " are gone"; },
            [](const LeaderElected& e) {
                std::string leader = e.leader == no_broker ? std::string("none") : "broker " + std::to_string(e.leader.value);
                return e.partition.to_string() + " leader " + leader + " epoch " + std::to_string(e.leader_epoch.value) +
                       " isr [" + joined(e.isr) + "]";
            },
            [](const IsrChanged& e) { return e.partition.to_string() + " isr=[" + joined(e.isr) + "]"; },
            [](const UncleanLeaderElected& e) {
                return e.partition.to_string() + ": out-of-sync replica " + std::to_string(e.leader.value) + " elected leader";
            },
            [](const TopicDeletionStarted& e) { return "deleting topic " + e.topic; },
            [](const TruncationNote& e) {
                const std::int64_t last = e.old_log_end_offset.value - 1;
                std::string offsets = e.removed_count() == 1 ? fmt::format("offset {}", last)
                                                             : fmt::format("offsets {}..{}", e.removed_from.value, last);
                return fmt::format("{} on {}: {} removed (log end {} \u2192 {}), {}", e.partition.to_string(), e.broker,
                                   offsets, e.old_log_end_offset.value, e.removed_from.value, describe(e.cause, e.source));
            },
            [](const RebalanceStep& e) { return "group " + e.group + ": " + describe(e); },
            [](const GroupsLoaded& e) {
                return e.partition.to_string() + ": " + std::to_string(e.groups) + " groups from " +
                       std::to_string(e.records_read) + " records";
            },
            [](const ControlledShutdown& e) { return std::string(e.finished ? "finished" : "started"); },
            [](const ZkSessionExpired& e) { return "broker " + std::to_string(e.broker.value); },
            [](const BrokerRegistered& e) {
                return "/brokers/ids/" + std::to_string(e.broker.value) + " broker epoch " + std::to_string(e.broker_epoch);
            },
            [](const BrokerRegistrationFailed& e) {
                return e.path + ": NODEEXISTS, held by another session; trying again in 1 s";
            },
            [](const ZkServerStateChanged& e) {
                std::string state = e.role;
                if (e.has_leader) state += fmt::format(" leader {} epoch {}", e.leader_sid, e.accepted_epoch);
                return fmt::format("{} ({}), last zxid 0x{:x}{}", state, e.why, e.last_logged_zxid,
                                   e.serving ? ", serving" : "");
            },
            [](const OffsetsTopicNotCreated& e) { return e.reason; },
            [](const ProducerBatchFailed& e) {
                return std::to_string(e.records) + " record(s) for " + e.partition.to_string() + ": " + error_name(e.error);
            },
            [](const ProducerBatchExpired& e) {
                return std::to_string(e.records) + " record(s) for " + e.partition.to_string() +
                       ": delivery.timeout.ms has passed";
            },
        },
        event);
}

}  // namespace kafkalab::kafka
