#pragma once
// CRC-32C (Castagnoli), the checksum of a v2 record batch: it covers the batch from
// its attributes field to the end (DefaultRecordBatch).
#include <cstdint>
#include <string_view>

namespace kafkalab::kafka::wire {

std::uint32_t crc32c(std::string_view bytes);

}  // namespace kafkalab::kafka::wire
