#pragma once
// Writes Kafka's wire types into a growing buffer (see wire_reader.h for the types).
// Lengths that are only known afterwards (a frame's size, a record batch's length
// and CRC) are reserved first and filled in with put_int32_at().
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kafkalab::kafka::wire {

class WireWriter {
public:
    void int8(std::int8_t value) { buffer_.push_back(static_cast<char>(value)); }
    void int16(std::int16_t value);
    void int32(std::int32_t value);
    void int64(std::int64_t value);
    void uint32(std::uint32_t value);
    void boolean(bool value) { int8(value ? 1 : 0); }
    void varint(std::int32_t value);
    void varlong(std::int64_t value);
    void unsigned_varint(std::uint32_t value);

    void string(std::string_view value, bool compact = false);
    void nullable_string(const std::optional<std::string>& value, bool compact = false);
    void bytes(std::string_view value, bool compact = false);
    void nullable_bytes(std::optional<std::string_view> value, bool compact = false);
    /// An array's element count (-1 for null), compact or not.
    void array_length(std::int32_t count, bool compact = false);
    /// An empty tagged-field section: this server never writes tagged fields.
    void empty_tagged_fields() { unsigned_varint(0); }

    void raw(std::string_view bytes) { buffer_.append(bytes); }
    /// Overwrites 4 bytes written earlier, at `offset` from the buffer's start.
    void put_int32_at(std::size_t offset, std::int32_t value);

    std::size_t size() const { return buffer_.size(); }
    const std::string& buffer() const { return buffer_; }
    std::string take() { return std::move(buffer_); }

private:
    std::string buffer_;
};

/// Bytes an unsigned varint of `value` takes (1 to 5).
std::size_t unsigned_varint_size(std::uint32_t value);

}  // namespace kafkalab::kafka::wire
