#pragma once
// One machine-readable line per measured figure, which bench/run gathers into its
// table:  result <TAB> workload <TAB> system <TAB> value <TAB> unit <TAB> peak RSS MiB
// Every benchmark program, ours and the peers', prints its figures this way.
#include <sys/resource.h>

#include <cstdio>
#include <string>

namespace kafkalab::bench {

/// The process's peak resident set so far, in MiB.
inline double peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

inline void print_result(const std::string& workload, const std::string& system, double value,
                         const std::string& unit) {
    std::printf("result\t%s\t%s\t%.6g\t%s\t%.1f\n", workload.c_str(), system.c_str(), value, unit.c_str(),
                peak_rss_mib());
    std::fflush(stdout);
}

}  // namespace kafkalab::bench
