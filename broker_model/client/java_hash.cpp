#include "broker_model/client/java_hash.h"

#include <algorithm>
#include <numeric>

namespace kafkalab::kafka {
namespace {

constexpr char32_t replacement_character = 0xFFFD;

/// Decodes one UTF-8 sequence starting at `pos` and advances past it. A malformed or
/// truncated sequence yields U+FFFD and consumes one byte, so decoding always progresses.
char32_t decode_utf8(std::string_view text, std::size_t& pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    int continuation = 0;
    char32_t code_point = 0;
    if (lead < 0x80) {
        ++pos;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        continuation = 1;
        code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        continuation = 2;
        code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        continuation = 3;
        code_point = lead & 0x07;
    } else {
        ++pos;
        return replacement_character;
    }
    if (pos + continuation >= text.size()) {
        ++pos;
        return replacement_character;
    }
    for (int i = 1; i <= continuation; ++i) {
        const auto byte = static_cast<unsigned char>(text[pos + i]);
        if ((byte & 0xC0) != 0x80) {
            ++pos;
            return replacement_character;
        }
        code_point = (code_point << 6) | (byte & 0x3F);
    }
    pos += continuation + 1;
    if (code_point > 0x10FFFF) return replacement_character;
    return code_point;
}

}  // namespace

std::int32_t java_string_hash(std::string_view utf8) {
    std::uint32_t hash = 0;
    const auto add_unit = [&hash](std::uint32_t unit) { hash = hash * 31 + unit; };
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const char32_t code_point = decode_utf8(utf8, pos);
        if (code_point > 0xFFFF) {
            // Java stores a supplementary character as a high and a low surrogate.
            const std::uint32_t offset = code_point - 0x10000;
            add_unit(0xD800 + (offset >> 10));
            add_unit(0xDC00 + (offset & 0x3FF));
        } else {
            add_unit(code_point);
        }
    }
    return static_cast<std::int32_t>(hash);
}

std::int32_t java_topic_partition_hash(std::string_view topic, std::int32_t partition) {
    const std::uint32_t result = 31u + static_cast<std::uint32_t>(partition);
    return static_cast<std::int32_t>(31u * result + static_cast<std::uint32_t>(java_string_hash(topic)));
}

std::size_t java_hash_map_capacity(std::size_t max_size) {
    // The table starts at 16 buckets and doubles whenever the size exceeds 3/4 of it.
    std::size_t capacity = 16;
    while (max_size * 4 > capacity * 3) capacity *= 2;
    return capacity;
}

std::size_t java_hash_map_bucket(std::int32_t hash_code, std::size_t capacity) {
    const auto h = static_cast<std::uint32_t>(hash_code);
    return static_cast<std::size_t>(h ^ (h >> 16)) & (capacity - 1);
}

std::vector<std::string> java_hash_map_order(const std::vector<std::string>& keys_in_insertion_order) {
    const std::size_t capacity = java_hash_map_capacity(keys_in_insertion_order.size());
    std::vector<std::size_t> positions(keys_in_insertion_order.size());
    std::iota(positions.begin(), positions.end(), std::size_t{0});
    std::vector<std::size_t> buckets;
    buckets.reserve(positions.size());
    for (const auto& key : keys_in_insertion_order) buckets.push_back(java_hash_map_bucket(java_string_hash(key), capacity));
    // A resize splits each bucket in two while keeping the relative order of its entries,
    // so the final order is (bucket, insertion position): a stable sort by bucket.
    std::stable_sort(positions.begin(), positions.end(),
                     [&](std::size_t a, std::size_t b) { return buckets[a] < buckets[b]; });
    std::vector<std::string> ordered;
    ordered.reserve(positions.size());
    for (std::size_t position : positions) ordered.push_back(keys_in_insertion_order[position]);
    return ordered;
}

}  // namespace kafkalab::kafka
