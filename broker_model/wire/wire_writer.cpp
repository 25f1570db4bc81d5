#include "broker_model/wire/wire_writer.h"

namespace kafkalab::kafka::wire {

namespace {

template <class T>
void append_big_endian(std::string& buffer, T value) {
    const auto bits = static_cast<std::uint64_t>(value);
    for (int shift = static_cast<int>(sizeof(T) * 8) - 8; shift >= 0; shift -= 8) {
        buffer.push_back(static_cast<char>((bits >> shift) & 0xff));
    }
}

}  // namespace

void WireWriter::int16(std::int16_t value) { append_big_endian(buffer_, static_cast<std::uint16_t>(value)); }
void WireWriter::int32(std::int32_t value) { append_big_endian(buffer_, static_cast<std::uint32_t>(value)); }
void WireWriter::uint32(std::uint32_t value) { append_big_endian(buffer_, value); }
void WireWriter::int64(std::int64_t value) { append_big_endian(buffer_, static_cast<std::uint64_t>(value)); }

void WireWriter::unsigned_varint(std::uint32_t value) {
    while (value >= 0x80) {
        buffer_.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    buffer_.push_back(static_cast<char>(value));
}

void WireWriter::varint(std::int32_t value) {
    const auto bits = static_cast<std::uint32_t>(value);
    unsigned_varint((bits << 1) ^ static_cast<std::uint32_t>(value >> 31));
}

void WireWriter::varlong(std::int64_t value) {
    const auto bits = static_cast<std::uint64_t>(value);
    std::uint64_t zigzag = (bits << 1) ^ static_cast<std::uint64_t>(value >> 63);
    while (zigzag >= 0x80) {
        buffer_.push_back(static_cast<char>((zigzag & 0x7f) | 0x80));
        zigzag >>= 7;
    }
    buffer_.push_back(static_cast<char>(zigzag));
}

void WireWriter::string(std::string_view value, bool compact) {
    if (compact) {
        unsigned_varint(static_cast<std::uint32_t>(value.size() + 1));
    } else {
        int16(static_cast<std::int16_t>(value.size()));
    }
    buffer_.append(value);
}

void WireWriter::nullable_string(const std::optional<std::string>& value, bool compact) {
    if (value) return string(*value, compact);
    if (compact) {
        unsigned_varint(0);
    } else {
        int16(-1);
    }
}

void WireWriter::bytes(std::string_view value, bool compact) {
    if (compact) {
        unsigned_varint(static_cast<std::uint32_t>(value.size() + 1));
    } else {
        int32(static_cast<std::int32_t>(value.size()));
    }
    buffer_.append(value);
}

void WireWriter::nullable_bytes(std::optional<std::string_view> value, bool compact) {
    if (value) return bytes(*value, compact);
    if (compact) {
        unsigned_varint(0);
    } else {
        int32(-1);
    }
}

void WireWriter::array_length(std::int32_t count, bool compact) {
    if (compact) {
        unsigned_varint(static_cast<std::uint32_t>(count + 1));
    } else {
        int32(count);
    }
}

void WireWriter::put_int32_at(std::size_t offset, std::int32_t value) {
    const auto bits = static_cast<std::uint32_t>(value);
    for (int i = 0; i < 4; ++i) buffer_[offset + static_cast<std::size_t>(i)] = static_cast<char>(bits >> (24 - 8 * i));
}

std::size_t unsigned_varint_size(std::uint32_t value) {
    std::size_t size = 1;
    while (value >= 0x80) {
        value >>= 7;
        ++size;
    }
    return size;
}

}  // namespace kafkalab::kafka::wire
