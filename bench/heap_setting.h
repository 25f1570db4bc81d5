#pragma once
// The Kafka benchmarks run as `kafkalab run` does: with the heap populated in bulk
// where the platform allows (sim/heap_populator.h). Each says which way it ran, so a
// figure is never read without knowing.
#include <cstdio>

#include "sim/heap_populator.h"

namespace kafkalab::bench {

inline void populate_heap_as_kafkalab_does(const char* program) {
    const bool on = sim::HeapPopulator::enable();
    std::printf("%s: heap %s\n", program,
                on ? "populated in bulk ahead of use (KAFKALAB_HEAP_POPULATE=0 turns that off)"
                   : "faulted in page by page on first use");
}

}  // namespace kafkalab::bench
