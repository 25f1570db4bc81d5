#pragma once
// A scenario file loaded and ready to run, with the questions tests ask of a run in
// scenario time: who leads a partition, what its ISR is, how many records were
// acknowledged or read in a window.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>

#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/scenario_run.h"
#include "scenarios/spec/load_scenario.h"

namespace kafkalab::scenarios::testing {

using namespace std::chrono_literals;

inline std::string test_data(const std::string& relative) { return std::string(KAFKALAB_TEST_DATA) + "/" + relative; }

class LoadedRun {
public:
    explicit LoadedRun(const std::string& path, RunOptions options = {}) {
        LoadResult loaded = load_scenario(path);
        for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
        REQUIRE(loaded.ok());
        scenario_ = std::make_unique<Scenario>(std::move(*loaded.scenario));
        run_ = std::make_unique<ScenarioRun>(*scenario_, options);
    }
    static LoadedRun from_text(const std::string& yaml, RunOptions options = {}) { return LoadedRun(yaml, options, 0); }

    ScenarioRun& run() { return *run_; }
    ScenarioRun* operator->() { return run_.get(); }
    void run_until(sim::Duration at) { run_->run_until(at); }

    /// The leader's broker id by the active controller, -1 for none; nothing without a controller.
    std::optional<int> leader(const kafka::TopicPartition& tp) {
        auto state = controller_state(tp);
        if (!state) return std::nullopt;
        return state->has_leader() ? state->leader.value : -1;
    }
    /// The ISR by the active controller, sorted; empty without a controller.
    std::vector<int> isr(const kafka::TopicPartition& tp) {
        std::vector<int> ids;
        if (auto state = controller_state(tp)) {
            for (auto id : state->isr) ids.push_back(id.value);
        }
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    bool is_up(const std::string& host) {
        auto node = run_->simulation().find_node(host);
        REQUIRE(node);
        return run_->simulation().is_up(*node);
    }
    int controller_id() {
        auto* c = run_->controller();
        return c ? c->id().value : -1;
    }
    /// Records acknowledged to producers in [from, to) of scenario time.
    std::int64_t acknowledged_between(sim::Duration from, sim::Duration to) {
        std::int64_t count = 0;
        for (const auto& e : run_->ledger().acknowledged()) count += in_window(e.outcome_time, from, to);
        return count;
    }
    /// Records sent by producers in [from, to) of scenario time.
    std::int64_t sent_between(sim::Duration from, sim::Duration to) {
        std::int64_t count = 0;
        for (const auto& e : run_->ledger().entries()) count += in_window(e.send_time, from, to);
        return count;
    }
    /// Records `consumer` read in [from, to) of scenario time.
    std::int64_t read_between(const std::string& consumer, sim::Duration from, sim::Duration to) {
        std::int64_t count = 0;
        for (const auto& d : run_->consumption()->deliveries()) count += d.consumer == consumer && in_window(d.time, from, to);
        return count;
    }
    /// The longest time a record sent in [from, to) waited for its acknowledgement.
    sim::Duration slowest_acknowledgement(sim::Duration from, sim::Duration to) {
        sim::Duration slowest{0};
        for (const auto& e : run_->ledger().acknowledged()) {
            if (in_window(e.send_time, from, to)) slowest = std::max(slowest, e.outcome_time - e.send_time);
        }
        return slowest;
    }

private:
    LoadedRun(const std::string& yaml, RunOptions options, int) {
        LoadResult loaded = load_scenario_text(yaml, "inline.yaml");
        for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
        REQUIRE(loaded.ok());
        scenario_ = std::make_unique<Scenario>(std::move(*loaded.scenario));
        run_ = std::make_unique<ScenarioRun>(*scenario_, options);
    }
    std::optional<kafka::LeaderAndIsr> controller_state(const kafka::TopicPartition& tp) {
        const kafka::ClusterState cluster = scenarios::cluster_state(*run_);
        const kafka::PartitionLeadership* partition = cluster.from_controller() ? cluster.find(tp) : nullptr;
        if (!partition) return std::nullopt;
        return partition->leadership;
    }
    bool in_window(sim::Time t, sim::Duration from, sim::Duration to) const {
        sim::Duration at = t - (run_->simulation().now() - run_->now());
        return at >= from && at < to;
    }

    std::unique_ptr<Scenario> scenario_;
    std::unique_ptr<ScenarioRun> run_;
};

}  // namespace kafkalab::scenarios::testing
