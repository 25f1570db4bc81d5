#pragma once
// The metadata a partitioner sees for a topic whose partitions all have a leader.
#include <cstdint>

#include "broker_model/client/partitioner.h"

namespace kafkalab::kafka::testing {

inline TopicMetadataView all_available(std::int32_t partitions) {
    TopicMetadataView view{partitions, {}};
    for (std::int32_t p = 0; p < partitions; ++p) view.available_partitions.push_back(p);
    return view;
}

}  // namespace kafkalab::kafka::testing
