#include "scenarios/describe/scenario_page.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "broker_model/config/config_catalog.h"
#include "broker_model/protocol/partition_state.h"
#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/scenario_run.h"
#include "scenarios/sweep/fault_schedule.h"

namespace kafkalab::scenarios {

namespace {

using sim::format_duration;

std::string properties_text(const kafka::Properties& properties) {
    std::string text;
    for (const auto& e : properties.entries()) text += (text.empty() ? "" : ", ") + e.key + "=" + e.value;
    return text;
}

/// The keys set in `properties` that Kafka reads but the simulation has nothing for
/// (threads, directories, socket buffers): loaded silently so that a stock
/// server.properties gives no warning, and listed on the page so that nobody expects
/// them to change a run. Appended to `keys` unless already there.
void add_not_modelled(const kafka::Properties& properties, std::vector<std::string>& keys) {
    for (const auto& e : properties.entries()) {
        const kafka::ConfigDef* def = kafka::find_config(properties.scope(), e.key);
        if (def && !def->modelled && std::find(keys.begin(), keys.end(), e.key) == keys.end()) keys.push_back(e.key);
    }
}

std::string joined(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : ", ") + w;
    return text;
}

std::string schedule_text(const ProducerSpec& p) {
    const Schedule& s = p.schedule;
    const std::string per = format_duration(s.per);
    std::string text;
    switch (s.kind) {
        case ScheduleKind::every: text = "one record every " + per; break;
        case ScheduleKind::rate: text = fmt::format("{} records per {}", s.records, per); break;
        case ScheduleKind::poisson: text = fmt::format("Poisson, {} records per {} on average", s.records, per); break;
        case ScheduleKind::burst: text = fmt::format("bursts of {} records every {}", s.records, per); break;
    }
    if (p.count) text += fmt::format(", {} records at most", *p.count);
    return text;
}

std::string expectation_text(const ExpectationSpec& e, const Scenario& s) {
    const std::string when = e.at == s.duration || e.at.count() == 0 ? "at the end" : "at " + format_duration(e.at);
    auto range = [](const CountRange& r) {
        if (r.min && r.max && *r.min == *r.max) return std::to_string(*r.min);
        if (r.min && r.max) return fmt::format("{} to {}", *r.min, *r.max);
        if (r.min) return fmt::format("at least {}", *r.min);
        if (r.max) return fmt::format("at most {}", *r.max);
        return std::string("any number");
    };
    auto topic = [&e] { return e.topic.empty() ? std::string("all topics") : e.topic; };
    switch (e.kind) {
        case ExpectationKind::no_acknowledged_record_lost: {
            std::string text = "no acknowledged record is lost (" + topic() + ")";
            // The causes the file excepts are the cases in which Kafka itself loses.
            for (std::size_t i = 0; i < e.except_causes.size(); ++i) {
                text += (i == 0 ? ", except by " : ", ") + std::string(to_string(e.except_causes[i]));
            }
            return text;
        }
        case ExpectationKind::no_duplicates: return "no record is written twice (" + topic() + ")";
        case ExpectationKind::order_kept: return "each producer's records stay in send order (" + topic() + ")";
        case ExpectationKind::consumed_all: return "group " + e.group + " reads every acknowledged record";
        case ExpectationKind::leader:
            return fmt::format("leader of {} at {} is {}", e.partition.to_string(), format_duration(e.at),
                               e.leader == kafka::no_broker ? "none" : "broker-" + std::to_string(e.leader.value));
        case ExpectationKind::isr:
            return fmt::format("ISR of {} at {} is [{}]", e.partition.to_string(), format_duration(e.at),
                               kafka::join_ids(e.isr));
        case ExpectationKind::under_replicated_partitions:
            return fmt::format("{} under-replicated partitions {}", range(e.count), when);
        case ExpectationKind::record_count: return fmt::format("{} records in {} {}", range(e.count), e.topic, when);
        case ExpectationKind::lost_acknowledged_records:
            return fmt::format("{} acknowledged records lost ({})", range(e.count), topic());
        case ExpectationKind::duplicate_records:
            return fmt::format("{} records written twice ({})", range(e.count), topic());
        case ExpectationKind::consumed_records:
            return fmt::format("group {} receives {} distinct records ({})", e.group, range(e.count), topic());
        case ExpectationKind::redelivered_records:
            return fmt::format("group {} receives {} records more than once ({})", e.group, range(e.count), topic());
        case ExpectationKind::consumer_lag:
            return fmt::format("lag of group {} on {} at {} is {}", e.group, e.partition.to_string(),
                               format_duration(e.at), range(e.count));
        case ExpectationKind::assignment: {
            std::string partitions;
            for (const auto& p : e.partitions) partitions += (partitions.empty() ? "" : ", ") + p.to_string();
            return fmt::format("{} owns [{}] at {}", e.consumer, partitions, format_duration(e.at));
        }
        case ExpectationKind::recovers: return "the cluster recovers once the faults end";
        case ExpectationKind::does_not_recover: return "the cluster does not recover once the faults end";
    }
    return "?";
}

void write_cluster(const Scenario& s, std::ostream& out) {
    // Two addresses per broker: its listener inside the simulated network, and the
    // localhost one (localhost_ports.h) that a scenario's bootstrap servers, `run`'s
    // tool steps and real clients under `kafkalab serve` use.
    out << "\nBrokers (" << s.cluster.brokers.size() << "): listener in the cluster, address for localhost clients\n";
    for (const auto& b : s.cluster.brokers) {
        out << fmt::format("  {:<10} rack {:<8} {:<16} localhost:{}", b.host, b.rack.empty() ? "-" : b.rack,
                           fmt::format("{}:{}", b.host, b.port), b.localhost_port);
        // The cluster's keys and the generated ones are the same on every broker: only
        // what this broker sets apart is shown.
        kafka::Properties own(kafka::ConfigScope::broker);
        for (const auto& e : b.properties.entries()) {
            if (e.key == "broker.id" || e.key == "broker.rack" || e.key == "zookeeper.connect") continue;
            const auto* shared = s.cluster.properties.entry(e.key);
            if (!shared || shared->value != e.value) own.set(e.key, e.value);
        }
        if (!own.empty()) out << "  " << properties_text(own);
        out << "\n";
    }
    if (!s.cluster.properties.empty()) out << "  every broker: " << properties_text(s.cluster.properties) << "\n";
    std::vector<std::string> not_modelled;
    for (const auto& b : s.cluster.brokers) add_not_modelled(b.properties, not_modelled);
    if (!not_modelled.empty()) out << "  accepted, not modelled: " << joined(not_modelled) << "\n";
    out << "ZooKeeper: ";
    for (std::size_t i = 0; i < s.cluster.zookeeper.hosts.size(); ++i) {
        out << (i ? ", " : "") << s.cluster.zookeeper.hosts[i];
    }
    out << "\n\nNetwork\n";
    std::map<std::string, std::vector<std::string>> on_switch;
    for (const auto& h : s.network.hosts) on_switch[h.switch_name].push_back(h.name);
    for (const auto& [name, hosts] : on_switch) {
        std::string list;
        for (const auto& h : hosts) list += (list.empty() ? "" : ", ") + h;
        out << fmt::format("  switch {:<8} {}\n", name, list);
    }
    const auto& d = s.network.defaults;
    out << "  every link: latency " << format_duration(d.latency) << ", jitter " << format_duration(d.jitter)
        << fmt::format(", {} bytes/s, loss {}%\n", d.bandwidth_bytes_per_s, d.loss_probability * 100);
    for (const auto& l : s.network.links) {
        if (l.position.line == 0) continue;
        out << "  link " << l.a << " - " << l.b << ": latency " << format_duration(l.spec.latency) << ", jitter "
            << format_duration(l.spec.jitter)
            << fmt::format(", {} bytes/s, loss {}%\n", l.spec.bandwidth_bytes_per_s, l.spec.loss_probability * 100);
    }
}

void write_topics(const Scenario& s, std::ostream& out) {
    out << "\nTopics and replica placement (seed " << s.seed << ")\n";
    if (s.topics.empty()) {
        out << "  none\n";
        return;
    }
    // The controller places replicas when the topic is created, before scenario time 0.
    ScenarioRun run(s, RunOptions{});
    const auto view = cluster_view(run);
    std::map<kafka::BrokerId, std::string> rack_of;
    for (const auto& b : s.cluster.brokers) rack_of[b.id] = b.rack;
    for (const auto& t : s.topics) {
        out << fmt::format("  {}: {} partition(s), replication factor {}{}\n", t.name, t.partitions,
                           t.replication_factor, t.assignment.empty() ? "" : ", assignment given");
        if (!t.configs.empty()) out << "    configs: " << properties_text(t.configs) << "\n";
        std::vector<std::string> topic_not_modelled;
        add_not_modelled(t.configs, topic_not_modelled);
        if (!topic_not_modelled.empty()) out << "    accepted, not modelled: " << joined(topic_not_modelled) << "\n";
        for (std::int32_t p = 0; p < t.partitions; ++p) {
            const kafka::TopicPartition tp{t.name, p};
            auto found = view.find(tp);
            if (found == view.end()) {
                out << "    " << tp.to_string() << "  not created\n";
                continue;
            }
            std::string racks;
            for (auto id : found->second.replicas) racks += (racks.empty() ? "" : ", ") + (rack_of[id].empty() ? "-" : rack_of[id]);
            out << fmt::format("    {:<14} replicas [{}]  racks [{}]\n", tp.to_string(),
                               kafka::join_ids(found->second.replicas), racks);
        }
    }
}

void write_clients(const Scenario& s, std::ostream& out) {
    out << "\nProducers\n";
    if (s.producers.empty()) out << "  none\n";
    for (const auto& p : s.producers) {
        std::string acks = p.properties.value_or_default("acks").value_or("?");
        out << fmt::format("  {} -> {}: {}, from {} to {}, acks={}", p.name, p.topic, schedule_text(p),
                           format_duration(p.start), format_duration(p.stop), acks);
        if (p.partition) out << ", partition " << *p.partition;
        out << "\n";
    }
    out << "\nConsumers\n";
    if (s.consumers.empty()) out << "  none\n";
    for (const auto& c : s.consumers) {
        std::string reads;
        if (!c.assign.empty()) {
            for (const auto& tp : c.assign) reads += (reads.empty() ? "assigned " : ", ") + tp.to_string();
        } else {
            for (const auto& topic : c.topics) reads += (reads.empty() ? "subscribes to " : ", ") + topic;
        }
        out << "  " << c.name << ": " << reads;
        if (!c.group_id.empty()) out << ", group " << c.group_id << (c.group_id_generated ? " (generated)" : "");
        if (c.start.count() > 0) out << ", from " << format_duration(c.start);
        out << "\n";
    }
}

void write_script(const Scenario& s, std::ostream& out) {
    out << "\nFaults (in time order)\n";
    std::vector<const FaultSpec*> faults;
    for (const auto& f : s.faults) faults.push_back(&f);
    std::stable_sort(faults.begin(), faults.end(), [](const auto* a, const auto* b) { return a->at < b->at; });
    if (faults.empty()) out << "  none\n";
    for (const auto* f : faults) out << "  " << fault_to_yaml(*f) << "\n";
    if (!s.steps.empty()) out << "\nCommands\n";
    for (const auto& step : s.steps) out << fmt::format("  {:>8}  $ {}\n", format_duration(step.at), step.run);
    if (!s.predictions.empty()) out << "\nPredictions\n";
    for (const auto& p : s.predictions) out << fmt::format("  {:>8}  {}\n", format_duration(p.at), p.ask);
    out << "\nExpectations\n";
    if (s.expectations.empty()) out << "  none\n";
    for (const auto& e : s.expectations) out << "  - " << expectation_text(e, s) << "\n";
}

}  // namespace

void write_scenario_page(const Scenario& s, std::ostream& out) {
    out << s.name << "\n";
    if (!s.description.empty()) out << s.description << (s.description.back() == '\n' ? "" : "\n");
    out << "\nseed " << s.seed << ", duration " << format_duration(s.duration) << ", Kafka "
        << s.kafka_version.to_string() << " defaults\n";
    write_cluster(s, out);
    write_topics(s, out);
    write_clients(s, out);
    write_script(s, out);
}

}  // namespace kafkalab::scenarios
