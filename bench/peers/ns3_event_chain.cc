// Peer for the event-kernel workload: ns-3's Simulator with ~10,000 pending events,
// each fired event scheduling one more at now + a uniform random 1 ns .. 1 ms, until
// N events have fired. Runs once per scheduler given (default: ns3::MapScheduler, ns-3's
// default, and ns3::PriorityQueueScheduler) and prints one result line for each.
//
// Usage: ns3_event_chain [events] [scheduler...]
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <ns3/nstime.h>
#include <ns3/object-factory.h>
#include <ns3/simulator.h>

#include "bench/result_line.h"

namespace {

constexpr int pending_events = 10'000;
constexpr std::uint64_t max_delay_ns = 1'000'000;

std::uint64_t random_state = 1;
std::int64_t remaining = 0;

/// splitmix64: a cheap, good-enough stream so the peer's cost is its scheduler's.
std::uint64_t next_random() {
    std::uint64_t z = (random_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

ns3::Time random_delay() { return ns3::NanoSeconds(static_cast<std::int64_t>(1 + next_random() % max_delay_ns)); }

void fire() {
    if (--remaining <= 0) {
        ns3::Simulator::Stop();
        return;
    }
    ns3::Simulator::Schedule(random_delay(), &fire);
}

double run_with(const std::string& scheduler, std::int64_t events) {
    ns3::ObjectFactory factory;
    factory.SetTypeId(scheduler);
    ns3::Simulator::SetScheduler(factory);
    random_state = 1;
    remaining = events;
    for (int i = 0; i < pending_events; ++i) ns3::Simulator::Schedule(random_delay(), &fire);
    auto start = std::chrono::steady_clock::now();
    ns3::Simulator::Run();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ns3::Simulator::Destroy();
    return static_cast<double>(events) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
    std::int64_t events = argc > 1 ? std::atoll(argv[1]) : 30'000'000;
    std::vector<std::string> schedulers;
    for (int i = 2; i < argc; ++i) schedulers.emplace_back(argv[i]);
    if (schedulers.empty()) schedulers = {"ns3::MapScheduler", "ns3::PriorityQueueScheduler"};
    for (const auto& scheduler : schedulers) {
        double rate = run_with(scheduler, events);
        std::printf("ns-3 %s: %.2f M events/s over %lld events\n", scheduler.c_str(), rate / 1e6,
                    static_cast<long long>(events));
        kafkalab::bench::print_result("event kernel", "ns-3 3.37 " + scheduler.substr(5), rate, "events/s");
    }
    return 0;
}
