// Kernel throughput: events fired per wall second, against a bare std::priority_queue
// loop doing the same work in the same binary (the physical baseline), and messages
// per second over the simulated network. Prints the ratios at the end.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <queue>
#include <string>
#include <vector>

#include "bench/result_line.h"
#include "sim/random.h"
#include "sim/scheduler.h"
#include "sim/simulation.h"

using namespace kafkalab::sim;
namespace bench = kafkalab::bench;

namespace {

constexpr int pending_events = 10'000;
constexpr std::int64_t max_delay_ns = 1'000'000;  // each event schedules the next 1 ns .. 1 ms later

void bare_priority_queue(benchmark::State& state) {
    for (auto _ : state) {
        RandomStream random(1);
        using Entry = std::pair<std::int64_t, std::uint64_t>;  // (time, sequence)
        std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
        std::uint64_t sequence = 0;
        for (int i = 0; i < pending_events; ++i) queue.push({random.between(1, max_delay_ns), sequence++});
        std::int64_t work = 0;
        for (std::int64_t fired = 0; fired < state.range(0); ++fired) {
            auto [time, seq] = queue.top();
            queue.pop();
            work += static_cast<std::int64_t>(seq & 1);
            queue.push({time + random.between(1, max_delay_ns), sequence++});
        }
        benchmark::DoNotOptimize(work);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

struct Chain {
    Scheduler* scheduler;
    RandomStream* random;
    std::int64_t* remaining;
    std::int64_t* work;
    void operator()() const {
        *work += 1;
        if (--*remaining <= 0) return;
        scheduler->schedule_after(Duration{random->between(1, max_delay_ns)},
                                  EventInfo{EventKind::timer, no_node, no_node, "bench", nullptr}, Chain{*this});
    }
};

void kernel_events(benchmark::State& state) {
    for (auto _ : state) {
        Scheduler scheduler;
        RandomStream random(1);
        std::int64_t remaining = state.range(0);
        std::int64_t work = 0;
        Chain chain{&scheduler, &random, &remaining, &work};
        for (int i = 0; i < pending_events; ++i) {
            scheduler.schedule_after(Duration{random.between(1, max_delay_ns)},
                                     EventInfo{EventKind::timer, no_node, no_node, "bench", nullptr}, chain);
        }
        scheduler.run(static_cast<std::uint64_t>(state.range(0)));
        benchmark::DoNotOptimize(work);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

struct Ping final : Message {
    Ping() : Message(1) {}
    const char* name() const override { return "Ping"; }
    std::size_t size_bytes() const override { return 100; }
};

constexpr std::size_t network_hosts = 100;

/// Sends `budget` messages, each to a uniformly random other host, one at a time: the
/// next leaves when the receiver has the previous one (one outstanding per sender).
class Sender final : public Node {
public:
    Sender(NodeContext& context, std::vector<Sender*>& hosts, std::int64_t budget)
        : Node(context), hosts_(hosts), budget_(budget) {
        hosts_[context.index()] = this;
    }
    void on_start() override { send_one(); }
    /// The receiver's side: tells the sender its message has arrived.
    void on_message(NodeIndex from, const MessagePtr&) override { hosts_[from]->send_one(); }

private:
    void send_one() {
        if (budget_-- <= 0) return;
        auto to = static_cast<NodeIndex>(context().random().below(network_hosts - 1));
        if (to >= context().index()) ++to;
        context().send(to, message_);
    }
    std::vector<Sender*>& hosts_;
    std::int64_t budget_;
    MessagePtr message_ = std::make_shared<Ping>();
};

/// 100 hosts, each sending range(0) / 100 messages of 100 bytes.
void network_messages(benchmark::State& state) {
    for (auto _ : state) {
        Simulation sim(1);
        std::vector<Sender*> hosts(network_hosts, nullptr);
        const std::int64_t per_sender = state.range(0) / static_cast<std::int64_t>(network_hosts);
        for (std::size_t i = 0; i < network_hosts; ++i) {
            sim.add_node("host-" + std::to_string(i),
                         [&](NodeContext& c) { return std::make_unique<Sender>(c, hosts, per_sender); });
        }
        sim.scheduler().run();
        if (sim.messages_delivered() != static_cast<std::uint64_t>(per_sender) * network_hosts) {
            state.SkipWithError("not every message was delivered");
        }
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

/// Keeps each benchmark's items/s so that the ratios can be printed after the table.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& run : runs) {
            auto it = run.counters.find("items_per_second");
            if (it != run.counters.end()) rates[run.run_name.function_name] = it->second.value;
        }
    }
    std::map<std::string, double> rates;
};

}  // namespace

BENCHMARK(bare_priority_queue)->Arg(30'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(kernel_events)->Arg(30'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(network_messages)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    auto& r = reporter.rates;
    if (r.count("kernel_events") && r.count("bare_priority_queue")) {
        std::printf("kernel events/s: %.2fM   bare priority_queue events/s: %.2fM   ratio: %.2f (target >= 0.6)\n",
                    r["kernel_events"] / 1e6, r["bare_priority_queue"] / 1e6,
                    r["kernel_events"] / r["bare_priority_queue"]);
        bench::print_result("event kernel", "kafkalab", r["kernel_events"], "events/s");
        bench::print_result("event kernel", "bare std::priority_queue", r["bare_priority_queue"], "events/s");
    }
    if (r.count("network_messages")) {
        std::printf("network messages/s (100 hosts, 100 B, one outstanding per sender): %.2fM\n",
                    r["network_messages"] / 1e6);
        bench::print_result("network messages", "kafkalab", r["network_messages"], "messages/s");
    }
    benchmark::Shutdown();
}
