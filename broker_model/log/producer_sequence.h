#pragma once
// Sequence numbers of the idempotent producer (KIP-98). A producer numbers its records
// per partition from 0; the number is an int32 that wraps from INT32_MAX back to 0
// (never to a negative number, since -1 means "no sequence").
#include <cstdint>
#include <limits>

namespace kafkalab::kafka {

/// Kafka's RecordBatch.NO_SEQUENCE: the batch does not come from an idempotent producer.
constexpr std::int32_t no_sequence = -1;

/// `sequence` advanced by `increment` records, wrapping past INT32_MAX to 0, like
/// Kafka's DefaultRecordBatch.incrementSequence. Precondition: sequence >= 0, increment >= 0.
constexpr std::int32_t increment_sequence(std::int32_t sequence, std::int64_t increment) {
    constexpr std::int64_t period = std::int64_t{std::numeric_limits<std::int32_t>::max()} + 1;
    return static_cast<std::int32_t>((std::int64_t{sequence} + increment) % period);
}

/// Whether `next` directly follows `last` (ProducerAppendInfo.inSequence): last + 1, or
/// 0 after INT32_MAX.
constexpr bool is_next_sequence(std::int32_t last, std::int32_t next) {
    return std::int64_t{next} == std::int64_t{last} + 1 ||
           (next == 0 && last == std::numeric_limits<std::int32_t>::max());
}

}  // namespace kafkalab::kafka
