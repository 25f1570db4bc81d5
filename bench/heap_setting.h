#pragma once
// The Kafka benchmarks run as `kafkalab run` does: with the heap in huge pages and
// populated in bulk where the platform allows (sim/heap_populator.h). Each says which
// way it ran, so a figure is never read without knowing.
#include <cstdio>
#include <cstdlib>

#include "sim/heap_populator.h"

namespace kafkalab::bench {

/// Call first in main(): it may run the program again with the same arguments.
inline void populate_heap_as_kafkalab_does(const char* program, char** argv) {
    const bool on = sim::HeapPopulator::enable_for_program(argv);
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    std::printf("%s: heap %s; GLIBC_TUNABLES=%s\n", program,
                on ? "populated in bulk ahead of use (KAFKALAB_HEAP_POPULATE=0 turns that off)"
                   : "faulted in page by page on first use",
                tunables ? tunables : "(unset)");
}

}  // namespace kafkalab::bench
