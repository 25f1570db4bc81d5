#include "broker_model/client/group_coordinator_partition.h"

#include <cassert>

#include "broker_model/client/java_hash.h"

namespace kafkalab::kafka {

std::int32_t coordinator_partition(std::string_view group_id, std::int32_t offsets_topic_partitions) {
    assert(offsets_topic_partitions > 0);
    return kafka_abs(java_string_hash(group_id)) % offsets_topic_partitions;
}

}  // namespace kafkalab::kafka
