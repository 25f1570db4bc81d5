// Faults at their times or when their condition first holds, always through sim/ so
// that every layer above notices them the way a real cluster would.
#include <fmt/format.h>

#include "broker_model/client/consumer.h"
#include "broker_model/common/host_names.h"
#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

using namespace std::chrono_literals;

namespace {

/// How long a stopped process lives on after its clean shutdown (a broker's controlled
/// shutdown, a consumer's close).
constexpr sim::Duration stop_grace = 100ms;

/// A clean stop: a broker's controlled shutdown or a consumer's close, then the
/// process exits; any other host is killed.
void stop_cleanly(sim::Simulation& sim, sim::NodeIndex node) {
    // The process exits a moment after its clean shutdown, as Kafka's does: what it
    // wrote to its sockets last (the ZooKeeper session's close, a resigning
    // controller's LeaderAndIsr, a LeaveGroup) still arrives.
    auto exit_soon = [&sim, node] { sim.at(sim.now() + stop_grace, "stopped", [&sim, node] { sim.exit_process(node); }); };
    if (auto* broker = sim.node_as<kafka::Broker>(node)) {
        broker->begin_controlled_shutdown(exit_soon);
    } else if (auto* consumer = sim.node_as<kafka::Consumer>(node)) {
        consumer->close(exit_soon);  // KafkaConsumer.close(): commit, LeaveGroup
    } else {
        sim.crash(node);
    }
}

}  // namespace

std::vector<sim::NodeIndex> ScenarioRun::resolve(const FaultTarget& target) {
    if (target.kind == TargetKind::hosts) {
        std::vector<sim::NodeIndex> nodes;
        for (const auto& host : target.hosts) {
            if (auto node = sim_.find_node(host)) nodes.push_back(*node);
        }
        return nodes;
    }
    std::string host = target.host;
    if (target.kind == TargetKind::controller) {
        if (auto* c = controller()) host = kafka::broker_host(c->id());
    } else if (target.kind == TargetKind::leader_of) {
        // The leader the active controller elected; without one the fault keeps its host.
        const kafka::ClusterState state = cluster_state(*this);
        const kafka::PartitionLeadership* partition = state.from_controller() ? state.find(target.partition) : nullptr;
        if (partition && partition->leadership.has_leader()) {
            host = kafka::broker_host(partition->leadership.leader);
        }
    }
    auto node = sim_.find_node(host);
    if (!node) return {};
    return {*node};
}

void ScenarioRun::schedule_fault(const FaultSpec& fault) {
    if (!fault.when) {
        sim_.at(at(fault.at), "fault", [this, &fault] { apply_fault(fault); });
        return;
    }
    // A condition is watched every 10 ms of simulated time from `at` on, and fires once.
    auto baseline = std::make_shared<std::optional<kafka::LeaderAndIsr>>();
    // The pending check's timer owns the watch; the watch holds itself only weakly, so
    // it is freed once it fires or the run ends instead of keeping itself alive.
    auto watch = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> self = watch;
    *watch = [this, &fault, baseline, self] {
        const FaultCondition& when = *fault.when;
        // Changes the active controller makes; while there is none, nothing changes.
        std::optional<kafka::LeaderAndIsr> state;
        const kafka::ClusterState cluster = cluster_state(*this);
        const kafka::PartitionLeadership* partition = cluster.from_controller() ? cluster.find(when.partition) : nullptr;
        if (partition) state = partition->leadership;
        bool fire = false;
        if (when.kind == ConditionKind::acknowledged_records) {
            std::int64_t acked = 0;
            for (const auto& entry : ledger_.acknowledged()) acked += when.topic.empty() || entry.topic == when.topic;
            fire = acked >= when.records;
        } else if (state && !*baseline) {
            *baseline = state;
        } else if (state) {
            const auto& before = **baseline;
            fire = (when.kind == ConditionKind::isr_shrinks && state->isr.size() < before.isr.size()) ||
                   (when.kind == ConditionKind::isr_expands && state->isr.size() > before.isr.size()) ||
                   (when.kind == ConditionKind::leader_changes && state->leader != before.leader);
        }
        if (fire) return apply_fault(fault);
        auto again = self.lock();
        if (again && now() < end()) sim_.at(sim_.now() + 10ms, "fault condition", [again] { (*again)(); });
    };
    sim_.at(at(fault.at), "fault condition", [watch] { (*watch)(); });
}

