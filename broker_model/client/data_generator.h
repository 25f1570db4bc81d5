#pragma once
// Record values for simulated producers: what a producer sends, not when (see
// send_schedule.h). Every generator is a pure function of (sequence number, simulated
// time, random stream), so a run replays byte for byte from its seed.
//
// Names a scenario can use:
//   fake-user-registration   {"name":"Mira Holt","address":"12 Larch Lane, Eastwick",
//                             "email":"mira.holt@example.com","created_at":"2024-01-01T00:00:03.000Z"}
//                            like the Faker-based producer of the beginner's notes
//   sequence                 "message-000042": the record's sequence number, so a
//                            reader can spot gaps, duplicates and reordering by eye
//   fixed:<text>             the same text every time
//   random-bytes:<size>      <size> random characters (letters and digits, so traces
//                            stay printable); for exercising batch.size and
//                            max.request.size with realistic sizes
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sim/random.h"
#include "sim/time.h"

namespace kafkalab::kafka {

class ValueGenerator {
public:
    virtual ~ValueGenerator() = default;
    /// The value of record number `sequence` (0 for a producer's first record), sent at `now`.
    virtual std::string generate(std::uint64_t sequence, sim::Time now, sim::RandomStream& random) = 0;
    /// The same value, as a view valid until the next call: into the generator itself,
    /// or into `scratch`, whose capacity is reused. A steady workload then allocates
    /// nothing per record (the producer copies the bytes into its batch anyway).
    virtual std::string_view generate_view(std::uint64_t sequence, sim::Time now, sim::RandomStream& random,
                                           std::string& scratch) {
        scratch = generate(sequence, now, random);
        return scratch;
    }
};

/// The largest random-bytes payload accepted: far above max.request.size (1 MiB), so a
/// lesson can show a RecordTooLargeException, yet bounded.
constexpr std::size_t max_random_payload_bytes = 64 * 1024 * 1024;

/// "2024-01-01T00:00:03.250Z": simulated time as a UTC timestamp counted from the fixed
/// epoch 2024-01-01T00:00:00Z, in milliseconds (sub-millisecond time is truncated).
/// Requires now >= time zero.
std::string format_iso8601(sim::Time now);

/// The generator for a name (list above). Throws std::invalid_argument with the accepted
/// names for an unknown one, and with the reason for a malformed size.
std::unique_ptr<ValueGenerator> make_value_generator(std::string_view name);

}  // namespace kafkalab::kafka
