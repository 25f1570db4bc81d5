#pragma once
// Why acknowledged records were lost, in Kafka's terms: the cases in which Kafka itself
// loses what it acknowledged, and "unexplained" for a loss none of them accounts for
// (a simulator bug). loss_explanation.h derives a cause from the run's typed events;
// a scenario's `no-acknowledged-record-lost` may name the causes it tolerates.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kafkalab::scenarios {

enum class LossCause : std::uint8_t {
    /// acks=1 (or 0): the leader alone had the record when it confirmed it, and a
    /// follower that lacked it became leader (lesson 6).
    acks_1_leader_failover,
    /// unclean.leader.election.enable let an out-of-sync replica lead (lesson 8).
    unclean_leader_election,
    /// Every replica lost power before flushing it: the tail is gone from every disk.
    power_loss_of_every_replica,
    /// KIP-966's "last replica standing": the ISR had shrunk to one broker, it lost
    /// its unflushed tail to a power loss, and it was elected (cleanly) with what was left.
    last_replica_standing,
    /// A broker lost its unflushed tail to a power loss and led again with the log its
    /// disk kept, because no controller knew it had lost data (ZooKeeper-mode Kafka
    /// keeps no record of an unclean shutdown); its followers truncated to it.
    power_lost_leader,
    /// Before KIP-101 (Kafka 0.11) a follower cut its log to its high watermark and
    /// could then lead without records it had held (lesson 16).
    high_watermark_truncation,
    /// None of the above: the model lost the record where Kafka would not.
    unexplained,
};

struct LossCauseName {
    LossCause cause;
    std::string_view name;
};
inline constexpr std::array<LossCauseName, 7> loss_cause_names{{
    {LossCause::acks_1_leader_failover, "acks-1-leader-failover"},
    {LossCause::unclean_leader_election, "unclean-leader-election"},
    {LossCause::power_loss_of_every_replica, "power-loss-of-every-replica"},
    {LossCause::last_replica_standing, "last-replica-standing"},
    {LossCause::power_lost_leader, "power-lost-leader"},
    {LossCause::high_watermark_truncation, "high-watermark-truncation"},
    {LossCause::unexplained, "unexplained"},
}};

/// "acks-1-leader-failover", "power-lost-leader", ...
constexpr std::string_view to_string(LossCause cause) {
    for (const auto& entry : loss_cause_names) {
        if (entry.cause == cause) return entry.name;
    }
    return "?";
}

constexpr std::optional<LossCause> parse_loss_cause(std::string_view name) {
    for (const auto& entry : loss_cause_names) {
        if (entry.name == name) return entry.cause;
    }
    return std::nullopt;
}

}  // namespace kafkalab::scenarios
