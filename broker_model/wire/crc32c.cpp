#include "broker_model/wire/crc32c.h"

#include <boost/crc.hpp>

namespace kafkalab::kafka::wire {

std::uint32_t crc32c(std::string_view bytes) {
    // Polynomial 0x1EDC6F41, reflected, initial and final XOR all ones.
    boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true> crc;
    crc.process_bytes(bytes.data(), bytes.size());
    return crc.checksum();
}

}  // namespace kafkalab::kafka::wire
