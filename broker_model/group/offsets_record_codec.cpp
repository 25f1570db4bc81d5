#include "broker_model/group/offsets_record_codec.h"

#include <charconv>

namespace kafkalab::kafka {

namespace {

class FieldWriter {
public:
    FieldWriter& add(std::string_view field) {
        if (!first_) out_ += '|';
        first_ = false;
        for (char c : field) {
            if (c == '|' || c == '\\') out_ += '\\';
            out_ += c;
        }
        return *this;
    }
    FieldWriter& add(std::int64_t number) { return add(std::to_string(number)); }
    FieldWriter& add(const TopicPartition& tp) { return add(tp.to_string()); }
    FieldWriter& add(const std::vector<std::string>& list) {
        add(static_cast<std::int64_t>(list.size()));
        for (const auto& item : list) add(item);
        return *this;
    }
    FieldWriter& add(const std::vector<TopicPartition>& list) {
        add(static_cast<std::int64_t>(list.size()));
        for (const auto& tp : list) add(tp);
        return *this;
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
    bool first_ = true;
};

/// Reads fields in order; any malformed field makes the reader fail for good, so a
/// caller checks ok() once at the end.
class FieldReader {
public:
    explicit FieldReader(std::string_view text) : text_(text) {}

    std::string text() {
        if (position_ > text_.size()) {
            ok_ = false;
            return {};
        }
        std::string field;
        while (position_ < text_.size() && text_[position_] != '|') {
            if (text_[position_] == '\\' && position_ + 1 < text_.size()) ++position_;
            field += text_[position_++];
        }
        ++position_;  // past the separator, or past the end after the last field
        return field;
    }
    std::int64_t number() {
        std::string field = text();
        std::int64_t value = 0;
        auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
        if (error != std::errc{} || end != field.data() + field.size() || field.empty()) ok_ = false;
        return value;
    }
    TopicPartition partition() {
        std::string field = text();
        auto dash = field.rfind('-');
        if (dash == std::string::npos) {
            ok_ = false;
            return {};
        }
        FieldReader digits(std::string_view(field).substr(dash + 1));
        TopicPartition tp{field.substr(0, dash), static_cast<std::int32_t>(digits.number())};
        if (!digits.ok()) ok_ = false;
        return tp;
    }
    std::size_t count() {
        std::int64_t n = number();
        // A bound on every list: a corrupt count must not make us allocate the world.
        if (n < 0 || n > 1'000'000) {
            ok_ = false;
            return 0;
        }
        return static_cast<std::size_t>(n);
    }
    std::vector<std::string> texts() {
        std::vector<std::string> list(count());
        for (auto& item : list) item = text();
        return list;
    }
    std::vector<TopicPartition> partitions() {
        std::vector<TopicPartition> list(count());
        for (auto& item : list) item = partition();
        return list;
    }
    bool ok() const { return ok_; }
    bool at_end() const { return position_ >= text_.size(); }

private:
    std::string_view text_;
    std::size_t position_ = 0;
    bool ok_ = true;
};

void write_member(FieldWriter& out, const MemberRecord& member) {
    out.add(member.member_id).add(member.client_id).add(member.client_host);
    out.add(member.rebalance_timeout_ms).add(member.session_timeout_ms);
    out.add(member.subscription.topics).add(member.subscription.owned_partitions);
    out.add(member.subscription.generation).add(member.assignment);
}

MemberRecord read_member(FieldReader& in, const std::string& protocol_name) {
    MemberRecord member;
    member.member_id = in.text();
    member.client_id = in.text();
    member.client_host = in.text();
    member.rebalance_timeout_ms = static_cast<std::int32_t>(in.number());
    member.session_timeout_ms = static_cast<std::int32_t>(in.number());
    member.subscription.name = protocol_name;
    member.subscription.topics = in.texts();
    member.subscription.owned_partitions = in.partitions();
    member.subscription.generation = static_cast<std::int32_t>(in.number());
    member.assignment = in.partitions();
    return member;
}

}  // namespace

std::string encode_key(const OffsetCommitKey& key) {
    return FieldWriter().add("offset").add(key.group_id).add(key.partition.topic).add(key.partition.partition).take();
}

std::string encode_key(const GroupMetadataKey& key) { return FieldWriter().add("group").add(key.group_id).take(); }

std::string encode_value(const OffsetCommitValue& value) {
    return FieldWriter().add(value.offset.value).add(value.metadata).add(value.commit_timestamp_ms).take();
}

std::string encode_value(const GroupMetadataValue& value) {
    FieldWriter out;
    out.add(value.protocol_type).add(value.generation.value).add(value.protocol_name).add(value.leader);
    out.add(value.state_timestamp_ms).add(static_cast<std::int64_t>(value.members.size()));
    for (const auto& member : value.members) write_member(out, member);
    return out.take();
}

OffsetsRecordKey decode_key(std::string_view key) {
    FieldReader in(key);
    std::string kind = in.text();
    if (kind == "offset") {
        OffsetCommitKey decoded;
        decoded.group_id = in.text();
        decoded.partition.topic = in.text();
        decoded.partition.partition = static_cast<std::int32_t>(in.number());
        if (in.ok() && in.at_end()) return decoded;
    } else if (kind == "group") {
        GroupMetadataKey decoded{in.text()};
        if (in.ok() && in.at_end()) return decoded;
    }
    return std::monostate{};
}

std::optional<OffsetCommitValue> decode_offset_commit_value(std::string_view value) {
    FieldReader in(value);
    OffsetCommitValue decoded;
    decoded.offset = Offset{in.number()};
    decoded.metadata = in.text();
    decoded.commit_timestamp_ms = in.number();
    if (!in.ok() || !in.at_end()) return std::nullopt;
    return decoded;
}

std::optional<GroupMetadataValue> decode_group_metadata_value(std::string_view value) {
    FieldReader in(value);
    GroupMetadataValue decoded;
    decoded.protocol_type = in.text();
    decoded.generation = Generation{static_cast<std::int32_t>(in.number())};
    decoded.protocol_name = in.text();
    decoded.leader = in.text();
    decoded.state_timestamp_ms = in.number();
    std::size_t members = in.count();
    for (std::size_t i = 0; i < members && in.ok(); ++i) decoded.members.push_back(read_member(in, decoded.protocol_name));
    if (!in.ok() || !in.at_end()) return std::nullopt;
    return decoded;
}

}  // namespace kafkalab::kafka
