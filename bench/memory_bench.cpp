// The machine's own price of memory, the baseline the Kafka workloads' figures need:
// writing N MiB the first time (every page faulted in and zeroed by the kernel) against
// writing the same N MiB again. A simulation that keeps a record per send and per
// delivery touches fresh memory for every record, so on a machine where first touch is
// slow (virtual machines often are) its bytes per record bound its records per second.
//
// A third figure is what sim/heap_populator.h does instead: fresh pages populated in
// bulk, in huge pages, with one madvise, then written.
//
// Usage: memory_bench [MiB]
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

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
    return 0;
}
