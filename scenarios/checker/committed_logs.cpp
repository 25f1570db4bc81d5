#include "scenarios/checker/committed_logs.h"

#include <optional>
#include <set>

#include "broker_model/broker/broker.h"
#include "broker_model/log/log_manager.h"

namespace kafkalab::scenarios {
namespace {

bool is_internal(const kafka::TopicPartition& tp) { return tp.topic.starts_with("__"); }

/// The replica chosen for one partition: a broker node and why it was chosen.
struct Choice {
    sim::NodeIndex node{};
    LogSource source = LogSource::leader;
};

/// The live broker that leads `tp` with the highest leader epoch, if any.
std::optional<sim::NodeIndex> live_leader(sim::Simulation& simulation, std::span<const sim::NodeIndex> brokers,
                                          const kafka::TopicPartition& tp) {
    std::optional<sim::NodeIndex> best;
    kafka::LeaderEpoch best_epoch = kafka::no_epoch;
    for (sim::NodeIndex node : brokers) {
        const kafka::Broker* broker = simulation.is_up(node) ? simulation.node_as<kafka::Broker>(node) : nullptr;
        if (!broker) continue;
        const kafka::Partition* partition = broker->replicas().partition(tp);
        if (!partition || !partition->is_leader()) continue;
        // Strictly greater: on a tie the broker listed first stays, which keeps the
        // choice deterministic.
        if (!best || partition->leader_epoch() > best_epoch) {
            best = node;
            best_epoch = partition->leader_epoch();
        }
    }
    return best;
}

/// The replica of `tp`, on any broker's disk, with the highest high watermark.
std::optional<sim::NodeIndex> highest_high_watermark(sim::Simulation& simulation,
                                                     std::span<const sim::NodeIndex> brokers,
                                                     const kafka::TopicPartition& tp) {
    std::optional<sim::NodeIndex> best;
    kafka::Offset best_high_watermark{-1};
    for (sim::NodeIndex node : brokers) {
        const kafka::PartitionLog* log = kafka::LogManager::on_disk(simulation.context(node).disk()).find(tp);
        if (!log) continue;
        if (!best || log->high_watermark() > best_high_watermark) {
            best = node;
            best_high_watermark = log->high_watermark();
        }
    }
    return best;
}

Choice choose_replica(sim::Simulation& simulation, std::span<const sim::NodeIndex> brokers,
                      const kafka::TopicPartition& tp) {
    if (auto leader = live_leader(simulation, brokers, tp)) {
        // A leader whose disk lacks the log would be a broker bug; fall through then.
        if (kafka::LogManager::on_disk(simulation.context(*leader).disk()).find(tp)) return {*leader, LogSource::leader};
    }
    // The partition is known to exist on at least one disk, so there is a best replica.
    return {*highest_high_watermark(simulation, brokers, tp), LogSource::highest_high_watermark};
}

}  // namespace

std::map<kafka::TopicPartition, CommittedLog> collect_committed_logs(sim::Simulation& simulation,
                                                                     std::span<const sim::NodeIndex> brokers) {
    // Every partition with a replica anywhere, live or crashed, in order.
    std::set<kafka::TopicPartition> partitions;
    for (sim::NodeIndex node : brokers) {
        for (const auto& tp : kafka::LogManager::on_disk(simulation.context(node).disk()).partitions()) {
            if (!is_internal(tp)) partitions.insert(tp);
        }
    }
    std::map<kafka::TopicPartition, CommittedLog> logs;
    for (const auto& tp : partitions) {
        const Choice choice = choose_replica(simulation, brokers, tp);
        const kafka::PartitionLog& log = *kafka::LogManager::on_disk(simulation.context(choice.node).disk()).find(tp);
        logs.emplace(tp, committed_log_of(log, tp, simulation.node_name(choice.node), choice.source));
    }
    return logs;
}

CheckInput make_check_input(sim::Simulation& simulation, std::span<const sim::NodeIndex> brokers,
                            const kafka::SendLedger& ledger, const kafka::ConsumptionLog* consumption) {
    CheckInput input{ledger, collect_committed_logs(simulation, brokers), {}, {}};
    if (consumption) input.consumption = *consumption;
    return input;
}

}  // namespace kafkalab::scenarios
