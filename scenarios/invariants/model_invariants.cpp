#include "scenarios/invariants/model_invariants.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <iterator>

#include <fmt/format.h>

#include "broker_model/broker/broker.h"
#include "broker_model/client/consumer.h"
#include "broker_model/common/host_names.h"
#include "broker_model/log/log_manager.h"
#include "broker_model/protocol/controller_requests.h"

namespace kafkalab::invariants {

namespace {

constexpr const char* high_watermark_within_isr = "high watermark within the ISR";
constexpr const char* one_leader_per_epoch = "one leader per epoch";
constexpr const char* offsets_increasing = "offsets strictly increasing";
constexpr const char* position_within_high_watermark = "consumer position within the high watermark";
constexpr const char* requests_within_backoffs = "requests within Kafka's backoffs";

std::string broker_name(kafka::BrokerId id) { return kafka::broker_host(id); }

}  // namespace

std::optional<std::string> check_batch_offsets(std::span<const kafka::StoredBatch> batches, std::size_t first,
                                               kafka::Offset previous_end) {
    for (std::size_t i = first; i < batches.size(); ++i) {
        const kafka::StoredBatch& batch = batches[i];
        if (batch.record_count == 0) {
            return fmt::format("batch {} at offset {} holds no record", i, batch.base_offset.value);
        }
        if (batch.base_offset < previous_end) {
            return fmt::format("batch {} starts at offset {}, but offsets up to {} are already taken", i,
                               batch.base_offset.value, previous_end.value - 1);
        }
        previous_end = batch.next_offset();
    }
    return std::nullopt;
}

std::optional<std::string> check_consumer_position(const std::string& consumer, const kafka::TopicPartition& tp,
                                                   kafka::Offset position, kafka::Offset highest_high_watermark) {
    if (position <= highest_high_watermark) return std::nullopt;
    return fmt::format("{}: consumer {} is at position {}, but no replica's high watermark was ever above {}",
                       tp.to_string(), consumer, position.value, highest_high_watermark.value);
}

ModelInvariants::ModelInvariants(sim::Simulation& sim) : sim_(sim) {}

ModelInvariants::~ModelInvariants() {
    if (installed_) sim_.scheduler().set_after_event({});
}

void ModelInvariants::install() {
    // Processes already running have run their "start" event unless one is pending.
    started_.assign(sim_.node_count(), -1);
    for (sim::NodeIndex node = 0; node < sim_.node_count(); ++node) {
        if (sim_.is_up(node)) started_[node] = sim_.scheduler().incarnation(node);
    }
    sim_.scheduler().for_each_pending([this](sim::Time, std::uint64_t, const sim::EventInfo& info) {
        if (info.node < started_.size() && std::strcmp(info.label, "start") == 0) started_[info.node] = -1;
    });
    if (auto found = check_all()) throw InvariantViolation(*found);
    // The scheduler keeps its observers for good: this one holds the state weakly and
    // does nothing once the checker is gone.
    std::weak_ptr<RequestRates> rates = requests_;
    sim::Simulation* sim = &sim_;
    sim_.scheduler().add_observer([rates, sim](const sim::FiredEvent& event) {
        const sim::Message* message = event.info.message;
        if (event.info.kind != sim::EventKind::delivery || !message || event.info.peer == sim::no_node) return;
        const std::uint16_t type = message->type();
        if (!kafka::is_kafka_message(type) || type >= 100) return;  // responses are 200 and up
        auto state = rates.lock();
        if (!state) return;
        ++state->requests;
        const auto key = static_cast<kafka::ApiKey>(type - 1);
        const std::string& from = sim->node_name(event.info.peer);
        const std::string& to = sim->node_name(event.info.node);
        std::optional<std::string> offence;
        if (key == kafka::ApiKey::alter_partition) {
            for (const auto& change : kafka::message_as<kafka::AlterPartitionRequest>(*message).changes) {
                auto found = state->watch.note(event.time, event.info.peer, event.info.node, key, from, to,
                                               change.partition.to_string());
                if (found && !offence) offence = std::move(found);
            }
        } else {
            offence = state->watch.note(event.time, event.info.peer, event.info.node, key, from, to);
        }
        if (offence && !state->offence) state->offence = std::move(offence);
    });
    sim_.scheduler().set_after_event([this](const sim::FiredEvent& event) { after_event(event); });
    installed_ = true;
}

std::optional<Violation> ModelInvariants::check_all() {
    if (auto offence = check_every_node()) return violation_at(broken_, *offence);
    return std::nullopt;
}

void ModelInvariants::after_event(const sim::FiredEvent& event) {
    ++counts_.events;
    counts_.requests = requests_->requests;
    if (requests_->offence) {
        std::string offence = std::move(*requests_->offence);
        requests_->offence.reset();
        throw InvariantViolation(violation_at(requests_within_backoffs, std::move(offence)));
    }
    if (event.info.node != sim::no_node && event.info.kind == sim::EventKind::timer &&
        std::strcmp(event.info.label, "start") == 0) {
        if (started_.size() <= event.info.node) started_.resize(event.info.node + 1, -1);
        started_[event.info.node] = sim_.scheduler().incarnation(event.info.node);
    }
    // A message or a timer changes only the node it happens at; the simulation's own
    // events (faults, steps) may change any.
    std::optional<std::string> offence = event.info.kind == sim::EventKind::control || event.info.node == sim::no_node
                                             ? check_every_node()
                                             : check_node(event.info.node);
    if (offence) throw InvariantViolation(violation_at(broken_, *offence));
}

std::optional<std::string> ModelInvariants::check_every_node() {
    note_power_losses();
    for (sim::NodeIndex node = 0; node < sim_.node_count(); ++node) {
        if (auto offence = check_node(node)) return offence;
    }
    return std::nullopt;
}

void ModelInvariants::note_power_losses() {
    if (host_states_.size() < sim_.node_count()) host_states_.resize(sim_.node_count(), sim::HostState::up);
    for (sim::NodeIndex node = 0; node < sim_.node_count(); ++node) {
        const sim::HostState now = sim_.host_state(node);
        const bool lost_power = now == sim::HostState::powered_off && host_states_[node] != now;
        host_states_[node] = now;
        if (!lost_power || node >= kinds_.size() || kinds_[node] != NodeKind::broker) continue;
        const kafka::BrokerId lost{broker_ids_[node]};
        const auto* logs = sim_.context(node).disk().find<kafka::LogManager>(kafka::LogManager::disk_key);
        if (!logs) continue;
        for (const auto& [tp, log] : logs->logs()) {
            // The newest running leader says whether the broker was in the ISR; with
            // none running (the leader went down too) it may have been.
            const kafka::Partition* leader = nullptr;
            for (const auto& [id, leader_node] : broker_nodes_) {
                const kafka::Broker* broker = started_broker(leader_node);
                const kafka::Partition* p = broker ? broker->replicas().partition(tp) : nullptr;
                if (p && p->is_leader() && (!leader || p->leader_epoch() > leader->leader_epoch())) leader = p;
            }
            const bool in_isr = !leader || std::find(leader->isr().begin(), leader->isr().end(), lost) != leader->isr().end();
            if (in_isr) lost_tail_in_isr_.insert({tp, lost.value});
        }
    }
}

void ModelInvariants::drop_excuses_outside(const kafka::Partition& leader) {
    const kafka::TopicPartition& tp = leader.topic_partition();
    auto it = lost_tail_in_isr_.lower_bound({tp, INT32_MIN});
    while (it != lost_tail_in_isr_.end() && it->first == tp) {
        const kafka::BrokerId member{it->second};
        const bool still_in = std::find(leader.isr().begin(), leader.isr().end(), member) != leader.isr().end();
        it = still_in ? std::next(it) : lost_tail_in_isr_.erase(it);
    }
}

bool ModelInvariants::excused(const kafka::TopicPartition& tp, kafka::BrokerId member) const {
    return lost_tail_in_isr_.count({tp, member.value}) != 0;
}

Violation ModelInvariants::violation_at(std::string invariant, std::string detail) const {
    return Violation{std::move(invariant), std::move(detail), sim_.now(), sim_.scheduler().fired(), sim_.seed()};
}

ModelInvariants::NodeKind ModelInvariants::kind_of(sim::NodeIndex node) {
    if (kinds_.size() <= node) {
        kinds_.resize(sim_.node_count(), NodeKind::unknown);
        broker_ids_.resize(sim_.node_count(), -1);
        logs_.resize(sim_.node_count());
    }
    NodeKind& kind = kinds_[node];
    if (kind != NodeKind::unknown) return kind;
    sim::Node* instance = sim_.node(node);
    if (!instance) return kind;  // known once it first runs
    if (const auto* broker = dynamic_cast<const kafka::Broker*>(instance)) {
        kind = NodeKind::broker;
        broker_ids_[node] = broker->id().value;
        broker_nodes_[broker->id().value] = node;
    } else if (dynamic_cast<const kafka::Consumer*>(instance)) {
        kind = NodeKind::consumer;
    } else {
        kind = NodeKind::other;
    }
    return kind;
}

std::optional<std::string> ModelInvariants::check_node(sim::NodeIndex node) {
    switch (kind_of(node)) {
        case NodeKind::broker: return check_broker(node);
        case NodeKind::consumer:
            if (const auto* consumer = dynamic_cast<const kafka::Consumer*>(sim_.node(node))) return check_consumer(*consumer);
            return std::nullopt;
        case NodeKind::unknown:
        case NodeKind::other: return std::nullopt;
    }
    return std::nullopt;
}

const kafka::Broker* ModelInvariants::started_broker(sim::NodeIndex node) {
    const sim::Node* instance = sim_.node(node);
    if (!instance || node >= started_.size() || started_[node] != sim_.scheduler().incarnation(node)) return nullptr;
    return static_cast<const kafka::Broker*>(instance);
}

const kafka::Broker* ModelInvariants::running_broker(kafka::BrokerId id) {
    auto it = broker_nodes_.find(id.value);
    return it == broker_nodes_.end() ? nullptr : started_broker(it->second);
}

std::optional<std::string> ModelInvariants::check_broker(sim::NodeIndex node) {
    // The logs live on the disk, so a broker that is down is checked too.
    const auto* logs = sim_.context(node).disk().find<kafka::LogManager>(kafka::LogManager::disk_key);
    if (!logs) return std::nullopt;
    const std::string& host = sim_.node_name(node);
    const kafka::Broker* broker = started_broker(node);
    const kafka::BrokerId self{broker_ids_[node]};
    std::vector<LogProgress>& progress = logs_[node];
    progress.resize(logs->size());
    // Partitions and logs are both ordered by partition: walk them side by side.
    const std::map<kafka::TopicPartition, kafka::Partition>* partitions =
        broker ? &broker->replicas().partitions() : nullptr;
    auto partition = partitions ? partitions->begin() : decltype(partitions->begin()){};
    std::size_t index = 0;
    for (const auto& [tp, log] : logs->logs()) {
        LogProgress& seen = progress[index++];
        if (seen.log != &log) seen = LogProgress{&log};
        if (auto offence = check_log(seen, tp, log, host)) return offence;
        if (!partitions) continue;
        while (partition != partitions->end() && &partition->second.log() != &log && partition->first < tp) ++partition;
        if (partition == partitions->end() || &partition->second.log() != &log) continue;
        if (auto offence = check_partition(seen, partition->second, self, host)) return offence;
        ++partition;
    }
    return std::nullopt;
}

std::optional<std::string> ModelInvariants::check_log(LogProgress& seen, const kafka::TopicPartition& tp,
                                                      const kafka::PartitionLog& log, const std::string& host) {
    ++counts_.logs;
    const kafka::Offset start = log.log_start_offset();
    const kafka::Offset high_watermark = log.high_watermark();
    const kafka::Offset end = log.log_end_offset();
    broken_ = offsets_increasing;
    if (!(start <= high_watermark && high_watermark <= end)) {
        return fmt::format("{} on {}: log start {} <= high watermark {} <= log end offset {} does not hold",
                           tp.to_string(), host, start.value, high_watermark.value, end.value);
    }
    const auto batches = log.batches();
    // The batches checked last time are still there, unchanged, unless the log was
    // truncated (or a batch cut short): then it is read again from the start.
    const bool unchanged = seen.batches <= batches.size() &&
                           (seen.batches == 0 || (batches[seen.batches - 1].base_offset == seen.base &&
                                                  batches[seen.batches - 1].next_offset() == seen.end &&
                                                  batches[seen.batches - 1].data.get() == seen.data));
    if (!unchanged) seen.batches = 0;
    if (seen.batches < batches.size()) {
        counts_.batches += batches.size() - seen.batches;
        const kafka::Offset previous_end = seen.batches == 0 ? start : seen.end;
        if (auto offence = check_batch_offsets(batches, seen.batches, previous_end)) {
            return fmt::format("{} on {}: {}", tp.to_string(), host, *offence);
        }
        const kafka::StoredBatch& last = batches.back();
        seen.batches = batches.size();
        seen.base = last.base_offset;
        seen.end = last.next_offset();
        seen.data = last.data.get();
    }
    const kafka::Offset batches_end = batches.empty() ? start : batches.back().next_offset();
    if (batches_end != end) {
        return fmt::format("{} on {}: the batches end at offset {} but the log end offset is {}", tp.to_string(), host,
                           batches_end.value, end.value);
    }
    if (high_watermark != seen.high_watermark) {
        seen.high_watermark = high_watermark;
        auto [highest, added] = highest_high_watermark_.try_emplace(tp, high_watermark);
        if (!added) highest->second = std::max(highest->second, high_watermark);
    }
    return std::nullopt;
}

std::optional<std::string> ModelInvariants::check_partition(LogProgress& seen, const kafka::Partition& partition,
                                                            kafka::BrokerId self, const std::string& host) {
    const kafka::LeaderEpoch epoch = partition.leader_epoch();
    const std::int32_t partition_epoch = partition.state().leadership.partition_epoch;
    const kafka::Offset high_watermark = partition.log().high_watermark();
    const kafka::Offset end = partition.log().log_end_offset();
    if (partition.is_leader()) {
        const bool new_leadership = !seen.was_leader || seen.leader_epoch != epoch;
        if (!new_leadership && seen.partition_epoch == partition_epoch && seen.checked_high_watermark == high_watermark) {
            return std::nullopt;
        }
        if (new_leadership) {
            if (auto offence = check_one_leader(partition, self, host)) return offence;
        }
        if (auto offence = check_isr(partition, self, host)) return offence;
    } else if (partition.role() == kafka::ReplicaRole::follower) {
        if (!seen.was_leader && seen.leader_epoch == epoch && seen.checked_end == end) return std::nullopt;
        if (auto offence = check_as_follower(partition, self, host)) return offence;
    }
    seen.was_leader = partition.is_leader();
    seen.leader_epoch = epoch;
    seen.partition_epoch = partition_epoch;
    seen.checked_high_watermark = high_watermark;
    seen.checked_end = end;
    return std::nullopt;
}

std::optional<std::string> ModelInvariants::check_one_leader(const kafka::Partition& partition, kafka::BrokerId self,
                                                             const std::string& host) {
    ++counts_.leaders;
    const kafka::TopicPartition& tp = partition.topic_partition();
    const Leadership now{partition.state().topic_id, partition.leader_epoch(), self};
    auto [earlier, added] = leaders_.try_emplace({tp, now.epoch.value}, now);
    if (added || earlier->second == now) return std::nullopt;
    if (earlier->second.topic_id != now.topic_id) {
        earlier->second = now;  // the topic was deleted and created again: epochs start over
        return std::nullopt;
    }
    broken_ = one_leader_per_epoch;
    return fmt::format("{}: {} leads leader epoch {}, which {} led (or leads) too", tp.to_string(), host,
                       now.epoch.value, broker_name(earlier->second.leader));
}

std::optional<std::string> ModelInvariants::check_isr(const kafka::Partition& leader, kafka::BrokerId self,
                                                      const std::string& host) {
    const kafka::TopicPartition& tp = leader.topic_partition();
    const kafka::Offset high_watermark = leader.log().high_watermark();
    drop_excuses_outside(leader);
    for (kafka::BrokerId member : leader.isr()) {
        if (member == self) continue;
        const kafka::Broker* broker = running_broker(member);
        const kafka::Partition* follower = broker ? broker->replicas().partition(tp) : nullptr;
        // A member still on an older epoch has not heard of this leader yet.
        if (!follower || follower->role() != kafka::ReplicaRole::follower || follower->leader_epoch() != leader.leader_epoch()) {
            continue;
        }
        ++counts_.isr_members;
        if (follower->log().log_end_offset() >= high_watermark) continue;
        if (excused(tp, member)) {
            ++counts_.lost_tail_isr_members;
            continue;
        }
        broken_ = high_watermark_within_isr;
        return fmt::format("{}: leader {} has high watermark {} in leader epoch {}, but ISR member {} has log end offset {}",
                           tp.to_string(), host, high_watermark.value, leader.leader_epoch().value,
                           broker_name(member), follower->log().log_end_offset().value);
    }
    return std::nullopt;
}

std::optional<std::string> ModelInvariants::check_as_follower(const kafka::Partition& follower, kafka::BrokerId self,
                                                              const std::string& host) {
    const kafka::TopicPartition& tp = follower.topic_partition();
    const kafka::Broker* broker = running_broker(follower.leader());
    const kafka::Partition* leader = broker ? broker->replicas().partition(tp) : nullptr;
    if (!leader || !leader->is_leader() || leader->leader_epoch() != follower.leader_epoch()) return std::nullopt;
    if (std::find(leader->isr().begin(), leader->isr().end(), self) == leader->isr().end()) return std::nullopt;
    ++counts_.isr_members;
    if (follower.log().log_end_offset() >= leader->log().high_watermark()) return std::nullopt;
    if (excused(tp, self)) {
        ++counts_.lost_tail_isr_members;
        return std::nullopt;
    }
    broken_ = high_watermark_within_isr;
    return fmt::format("{}: ISR member {} has log end offset {}, below the high watermark {} of leader {} in leader epoch {}",
                       tp.to_string(), host, follower.log().log_end_offset().value, leader->log().high_watermark().value,
                       broker_name(follower.leader()), follower.leader_epoch().value);
}

std::optional<std::string> ModelInvariants::check_consumer(const kafka::Consumer& consumer) {
    for (const auto& [tp, assigned] : consumer.subscriptions().assignment()) {
        if (!assigned.position) continue;
        ++counts_.positions;
        auto highest = highest_high_watermark_.find(tp);
        const kafka::Offset limit = highest == highest_high_watermark_.end() ? kafka::Offset{0} : highest->second;
        if (auto offence = check_consumer_position(consumer.client_id(), tp, *assigned.position, limit)) {
            broken_ = position_within_high_watermark;
            return offence;
        }
    }
    return std::nullopt;
}

}  // namespace kafkalab::invariants