void ScenarioRun::apply_fault(const FaultSpec& fault) {
    std::vector<sim::NodeIndex> targets = resolve(fault.target);
    std::string target_text = fault.target.written.empty() ? fault.target.host : fault.target.written;
    switch (fault.kind) {
        case FaultKind::crash:
            for (auto node : targets) sim_.crash(node);
            break;
        case FaultKind::power_loss:
            for (auto node : targets) sim_.power_loss(node);
            break;
        case FaultKind::restart:
            for (auto node : targets) sim_.restart(node);
            break;
        case FaultKind::stop:
            for (auto node : targets) stop_cleanly(sim_, node);
            break;
        case FaultKind::pause:
            for (auto node : targets) {
                if (auto* consumer = sim_.node_as<kafka::Consumer>(node)) {
                    consumer->pause(fault.for_duration.value_or(10s));
                } else {
                    // A frozen broker answers nothing: modelled as its host dropping off
                    // the network. Resuming undoes only that, not the scenario's
                    // partitions or cut links.
                    sim_.isolate(node);
                    sim_.at(sim_.now() + fault.for_duration.value_or(10s), "resume", [this, node] { sim_.unisolate(node); });
                }
            }
            break;
        case FaultKind::partition: {
            std::vector<std::vector<sim::NodeIndex>> groups;
            for (const auto& group : fault.groups) {
                groups.emplace_back();
                for (const auto& target : group) {
                    for (auto node : resolve(target)) groups.back().push_back(node);
                }
            }
            sim_.partition(groups);
            break;
        }
        case FaultKind::heal: sim_.heal(); break;
        case FaultKind::cut: sim_.cut_link(fault.link.at(0), fault.link.at(1)); break;
        case FaultKind::restore: sim_.restore_link(fault.link.at(0), fault.link.at(1)); break;
        case FaultKind::slow:
        case FaultKind::lossy: {
            auto& network = sim_.network();
            std::vector<std::pair<sim::VertexId, sim::VertexId>> links;
            if (fault.link.size() == 2) {
                auto a = network.find(fault.link[0]);
                auto b = network.find(fault.link[1]);
                if (a && b) links.emplace_back(*a, *b);
            } else {
                for (auto node : targets) {
                    auto v = sim_.vertex(node);
                    for (sim::VertexId w = 0; w < network.vertex_count(); ++w) {
                        if (network.link_spec(v, w)) links.emplace_back(v, w);
                    }
                }
            }
            for (auto [a, b] : links) {
                sim::LinkSpec before = *network.link_spec(a, b);
                sim::LinkSpec changed = before;
                changed.latency += fault.added_latency;
                changed.jitter += fault.added_jitter;
                if (fault.kind == FaultKind::lossy) changed.loss_probability = fault.loss_probability;
                network.set_link_spec(a, b, changed);
                if (fault.for_duration) {
                    sim_.at(sim_.now() + *fault.for_duration, "link restored",
                            [this, a = a, b = b, before] { sim_.network().set_link_spec(a, b, before); });
                }
            }
            break;
        }
    }
    if (fault.kind != FaultKind::crash && fault.kind != FaultKind::restart && fault.kind != FaultKind::power_loss &&
        fault.kind != FaultKind::partition && fault.kind != FaultKind::heal && fault.kind != FaultKind::cut &&
        fault.kind != FaultKind::restore) {
        print(std::string(to_string(fault.kind)), target_text);  // the others print through the event listener
    }
}

}  // namespace kafkalab::scenarios
