#include "scenarios/runner/recovery_watch.h"

#include <algorithm>
#include <set>

#include "broker_model/common/host_names.h"
#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/scenario_run.h"
#include "sim/fault_event.h"

namespace kafkalab::scenarios {

using namespace std::chrono_literals;

sim::Duration default_settle(const Scenario& scenario) {
    sim::Duration longest{0};
    for (const auto& broker : scenario.cluster.brokers) {
        longest = std::max({longest, broker.properties.get_duration("zookeeper.session.timeout.ms"),
                            broker.properties.get_duration("replica.lag.time.max.ms")});
    }
    for (const auto& producer : scenario.producers) {
        longest = std::max(longest, producer.properties.get_duration("request.timeout.ms"));
    }
    for (const auto& consumer : scenario.consumers) {
        longest = std::max(longest, consumer.properties.get_duration("session.timeout.ms"));
    }
    return longest + 10s;
}

namespace {

bool same_link(const sim::LinkSpec& a, const sim::LinkSpec& b) {
    return a.latency == b.latency && a.jitter == b.jitter && a.bandwidth_bytes_per_s == b.bandwidth_bytes_per_s &&
           a.loss_probability == b.loss_probability;
}

bool full_isr(const PartitionView& view) {
    auto isr = view.leadership.isr;
    auto replicas = view.replicas;
    std::sort(isr.begin(), isr.end());
    std::sort(replicas.begin(), replicas.end());
    return isr == replicas;
}

}  // namespace

RecoveryWatch::RecoveryWatch(ScenarioRun& run, sim::Duration settle) : run_(run), settle_(settle) {
    const auto& network = run_.simulation().network();
    for (const auto& link : network.links()) {
        if (auto spec = network.link_spec(link.a, link.b)) built_links_.emplace(std::pair{link.a, link.b}, *spec);
    }
}

std::vector<std::string> RecoveryWatch::faults_in_force() const {
    std::vector<std::string> open;
    auto& sim = run_.simulation();
    const auto& network = sim.network();
    auto check_server = [&](sim::NodeIndex node) {
        const std::string& name = sim.node_name(node);
        if (!sim.is_up(node)) {
            open.push_back(name + " is down");
        } else if (network.isolated(sim.vertex(node))) {
            open.push_back(name + " is frozen");
        }
    };
    for (auto node : run_.zookeeper_nodes()) check_server(node);
    for (auto node : run_.broker_nodes()) check_server(node);
    if (network.partitioned()) open.push_back("the network is partitioned");
    if (!network.blocked_pairs().empty()) open.push_back("a link is cut");
    for (const auto& link : network.links()) {
        const std::string ends = network.name(link.a) + " - " + network.name(link.b);
        auto built = built_links_.find({link.a, link.b});
        auto spec = network.link_spec(link.a, link.b);
        if (!link.up) {
            open.push_back("the link " + ends + " is cut");
        } else if (built != built_links_.end() && spec && !same_link(*spec, built->second)) {
            open.push_back("the link " + ends + " is slow or lossy");
        }
    }
    return open;
}

void RecoveryWatch::sample() {
    const sim::Duration now = next_sample_;
    next_sample_ += sample_interval;
    // Health is followed through the faults too, so a problem is dated from its start.
    const bool healthy = note_health(now);
    if (!faults_in_force().empty()) {
        faults_ended_at_.reset();
        recovered_at_.reset();
        settled_ = false;
        return;
    }
    if (!faults_ended_at_) faults_ended_at_ = now;
    if (!healthy) {
        recovered_at_.reset();
    } else if (!recovered_at_) {
        recovered_at_ = now;
    }
    if (!settled_ && now - *faults_ended_at_ >= settle_) take_settle_snapshot();
}

bool RecoveryWatch::note_health(sim::Duration now) {
    bool healthy = true;
    if (run_.controller()) {
        controller_missing_since_.reset();
    } else {
        healthy = false;
        if (!controller_missing_since_) controller_missing_since_ = now;
    }
    for (const auto& [tp, view] : cluster_view(run_)) {
        auto* leader = view.leadership.has_leader() ? run_.broker(kafka::broker_host(view.leadership.leader)) : nullptr;
        if (leader && full_isr(view)) {
            unhealthy_since_.erase(tp);
            continue;
        }
        healthy = false;
        unhealthy_since_.try_emplace(tp, now);
    }
    return healthy;
}

void RecoveryWatch::take_settle_snapshot() {
    settled_ = true;
    log_end_at_settle_.clear();
    for (const auto& [tp, view] : cluster_view(run_)) {
        const auto* log = serving_log(run_, tp, view);
        if (log) log_end_at_settle_[tp] = log->log_end_offset();
    }
    sends_before_settle_ = run_.ledger().size();
}

void RecoveryWatch::on_event(const sim::TraceRecord& record) {
    const auto* fault = record.event_as<sim::FaultEvent>();
    if (fault && fault->takes_host_down()) last_down_[fault->host] = record.time;
}

LivenessInput RecoveryWatch::input() const {
    LivenessInput in;
    in.faults_ended_at = faults_ended_at_;
    in.faults_in_force = faults_in_force();
    in.settle = settle_;
    in.judged_at = run_.now();
    in.has_controller = run_.controller() != nullptr;
    in.controller_missing_since = controller_missing_since_;
    in.recovered_at = recovered_at_;
    const auto views = cluster_view(run_);
    for (const auto& [tp, view] : views) {
        PartitionRecovery p;
        p.partition = tp;
        p.leader = view.leadership.leader;
        p.replicas = view.replicas;
        p.isr = view.leadership.isr;
        auto* leader = view.leadership.has_leader() ? run_.broker(kafka::broker_host(view.leadership.leader)) : nullptr;
        p.leader_up = leader != nullptr;
        if (const auto* log = leader ? leader->logs().find(tp) : nullptr) {
            p.high_watermark = log->high_watermark();
            p.log_end_offset = log->log_end_offset();
        }
        if (auto it = log_end_at_settle_.find(tp); it != log_end_at_settle_.end()) p.log_end_at_settle = it->second;
        if (auto it = unhealthy_since_.find(tp); it != unhealthy_since_.end()) p.unhealthy_since = it->second;
        in.partitions.push_back(std::move(p));
    }
    // Producers: records a live producer sent before the settle time, still unanswered.
    const auto& ledger = run_.ledger();
    std::map<std::string, ProducerRecovery, std::less<>> producers;
    for (std::size_t i = 0; i < sends_before_settle_; ++i) {
        const auto entry = ledger.entry(ledger.first_record_id() + i);
        if (entry.status != kafka::SendStatus::pending) continue;
        auto node = run_.simulation().find_node(entry.producer);
        if (!node || !run_.simulation().is_up(*node)) continue;
        if (auto down = last_down_.find(entry.producer); down != last_down_.end() && entry.send_time <= down->second) {
            continue;  // sent by a life of the producer that has since crashed
        }
        auto [it, added] = producers.try_emplace(std::string(entry.producer));
        ProducerRecovery& p = it->second;
        if (added) {
            p.producer = std::string(entry.producer);
            p.oldest_sent = entry.send_time - run_.start_time();
        }
        ++p.unresolved;
    }
    for (auto& [name, p] : producers) in.producers.push_back(std::move(p));
    if (settled_) add_groups(in, views);
    return in;
}

kafka::Offset RecoveryWatch::group_target(const kafka::TopicPartition& tp, const PartitionView& view) const {
    // What existed at the settle time and is committed now: a group must have read it.
    const auto* log = serving_log(run_, tp, view);
    if (!log) return kafka::Offset{0};
    auto settled = log_end_at_settle_.find(tp);
    return settled == log_end_at_settle_.end() ? log->high_watermark() : std::min(log->high_watermark(), settled->second);
}

void RecoveryWatch::add_groups(LivenessInput& in, const std::map<kafka::TopicPartition, PartitionView>& views) const {
    // Every partition of a live group's topics is owned by a live member, caught up.
    const auto& statuses = run_.consumption()->statuses();
    std::map<std::string, std::set<std::string>> topics_of_group;
    for (const auto& [name, s] : statuses) {
        if (s.running && s.subscribed && !s.group.empty()) topics_of_group[s.group].insert(s.topics.begin(), s.topics.end());
    }
    for (const auto& [group, topics] : topics_of_group) {
        for (const auto& [tp, view] : views) {
            if (!topics.count(tp.topic)) continue;
            GroupPartitionRecovery g;
            g.group = group;
            g.partition = tp;
            g.target = group_target(tp, view);
            for (const auto& [name, s] : statuses) {
                if (!s.running || s.group != group) continue;
                auto it = s.assignment.find(tp);
                if (it == s.assignment.end()) continue;
                g.owner = name;
                g.position = it->second.position.value_or(kafka::Offset{-1});
            }
            in.groups.push_back(std::move(g));
        }
    }
}

}  // namespace kafkalab::scenarios
