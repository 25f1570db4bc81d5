// The machine's own price of memory, the baseline the Kafka workloads' figures need:
// writing N MiB the first time (every page faulted in and zeroed by the kernel) against
// writing the same N MiB again. A simulation that keeps a record per send and per
// delivery touches fresh memory for every record, so on a machine where first touch is
// slow (virtual machines often are) its bytes per record bound its records per second.
//
// A third figure is what sim/heap_populator.h does instead: fresh pages populated in
// bulk, in huge pages, with one madvise, then written.
//
// Last, what one cache miss costs: a chain of dependent loads (each address read from
// the line before, in a random cycle through every line) over working sets from what
// the core's own cache holds up to what the 1,000-broker scale run spans. A simulation
// whose events each land on a different, cold broker pays this once per object an event
// touches, so it bounds events per second however few instructions they take.
//
// Usage: memory_bench [MiB]
#include <sys/mman.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

#include "bench/result_line.h"

namespace {

/// Writes every byte of `buffer` and returns GB (2^30 bytes) per second.
double write_rate(char* buffer, std::size_t bytes, int fill) {
    const auto start = std::chrono::steady_clock::now();
    std::memset(buffer, fill, bytes);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return static_cast<double>(bytes) / (1u << 30) / seconds;
}

/// Maps `bytes` afresh, has the kernel populate them in huge pages in one call, then
/// writes them; GB per second for both together, or 0 if the kernel cannot populate.
double populated_write_rate(std::size_t bytes) {
    void* region = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED) return 0;
    const auto start = std::chrono::steady_clock::now();
    madvise(region, bytes, MADV_HUGEPAGE);
    const bool populated = madvise(region, bytes, MADV_POPULATE_WRITE) == 0;
    std::memset(region, 3, bytes);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    munmap(region, bytes);
    return populated ? static_cast<double>(bytes) / (1u << 30) / seconds : 0;
}

/// Nanoseconds per load of a pointer chase through every cache line of `bytes` of
/// memory in huge pages, in one random cycle (Sattolo's shuffle), or 0 if it cannot map.
double dependent_load_ns(std::size_t bytes) {
    void* region = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED) return 0;
    madvise(region, bytes, MADV_HUGEPAGE);
    auto* lines = static_cast<std::uint64_t*>(region);
    constexpr std::size_t words_per_line = 64 / sizeof(std::uint64_t);
    const std::size_t count = bytes / 64;
    std::vector<std::uint32_t> order(count);
    for (std::size_t i = 0; i < count; ++i) order[i] = static_cast<std::uint32_t>(i);
    std::uint64_t state = 0x9e3779b97f4a7c15;  // xorshift64: the same cycle every run
    for (std::size_t i = count - 1; i > 0; --i) {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        std::swap(order[i], order[state % i]);  // j < i: one cycle through all lines
    }
    for (std::size_t i = 0; i < count; ++i) lines[order[i] * words_per_line] = order[(i + 1) % count];
    std::vector<std::uint32_t>().swap(order);
    std::uint64_t at = 0;
    for (std::size_t i = 0; i < std::min<std::size_t>(count, 1u << 20); ++i) at = lines[at * words_per_line];  // warm up
    constexpr std::size_t loads = 4'000'000;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < loads; ++i) at = lines[at * words_per_line];
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    munmap(region, bytes);
    return at < count ? seconds / loads * 1e9 : 0;  // `at` is used, so the chase stays
}

}  // namespace

int main(int argc, char** argv) {
    const long mib = argc > 1 ? std::atol(argv[1]) : 512;
    if (mib < 1) {
        std::fprintf(stderr, "usage: memory_bench [MiB >= 1]\n");
        return 2;
    }
    const std::size_t bytes = static_cast<std::size_t>(mib) << 20;
    auto buffer = std::make_unique_for_overwrite<char[]>(bytes);
    const double fresh = write_rate(buffer.get(), bytes, 1);
    const double reused = write_rate(buffer.get(), bytes, 2);
    // Read one byte back so that neither write can be optimised away.
    const int check = buffer[bytes / 2];
    std::printf("memory: %ld MiB written fresh at %.2f GB/s (%.2f ns a byte), again at %.2f GB/s (check %d)\n", mib,
                fresh, 1.0 / (fresh * (1u << 30)) * 1e9, reused, check);
    kafkalab::bench::print_result("memory: first write of fresh pages", "kafkalab", fresh, "GB/s");
    kafkalab::bench::print_result("memory: second write of the same pages", "kafkalab", reused, "GB/s");
    buffer.reset();
    const double populated = populated_write_rate(bytes);
    if (populated > 0) {
        std::printf("memory: %ld MiB of fresh pages populated in bulk in huge pages, then written: %.2f GB/s\n", mib,
                    populated);
        kafkalab::bench::print_result("memory: fresh pages populated in bulk, then written", "kafkalab", populated,
                                      "GB/s");
    } else {
        std::printf("memory: this kernel cannot populate pages in bulk (MADV_POPULATE_WRITE, Linux 5.14)\n");
    }
    for (std::size_t working_set_mib : {1, 64, 2048}) {
        const double ns = dependent_load_ns(working_set_mib << 20);
        if (ns <= 0) continue;
        std::printf("memory: a dependent load over %zu MiB costs %.1f ns\n", working_set_mib, ns);
        kafkalab::bench::print_result("memory: dependent load over " + std::to_string(working_set_mib) + " MiB",
                                      "kafkalab", ns, "ns");
    }
    return 0;
}
