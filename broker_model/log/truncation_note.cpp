#include "broker_model/log/truncation_note.h"

#include <charconv>

#include <fmt/format.h>

namespace kafkalab::kafka {

namespace {

constexpr TruncationCause all_causes[] = {TruncationCause::leader_epoch, TruncationCause::high_watermark,
                                          TruncationCause::power_loss};

/// Takes `prefix` off the front of `text`; false when it is not there.
bool consume(std::string_view& text, std::string_view prefix) {
    if (text.substr(0, prefix.size()) != prefix) return false;
    text.remove_prefix(prefix.size());
    return true;
}

/// The text up to `separator`, taken off together with it.
std::optional<std::string_view> consume_until(std::string_view& text, std::string_view separator) {
    auto at = text.find(separator);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view before = text.substr(0, at);
    text.remove_prefix(at + separator.size());
    return before;
}

std::optional<std::int64_t> consume_number(std::string_view& text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{}) return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    return value;
}

/// "orders-0": the partition number follows the last dash (topic names may hold dashes).
std::optional<TopicPartition> parse_partition(std::string_view text) {
    auto dash = text.rfind('-');
    if (dash == std::string_view::npos || dash == 0) return std::nullopt;
    std::string_view number = text.substr(dash + 1);
    std::int32_t partition = 0;
    auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), partition);
    if (error != std::errc{} || end != number.data() + number.size()) return std::nullopt;
    return TopicPartition{std::string(text.substr(0, dash)), partition};
}

}  // namespace

const char* describe(TruncationCause cause) {
    switch (cause) {
        case TruncationCause::leader_epoch: return "follower truncation after a leader change (KIP-279)";
        case TruncationCause::high_watermark: return "follower truncation to its high watermark (before KIP-101)";
        case TruncationCause::power_loss: return "power loss: the unflushed tail never reached the disk";
    }
    return "?";
}

std::string TruncationNote::to_summary() const {
    const std::int64_t last = old_log_end_offset.value - 1;
    std::string offsets = removed_count() == 1 ? fmt::format("offset {}", last)
                                               : fmt::format("offsets {}..{}", removed_from.value, last);
    return fmt::format("{} on {}: {} removed (log end {} \u2192 {}), {}", partition.to_string(), broker, offsets,
                       old_log_end_offset.value, removed_from.value, describe(cause));
}

std::optional<TruncationNote> TruncationNote::parse(std::string_view summary) {
    TruncationNote note;
    auto partition = consume_until(summary, " on ");
    auto broker = consume_until(summary, ": ");
    if (!partition || !broker) return std::nullopt;
    auto tp = parse_partition(*partition);
    if (!tp) return std::nullopt;
    note.partition = std::move(*tp);
    note.broker = std::string(*broker);
    const bool several = consume(summary, "offsets ");
    if (!several && !consume(summary, "offset ")) return std::nullopt;
    if (!consume_number(summary)) return std::nullopt;
    if (several && (!consume(summary, "..") || !consume_number(summary))) return std::nullopt;
    if (!consume(summary, " removed (log end ")) return std::nullopt;
    auto old_end = consume_number(summary);
    if (!old_end || !consume(summary, " \u2192 ")) return std::nullopt;
    auto new_end = consume_number(summary);
    if (!new_end || !consume(summary, "), ") || *new_end >= *old_end) return std::nullopt;
    note.old_log_end_offset = Offset{*old_end};
    note.removed_from = Offset{*new_end};
    for (TruncationCause cause : all_causes) {
        if (summary == describe(cause)) {
            note.cause = cause;
            return note;
        }
    }
    return std::nullopt;
}

}  // namespace kafkalab::kafka
