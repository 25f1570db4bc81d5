#pragma once
// Faults the process's heap in ahead of use, in bulk, in huge pages.
//
// Why: a simulation keeps what it logs (every record, every send), so a long run keeps
// asking the kernel for fresh memory, and on a virtual machine the first write to each
// new page can cost more than the simulation's own work (docs/PERFORMANCE.md, "Fresh
// memory": 0.1–0.5 GB/s measured on a 2-core VM). Asking the kernel to populate a whole
// range at once (madvise MADV_POPULATE_WRITE, Linux 5.14) in transparent huge pages
// costs a fraction of that.
//
// Once enabled, glibc's malloc grows its heap in large steps (M_TOP_PAD) and serves
// blocks up to 32 MiB from the heap too (M_MMAP_THRESHOLD), and poll(), which the
// scheduler calls every 64 events, populates whatever the heap grew by since the last
// call. What the program computes does not change, only when its pages are faulted in.
// The price: up to one growth step of populated but still unused heap.
//
// Threads may share it (a sweep runs seeds in parallel): one populates at a time, and
// the others go on without waiting.
//
// Huge pages need asking before the first write: memory the program writes between the
// heap's growth and the next poll() stays in 4 KiB pages. glibc's malloc asks at growth
// when told to at startup (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), so a program's main()
// calls enable_for_program(argv), which runs the program once more with that setting
// unless the environment already says how. At 1,000 brokers the difference is 2.6×
// in wall time (docs/PERFORMANCE.md, "Huge pages").
//
// Only with glibc's own malloc on Linux: under AddressSanitizer, or on a kernel without
// MADV_POPULATE_WRITE, enable() returns false and changes nothing. KAFKALAB_HEAP_POPULATE=0
// in the environment turns it off (for measuring what it buys).
#include <atomic>
#include <cstddef>

namespace kafkalab::sim {

class HeapPopulator {
public:
    static constexpr std::size_t default_growth_step = std::size_t{32} << 20;

    /// Turns it on for the whole process; true if it is on.
    static bool enable(std::size_t growth_step = default_growth_step);
    /// For main(), before anything else: rerun_with_huge_page_heap("/proc/self/exe",
    /// argv), then enable(). Returns only in the process that goes on.
    static bool enable_for_program(char** argv);
    /// Replaces the process with `program` run with `argv` and glibc.malloc.hugetlb=1
    /// added to GLIBC_TUNABLES, unless that already names glibc.malloc.hugetlb, the
    /// populator could not be enabled, LD_PRELOAD is set (a tool or another malloc), or
    /// exec fails: then it returns and changes nothing.
    static void rerun_with_huge_page_heap(const char* program, char** argv);
    static bool enabled() { return enabled_.load(std::memory_order_relaxed); }
    /// Populates the heap's growth since the last call. Cheap when nothing grew.
    static void poll() {
        if (enabled()) [[unlikely]]
            populate_growth();
    }
    /// Bytes populated so far.
    static std::size_t populated_bytes();

private:
    static void populate_growth();
    static inline std::atomic<bool> enabled_ = false;
};

}  // namespace kafkalab::sim
