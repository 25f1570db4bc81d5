#pragma once
// Reads Kafka's wire types from a received frame, big-endian as Kafka writes them:
// fixed-width integers, zig-zag varints, strings and byte arrays with int16/int32
// lengths, and their "compact" forms (unsigned varint length + 1) that flexible
// versions use, with tagged fields after each structure (KIP-482).
//
// Every read checks the bytes left: a truncated or lying frame throws
// MalformedFrame naming what was being read and where, never reads past the end.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kafkalab::kafka::wire {

/// A frame that does not parse: truncated, a negative length where none is allowed,
/// a varint of more than 5 (10) bytes, or bytes left over.
class MalformedFrame : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class WireReader {
public:
    explicit WireReader(std::string_view bytes) : bytes_(bytes) {}

    std::int8_t int8();
    std::int16_t int16();
    std::int32_t int32();
    std::int64_t int64();
    std::uint32_t uint32();
    bool boolean() { return int8() != 0; }
    /// Zig-zag varints (record fields).
    std::int32_t varint();
    std::int64_t varlong();
    /// Plain unsigned varint (compact lengths, tag numbers).
    std::uint32_t unsigned_varint();

    /// STRING / COMPACT_STRING when `compact`; a null here is malformed.
    std::string string(bool compact = false);
    std::optional<std::string> nullable_string(bool compact = false);
    /// BYTES / COMPACT_BYTES, viewing the frame.
    std::string_view bytes(bool compact = false);
    std::optional<std::string_view> nullable_bytes(bool compact = false);
    /// An array's element count; -1 (null) only where `nullable`.
    std::int32_t array_length(bool compact = false, bool nullable = false);
    /// Skips a tagged-field section: none of the fields this server reads are tagged.
    void skip_tagged_fields();

    /// `count` raw bytes, viewing the frame.
    std::string_view raw(std::size_t count);
    std::size_t remaining() const { return bytes_.size() - position_; }
    std::size_t position() const { return position_; }
    /// Throws if bytes are left: a request longer than its fields is malformed.
    void expect_end(const char* what) const;

private:
    void need(std::size_t count, const char* what) const;
    /// Strings carry an int16 length, bytes and arrays an int32 one, outside compact form.
    enum class LengthWidth { int16, int32 };
    std::int32_t length(bool compact, LengthWidth width, const char* what);

    std::string_view bytes_;
    std::size_t position_ = 0;
};

}  // namespace kafkalab::kafka::wire
