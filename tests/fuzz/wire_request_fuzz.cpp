// libFuzzer harness for the wire codec, the parser of what real clients' sockets
// deliver: any bytes taken as one request frame must parse or be refused with
// MalformedFrame or UnsupportedRequest; never a crash, a hang or a read out of bounds.
// Seeds: real clients' requests, written by tests/fuzz/wire_seeds.py.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "broker_model/wire/api_versions_codec.h"
#include "broker_model/wire/codec.h"
#include "broker_model/wire/crc32c.h"
#include "broker_model/wire/record_batch.h"

using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;

namespace {

/// The record batches inside a Produce request sit behind a CRC the fuzzer cannot
/// guess, so the bytes are also read as one batch whose CRC is made to match.
void decode_as_batch(std::string_view bytes) {
    constexpr std::size_t crc_at = 17, crc_end = 21;
    std::string batch(bytes);
    if (batch.size() >= crc_end) {
        const std::uint32_t crc = crc32c(std::string_view(batch).substr(crc_end));
        for (std::size_t i = 0; i < 4; ++i) batch[crc_at + i] = static_cast<char>(crc >> (24 - 8 * i));
    }
    try {
        decode_record_batches(batch);
    } catch (const MalformedFrame&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view frame(reinterpret_cast<const char*>(data), size);
    RecordId next_id = 1;
    DecodeContext context;
    context.record_id = [&](const TopicPartition&, std::optional<std::string_view>, std::string_view, std::int64_t) {
        return next_id++;
    };
    context.client_host = "/127.0.0.1";
    try {
        const ParsedRequest parsed = parse_request(frame, context);
        if (parsed.is_api_versions()) api_versions_response_frame(parsed.header);
    } catch (const MalformedFrame&) {
    } catch (const UnsupportedRequest&) {
    }
    decode_as_batch(frame);
    return 0;
}
