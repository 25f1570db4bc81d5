#include "scenarios/runner/scenario_run.h"

#include <fmt/format.h>

#include "broker_model/broker/cluster_reader.h"
#include "broker_model/broker/follower_truncation.h"
#include "broker_model/client/consumer.h"
#include "broker_model/client/producer.h"
#include "broker_model/common/host_names.h"
#include "broker_model/group/group_coordinator_hook.h"
#include "broker_model/protocol/admin_requests.h"
#include "scenarios/admin/tools_host.h"
#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/config_mapping.h"
#include "scenarios/runner/notable_event.h"

namespace kafkalab::scenarios {

using namespace std::chrono_literals;

namespace {

std::string switch_of(const Scenario& scenario, const std::string& host) {
    for (const auto& h : scenario.network.hosts) {
        if (h.name == host) return h.switch_name;
    }
    return "";
}

kafka::zk::ZooKeeperConfig zookeeper_config(const ZooKeeperSpec& spec) {
    kafka::zk::ZooKeeperConfig c;
    const auto& p = spec.properties;
    c.tick_time = std::chrono::milliseconds(p.get_int("tickTime"));
    c.init_limit = p.get_int("initLimit");
    c.sync_limit = p.get_int("syncLimit");
    return c;
}

}  // namespace

ScenarioRun::ScenarioRun(const Scenario& scenario, RunOptions options)
    : scenario_(scenario),
      options_(options),
      sim_(options.seed.value_or(scenario.seed), sim::NetworkOptions{scenario.network.defaults, 10s}) {
    if (options_.trace) sim_.set_trace(options_.trace);
    sim_.set_event_listener([this](const sim::TraceRecord& record) { on_event(record); });
    // Observers run before each event: the one that recorded a change has finished.
    sim_.scheduler().add_observer([this](const sim::FiredEvent&) { update_outages(); });
    if (options_.check_invariants) {
        invariants_.emplace(sim_);
        invariants_->install();
    }
    build_cluster();
    wait_until_ready();
    create_topics();
    start_ = sim_.now();
    started_ = true;
    print("start", fmt::format("{} (seed {})", scenario_.name, sim_.seed()));
    add_clients();
    schedule_script();
    for (const auto& e : scenario_.expectations) {
        if (e.kind == ExpectationKind::recovers || e.kind == ExpectationKind::does_not_recover) {
            recovery_.emplace(*this, e.settle.value_or(default_settle(scenario_)));
        }
    }
}

ScenarioRun::~ScenarioRun() { sim_.set_event_listener({}); }

sim::Duration ScenarioRun::end() const { return options_.until.value_or(scenario_.duration); }

void ScenarioRun::build_cluster() {
    const auto& zk = scenario_.cluster.zookeeper;
    // Each ZooKeeper node on its own rack's switch, so that a rack outage takes only its own.
    std::vector<std::string> zk_switches;
    for (const auto& host : zk.hosts) zk_switches.push_back(switch_of(scenario_, host));
    zookeeper_ = kafka::zk::Ensemble::add_to(sim_, zk_switches, zookeeper_config(zk));
    for (const auto& broker : scenario_.cluster.brokers) {
        kafka::BrokerConfig config = broker_config(broker, zk);
        const kafka::FollowerTruncation truncation = kafka::follower_truncation_in(broker.properties.era());
        brokers_.push_back(sim_.add_node(
            broker.host,
            [config, truncation](sim::NodeContext& context) {
                return std::make_unique<kafka::Broker>(context, config, kafka::group_coordinator_hook(), truncation);
            },
            switch_of(scenario_, broker.host)));
    }
    // The tools' --bootstrap-server: on localhost brokers differ by port, as under
    // `serve` and in the loader (localhost_ports.h).
    std::vector<std::pair<std::string, std::uint16_t>> ports;
    for (const auto& broker : scenario_.cluster.brokers) ports.emplace_back(broker.host, broker.localhost_port);
    auto resolver = [ports](const std::vector<std::string>& servers) {
        std::vector<std::string> hosts;
        for (const auto& server : servers) {
            std::string host = server.substr(0, server.find(':'));
            std::string port = server.find(':') == std::string::npos ? "9092" : server.substr(server.find(':') + 1);
            bool local = host == "localhost" || host == "127.0.0.1";
            if (port == "2181" || kafka::is_zookeeper_host(host)) {
                for (const auto& [name, p] : ports) hosts.push_back(name);  // found through ZooKeeper
            } else if (local) {
                for (const auto& [name, p] : ports) {
                    if (std::to_string(p) == port) {
                        hosts.push_back(name);
                        break;
                    }
                }
            } else {
                hosts.push_back(host);
            }
        }
        return hosts;
    };
    StaticBrokerConfigs static_configs;
    for (const auto& broker : scenario_.cluster.brokers) static_configs.emplace(broker.id, broker.properties);
    terminal_ = sim_.add_node("terminal", [resolver, static_configs](sim::NodeContext& c) {
        return std::make_unique<ToolsHost>(c, resolver, static_configs);
    });
    for (const auto& link : scenario_.network.links) {
        auto a = sim_.network().find(link.a);
        auto b = sim_.network().find(link.b);
        if (a && b) sim_.network().connect(*a, *b, link.spec);
    }
}

kafka::Broker* ScenarioRun::broker(const std::string& host) {
    auto node = sim_.find_node(host);
    return node ? sim_.node_as<kafka::Broker>(*node) : nullptr;
}

kafka::Broker* ScenarioRun::controller() { return kafka::active_controller(sim_, brokers_); }

void ScenarioRun::wait_until_ready() {
    // Brokers register and elect a controller within a few hundred milliseconds; give
    // a slow network (or a lesson's long latencies) up to a minute.
    sim::Time deadline = sim_.now() + 60s;
    while (sim_.now() < deadline) {
        auto* c = controller();
        if (c && c->metadata().live_brokers().size() == brokers_.size()) return;
        sim_.run_for(10ms);
    }
}

void ScenarioRun::create_topics() {
    auto* c = controller();
    if (!c || scenario_.topics.empty()) return;
    auto request = std::make_shared<kafka::CreateTopicsRequest>();
    for (const auto& topic : scenario_.topics) {
        kafka::NewTopic t;
        t.name = topic.name;
        t.num_partitions = topic.partitions;
        t.replication_factor = topic.replication_factor;
        t.assignment = topic.assignment;
        for (const auto& entry : topic.configs.entries()) t.configs[entry.key] = entry.value;
        request->topics.push_back(std::move(t));
    }
    auto* terminal = sim_.node_as<ToolsHost>(terminal_);
    bool answered = false;
    terminal->network().send(*sim_.find_node(kafka::broker_host(c->id())), request, 30s,
                             [&answered](kafka::Error, const sim::MessagePtr&) { answered = true; });
    sim::Time deadline = sim_.now() + 60s;
    while (!answered && sim_.now() < deadline) sim_.run_for(10ms);
    // Let LeaderAndIsr and UpdateMetadata reach every broker before the clock starts.
    sim_.run_for(200ms);
}

void ScenarioRun::add_clients() {
    for (const auto& producer : scenario_.producers) add_producer(producer);
    for (const auto& consumer : scenario_.consumers) add_consumer(consumer, switch_of(scenario_, consumer.name));
}

void ScenarioRun::schedule_script() {
    for (const auto& fault : scenario_.faults) schedule_fault(fault);
    for (const auto& step : scenario_.steps) {
        sim_.at(at(step.at), "scenario step", [this, &step] { run_step(step); });
    }
    for (const auto& line : scenario_.narration) {
        sim_.at(at(line.at), "narration", [this, &line] { print("narration", line.say); });
    }
    for (const auto& question : scenario_.predictions) {
        sim_.at(at(question.at), "prediction", [this, &question] { print("predict", question.ask); });
    }
    for (const auto& expectation : scenario_.expectations) schedule_snapshot(expectation);
}

void ScenarioRun::run_command(StepSpec step) {
    step.at = now();
    run_step(commands_.emplace_back(std::move(step)));
}

void ScenarioRun::run_until(sim::Duration scenario_time) {
    const sim::Duration target = std::min(scenario_time, end());
    // Stopping at each sample time changes nothing: see recovery_watch.h.
    while (recovery_ && recovery_->next_sample() <= target) {
        sim_.run_until(at(recovery_->next_sample()));
        recovery_->sample();
    }
    sim_.run_until(at(target));
}

void ScenarioRun::run() { run_until(end()); }

// --- Timeline --------------------------------------------------------------------

void ScenarioRun::print(const std::string& what, const std::string& text) {
    if (started_ && options_.on_line) options_.on_line(now(), what, text);
    if (!options_.timeline) return;
    std::string time = started_ ? sim::format_time(sim::Time{now()}) : "setup";
    *options_.timeline << fmt::format("{:>12}  {:<18} {}\n", time, what, text);
}

void ScenarioRun::update_outages() {
    if (!outage_change_at_) return;
    const sim::Duration at = *outage_change_at_;
    outage_change_at_.reset();
    outages_.observe(at, cluster_view(*this));
}

const OutageTracker& ScenarioRun::outages() {
    update_outages();
    return outages_;
}

void ScenarioRun::on_event(const sim::TraceRecord& record) {
    // The first leaders are chosen while the topics are created, before the start.
    loss_evidence_.on_event(record);
    if (!started_) return;  // cluster start-up is not part of the lesson
    if (options_.on_record) options_.on_record(record);
    if (recovery_) recovery_->on_event(record);
    const std::optional<NotableKind> kind = classify(record);
    if (!kind) return;
    if (*kind == NotableKind::leader_election || *kind == NotableKind::unclean_election ||
        *kind == NotableKind::isr_change) {
        if (!outage_change_at_) outage_change_at_ = now();
    }
    // Internal topics (__consumer_offsets has 50 partitions) would drown the lesson; an
    // unclean election is told even there, since it may lose committed records.
    if (*kind != NotableKind::unclean_election && about_internal_topic(record.event)) return;
    std::string who = record.destination.empty() ? record.source : record.destination;
    std::string text = record.summary.empty() || takes_host_down(*kind) || *kind == NotableKind::restart
                           ? who
                           : record.summary;
    if (*kind == NotableKind::controller || *kind == NotableKind::controlled_shutdown ||
        *kind == NotableKind::zk_session_expired || *kind == NotableKind::rebalance) {
        text = record.source + ": " + record.summary;
    }
    print(label(*kind), text);
}

}  // namespace kafkalab::scenarios
