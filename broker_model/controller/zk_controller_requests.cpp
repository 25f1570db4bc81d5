// The requests only the active controller answers: AlterPartition (ISR changes from
// leaders) and ControlledShutdown. Each is handled as one event of the controller's
// queue, so it sees the state the previous events left.
#include <algorithm>

#include "broker_model/controller/leader_election.h"
#include "broker_model/controller/zk_controller.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

void ZkController::handle_alter_partition(sim::NodeIndex from, const AlterPartitionRequest& request) {
    auto answer = std::make_shared<AlterPartitionResponse>();
    answer->correlation_id = request.correlation_id;
    if (!active_) {
        answer->error = Error::not_controller;
        context_.send(from, answer);
        return;
    }
    auto changes = request.changes;
    BrokerId leader = request.broker_id;
    std::int64_t leader_epoch_of_registration = request.broker_epoch;
    enqueue("alter partition", [this, from, answer, changes, leader, leader_epoch_of_registration](Done done) {
        // KafkaController.processAlterPartition: a sender that is not live, or is live
        // under another registration (it bounced), is fenced by its broker epoch.
        if (leader_epoch_of_registration != -1 && broker_epoch(leader) != leader_epoch_of_registration) {
            answer->error = Error::stale_broker_epoch;
            context_.send(from, answer);
            return done();
        }
        StateMap wanted;
        std::set<BrokerId> live = ctx_.live_ids();
        for (const auto& change : changes) {
            AlterPartitionResponse::Result result;
            result.partition = change.partition;
            auto it = ctx_.states.find(change.partition);
            if (it == ctx_.states.end()) {
                result.error = Error::unknown_topic_or_partition;
            } else if (it->second.leader != leader || it->second.leader_epoch != change.leader_epoch) {
                result.error = Error::fenced_leader_epoch;
            } else if (it->second.partition_epoch != change.partition_epoch) {
                result.error = Error::invalid_update_version;
            } else if (std::any_of(change.new_isr.begin(), change.new_isr.end(), [&](BrokerId id) {
                           return !live.count(id) || ctx_.shutting_down.count(id);
                       })) {
                result.error = Error::ineligible_replica;  // KIP-841: only live brokers may join
            } else {
                LeaderAndIsr next = it->second;
                next.isr = change.new_isr;
                wanted[change.partition] = next;
                continue;
            }
            result.leadership = it == ctx_.states.end() ? LeaderAndIsr{} : it->second;
            answer->results.push_back(result);
        }
        write_states(wanted, guarded([this, from, answer, wanted, done](StateMap written) {
            std::vector<TopicPartition> changed;
            for (const auto& [tp, intended] : wanted) {
                AlterPartitionResponse::Result result;
                result.partition = tp;
                auto it = written.find(tp);
                if (it == written.end()) {
                    result.error = Error::invalid_update_version;
                    result.leadership = ctx_.states[tp];
                } else {
                    result.leadership = it->second;
                    changed.push_back(tp);  // write_states recorded the isr-change
                }
                answer->results.push_back(result);
            }
            context_.send(from, answer);
            // Every broker hears of the partitions whose ISR changed, and only of those
            // (KafkaController.processIsrChangeNotification sends exactly these).
            if (!changed.empty()) send_update_metadata(changed);
            done();
        }));
    });
}

void ZkController::handle_controlled_shutdown(sim::NodeIndex from, const ControlledShutdownRequest& request) {
    auto answer = std::make_shared<ControlledShutdownResponse>();
    answer->correlation_id = request.correlation_id;
    if (!active_) {
        answer->error = Error::not_controller;
        context_.send(from, answer);
        return;
    }
    BrokerId leaving = request.broker_id;
    std::int64_t leaving_epoch = request.broker_epoch;
    enqueue("controlled shutdown", [this, from, answer, leaving, leaving_epoch](Done done) {
        // KafkaController.doControlledShutdown (KIP-380): a request stamped with an
        // older registration's epoch comes from a previous life of the broker, whose
        // partitions must not move because of it. -1 is a sender without epochs.
        if (leaving_epoch != -1 && ctx_.live_brokers.count(leaving) && leaving_epoch < broker_epoch(leaving)) {
            answer->error = Error::stale_broker_epoch;
            context_.send(from, answer);
            return done();
        }
        if (!ctx_.live_brokers.count(leaving)) {
            answer->error = Error::broker_not_available;
            context_.send(from, answer);
            return done();
        }
        ctx_.shutting_down.insert(leaving);
        std::set<BrokerId> live = ctx_.live_ids();
        StateMap changes;
        std::vector<TopicPartition> stop_following;
        for (const auto& [tp, state] : ctx_.states) {
            const auto* replicas = ctx_.replicas(tp);
            if (!replicas || replicas->size() < 2) continue;
            if (state.leader == leaving) {
                auto elected = elect_controlled_shutdown_leader(*replicas, state.isr, live, ctx_.shutting_down);
                if (!elected) continue;
                LeaderAndIsr next = state;
                next.leader = elected->leader;
                next.isr = elected->isr;
                next.leader_epoch = state.leader_epoch + 1;
                changes[tp] = next;
            } else if (std::find(state.isr.begin(), state.isr.end(), leaving) != state.isr.end()) {
                LeaderAndIsr next = state;
                std::erase(next.isr, leaving);
                next.leader_epoch = state.leader_epoch + 1;
                changes[tp] = next;
                stop_following.push_back(tp);
            }
        }
        write_states(changes, guarded([this, from, answer, leaving, stop_following, done](StateMap written) {
            std::vector<TopicPartition> changed;
            for (const auto& [tp, s] : written) changed.push_back(tp);
            send_leader_and_isr(ctx_.live_ids(), changed);
            if (!stop_following.empty()) {
                auto stop = std::make_shared<StopReplicaRequest>();
                stop->controller_id = config_.broker_id;
                stop->controller_epoch = epoch_;
                stop->broker_epoch = broker_epoch(leaving);
                stop->partitions = stop_following;
                channel_.send(leaving, stop);
            }
            // The partition state machine sends UpdateMetadata for what it moved only.
            if (!changed.empty()) send_update_metadata(changed);
            for (const auto& [tp, state] : ctx_.states) {
                if (state.leader == leaving) answer->remaining_partitions.push_back(tp);
            }
            context_.send(from, answer);
            done();
        }));
    });
}

}  // namespace kafkalab::kafka
