#pragma once
// How much memory a run may take on this machine, and the check `validate` and `run`
// make before a run starts: the scenario's estimated peak (resource_estimate.h)
// against the smallest of the machine's physical memory, the cgroup's memory.max (a
// container's limit) and the process's RLIMIT_AS and RLIMIT_DATA (ulimit -v, -d).
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "scenarios/spec/resource_estimate.h"

namespace kafkalab::cli {

/// The memory this process may use, in bytes, and what sets it ("this machine's
/// memory", "the cgroup's memory.max", "ulimit -v").
struct MemoryBudget {
    double bytes = std::numeric_limits<double>::infinity();
    std::string source = "this machine's memory";
};

inline MemoryBudget memory_budget() {
    MemoryBudget budget;
    auto lower = [&budget](double bytes, const char* source) {
        if (bytes > 0 && bytes < budget.bytes) budget = MemoryBudget{bytes, source};
    };
    std::ifstream meminfo("/proc/meminfo");
    for (std::string key; meminfo >> key;) {
        double kib = 0;
        meminfo >> kib;
        if (key == "MemTotal:") {
            lower(kib * 1024, "this machine's memory");
            break;
        }
        meminfo.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    }
    std::ifstream cgroup("/sys/fs/cgroup/memory.max");
    std::string limit;
    if (cgroup >> limit && limit != "max") lower(std::stod(limit), "the cgroup's memory.max");
    rlimit r{};
    if (getrlimit(RLIMIT_AS, &r) == 0 && r.rlim_cur != RLIM_INFINITY) lower(static_cast<double>(r.rlim_cur), "ulimit -v");
    if (getrlimit(RLIMIT_DATA, &r) == 0 && r.rlim_cur != RLIM_INFINITY) lower(static_cast<double>(r.rlim_cur), "ulimit -d");
    return budget;
}

/// Whether a run of the scenario fits: prints the refusal (or, with `force`, the
/// warning) on standard error, naming the part that costs most. True: go on.
inline bool fits_in_memory(const std::string& path, const scenarios::ResourceEstimate& estimate, bool force) {
    const MemoryBudget budget = memory_budget();
    if (estimate.memory_bytes <= budget.bytes) return true;
    const auto& part = estimate.costliest();
    std::cerr << fmt::format("kafkalab: {}: {}: a run needs about {} of memory, more than {} ({}); {} cost the most: "
                             "{:.4g} x {}, about {}. Make it smaller{}\n",
                             path, force ? "warning" : "error", scenarios::format_bytes(estimate.memory_bytes),
                             budget.source, scenarios::format_bytes(budget.bytes), part.name, part.count, part.what,
                             scenarios::format_bytes(part.bytes),
                             force ? " (--force: going on anyway)" : ", or give --force to go on anyway");
    return force;
}

}  // namespace kafkalab::cli
