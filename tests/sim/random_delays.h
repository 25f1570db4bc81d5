#pragma once
// Delays for randomized queue and scheduler tests, from a mix of scales: ties,
// nanoseconds, microseconds, milliseconds and hours, so that entries land on every
// level of the event queue's buckets.
#include <cstdint>

#include "sim/random.h"

namespace kafkalab::sim {

inline std::int64_t mixed_scale_delay(RandomStream& random) {
    switch (random.below(6)) {
        case 0: return 0;
        case 1: return static_cast<std::int64_t>(random.below(16));
        case 2: return static_cast<std::int64_t>(random.below(100'000));
        case 3: return static_cast<std::int64_t>(random.below(1'000'000'000));
        case 4: return static_cast<std::int64_t>(random.below(std::uint64_t{3'600'000'000'000}) * 5);
        default: return static_cast<std::int64_t>(random.below(4)) << random.below(40);
    }
}

}  // namespace kafkalab::sim
