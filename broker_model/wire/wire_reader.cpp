#include "broker_model/wire/wire_reader.h"

#include <fmt/format.h>

namespace kafkalab::kafka::wire {

namespace {

template <class T>
T big_endian(std::string_view bytes) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) value = value << 8 | static_cast<unsigned char>(bytes[i]);
    return static_cast<T>(value);
}

}  // namespace

void WireReader::need(std::size_t count, const char* what) const {
    if (remaining() < count) {
        throw MalformedFrame(fmt::format("truncated {} at byte {}: {} bytes needed, {} left", what, position_,
                                         count, remaining()));
    }
}

std::int8_t WireReader::int8() {
    need(1, "int8");
    return static_cast<std::int8_t>(bytes_[position_++]);
}

std::int16_t WireReader::int16() {
    need(2, "int16");
    const auto value = big_endian<std::int16_t>(bytes_.substr(position_));
    position_ += 2;
    return value;
}

std::int32_t WireReader::int32() {
    need(4, "int32");
    const auto value = big_endian<std::int32_t>(bytes_.substr(position_));
    position_ += 4;
    return value;
}

std::uint32_t WireReader::uint32() { return static_cast<std::uint32_t>(int32()); }

std::int64_t WireReader::int64() {
    need(8, "int64");
    const auto value = big_endian<std::int64_t>(bytes_.substr(position_));
    position_ += 8;
    return value;
}

std::uint32_t WireReader::unsigned_varint() {
    std::uint32_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        need(1, "varint");
        const auto byte = static_cast<unsigned char>(bytes_[position_++]);
        value |= static_cast<std::uint32_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) return value;
    }
    throw MalformedFrame(fmt::format("varint longer than 5 bytes at byte {}", position_));
}

std::int32_t WireReader::varint() {
    const std::uint32_t raw = unsigned_varint();
    return static_cast<std::int32_t>((raw >> 1) ^ (~(raw & 1) + 1));
}

std::int64_t WireReader::varlong() {
    std::uint64_t raw = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        need(1, "varlong");
        const auto byte = static_cast<unsigned char>(bytes_[position_++]);
        raw |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) return static_cast<std::int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
    }
    throw MalformedFrame(fmt::format("varlong longer than 10 bytes at byte {}", position_));
}

std::int32_t WireReader::length(bool compact, LengthWidth width, const char* what) {
    if (!compact) return width == LengthWidth::int16 ? int16() : int32();
    const std::uint32_t encoded = unsigned_varint();
    if (encoded > 0x7fffffffU) throw MalformedFrame(fmt::format("{} length {} too large", what, encoded));
    return static_cast<std::int32_t>(encoded) - 1;  // 0 encodes null
}

std::optional<std::string> WireReader::nullable_string(bool compact) {
    const std::int32_t size = length(compact, LengthWidth::int16, "string");
    if (size < 0) return std::nullopt;
    return std::string(raw(static_cast<std::size_t>(size)));
}

std::string WireReader::string(bool compact) {
    const std::size_t at = position_;
    auto value = nullable_string(compact);
    if (!value) throw MalformedFrame(fmt::format("null string at byte {} where one is required", at));
    return std::move(*value);
}

std::optional<std::string_view> WireReader::nullable_bytes(bool compact) {
    const std::int32_t size = length(compact, LengthWidth::int32, "bytes");
    if (size < 0) return std::nullopt;
    return raw(static_cast<std::size_t>(size));
}

std::string_view WireReader::bytes(bool compact) {
    const std::size_t at = position_;
    auto value = nullable_bytes(compact);
    if (!value) throw MalformedFrame(fmt::format("null bytes at byte {} where they are required", at));
    return *value;
}

std::int32_t WireReader::array_length(bool compact, bool nullable) {
    const std::size_t at = position_;
    const std::int32_t count = length(compact, LengthWidth::int32, "array");
    if (count < -1 || (count == -1 && !nullable)) {
        throw MalformedFrame(fmt::format("array length {} at byte {}", count, at));
    }
    // Each element takes at least one byte: a count beyond the bytes left is a lie,
    // and trusting it would reserve gigabytes.
    if (count > 0 && static_cast<std::size_t>(count) > remaining()) {
        throw MalformedFrame(fmt::format("array of {} elements at byte {} with {} bytes left", count, at,
                                         remaining()));
    }
    return count;
}

void WireReader::skip_tagged_fields() {
    const std::uint32_t count = unsigned_varint();
    for (std::uint32_t i = 0; i < count; ++i) {
        unsigned_varint();  // tag
        raw(unsigned_varint());
    }
}

std::string_view WireReader::raw(std::size_t count) {
    need(count, "bytes");
    const auto view = bytes_.substr(position_, count);
    position_ += count;
    return view;
}

void WireReader::expect_end(const char* what) const {
    if (remaining() != 0) {
        throw MalformedFrame(fmt::format("{} has {} bytes after its last field", what, remaining()));
    }
}

}  // namespace kafkalab::kafka::wire
