#include "sim/heap_populator.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

// AddressSanitizer brings its own allocator, which sbrk and mallopt do not describe.
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_POPULATE_WRITE) && !defined(__SANITIZE_ADDRESS__)
#define KAFKALAB_CAN_POPULATE 1
#else
#define KAFKALAB_CAN_POPULATE 0
#endif

namespace kafkalab::sim {
namespace {

std::mutex state;  // guards what follows
std::size_t populated_total = 0;

#if KAFKALAB_CAN_POPULATE
char* populated_end = nullptr;  // the heap below it is populated (or was in use before)

bool turned_off_by_environment() {
    const char* setting = std::getenv("KAFKALAB_HEAP_POPULATE");
    return setting != nullptr && std::strcmp(setting, "0") == 0;
}

std::uintptr_t page_size() {
    static const auto size = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    return size;
}

char* page_up(char* at) {
    const std::uintptr_t mask = page_size() - 1;
    return reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(at) + mask) & ~mask);
}

bool kernel_can_populate() {
    const std::size_t size = page_size();
    void* probe = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (probe == MAP_FAILED) return false;
    const bool can = madvise(probe, size, MADV_POPULATE_WRITE) == 0;
    munmap(probe, size);
    return can;
}

char* heap_end() { return static_cast<char*>(sbrk(0)); }

bool can_enable() { return !turned_off_by_environment() && kernel_can_populate() && heap_end() != reinterpret_cast<char*>(-1); }
#endif

}  // namespace

bool HeapPopulator::enable([[maybe_unused]] std::size_t growth_step) {
#if KAFKALAB_CAN_POPULATE
    std::lock_guard lock(state);
    if (enabled()) return true;
    if (!can_enable()) return false;
    const int step = static_cast<int>(growth_step);
    // Large blocks (a producer batch reserves batch.size) come from the heap, where
    // they are populated, instead of each from a fresh mmap of its own.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TOP_PAD, step);
    // Returning memory only to fault it in again would undo the point.
    mallopt(M_TRIM_THRESHOLD, 4 * step);
    populated_end = page_up(heap_end());
    enabled_ = true;
    return true;
#else
    return false;
#endif
}

bool HeapPopulator::enable_for_program(char** argv) {
    rerun_with_huge_page_heap("/proc/self/exe", argv);
    return enable();
}

void HeapPopulator::rerun_with_huge_page_heap([[maybe_unused]] const char* program, [[maybe_unused]] char** argv) {
#if KAFKALAB_CAN_POPULATE
    constexpr std::string_view setting = "glibc.malloc.hugetlb";
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    const bool had_tunables = tunables != nullptr;
    const std::string current = had_tunables ? tunables : "";
    // Already set, by the user or by the run before this one: never a second exec.
    if (current.find(setting) != std::string::npos || !can_enable()) return;
    // A preloaded library may own the allocator or the process (valgrind, heaptrack,
    // another malloc): under valgrind /proc/self/exe is valgrind's own tool.
    if (const char* preload = std::getenv("LD_PRELOAD"); preload != nullptr && *preload != '\0') return;
    std::string wanted = current;
    if (!wanted.empty()) wanted += ':';
    wanted += std::string(setting) + "=1";
    if (setenv("GLIBC_TUNABLES", wanted.c_str(), 1) != 0) return;
    execv(program, argv);
    // Not replaced after all: go on as before.
    if (had_tunables) {
        setenv("GLIBC_TUNABLES", current.c_str(), 1);
    } else {
        unsetenv("GLIBC_TUNABLES");
    }
#endif
}

std::size_t HeapPopulator::populated_bytes() {
    std::lock_guard lock(state);
    return populated_total;
}

void HeapPopulator::populate_growth() {
#if KAFKALAB_CAN_POPULATE
    std::unique_lock lock(state, std::try_to_lock);
    if (!lock.owns_lock()) return;  // another thread is at it
    char* end = page_up(heap_end());
    if (end <= populated_end) {
        populated_end = end;  // trimmed: populate again from here when it grows back
        return;
    }
    char* begin = populated_end;
    const std::size_t length = static_cast<std::size_t>(end - begin);
    // Huge pages first: on a virtual machine memory in 4 KiB pages stays slow to write
    // the first time even once populated (docs/PERFORMANCE.md). The kernel uses them
    // for the 2 MiB-aligned part of the range.
    madvise(begin, length, MADV_HUGEPAGE);
    if (madvise(begin, length, MADV_POPULATE_WRITE) != 0) {
        // EINVAL: the kernel refused after all; stop asking. Anything else (memory
        // short right now) leaves those pages to be faulted in on first use.
        if (errno == EINVAL) enabled_ = false;
    } else {
        populated_total += length;
    }
    populated_end = end;
#endif
}

}  // namespace kafkalab::sim
