#pragma once
// The records the group coordinator writes to __consumer_offsets, as key and value
// strings in RecordData (Kafka writes versioned binary structs: OffsetCommitKey/Value
// and GroupMetadataKey/Value). A compacted topic keeps the last value per key, and a
// coordinator taking over a partition replays its log the same way: last write wins.
//
// Encoding: a record is a list of fields joined by '|'. Inside a field, '\' escapes
// '|' and '\' (group ids and metadata strings may hold anything; topic names cannot
// hold either). Numbers are decimal. A partition is written "topic-3". A list is its
// length, then its elements as fields. So the log stays readable in the viewer:
//
//   key   offset|analytics|payments|0            value  42||1700000000123
//         offset|<group>|<topic>|<partition>            <offset>|<metadata>|<commit timestamp ms>
//
//   key   group|analytics
//   value consumer|3|range|c1-9f..|1700000000100|2|<member>|<member>
//         <protocol type>|<generation>|<protocol>|<leader>|<state timestamp ms>|<member count>|members...
//   member  <member id>|<client id>|<client host>|<rebalance timeout ms>|<session timeout ms>|
//           <subscribed topics: list>|<owned partitions: list>|<subscription generation>|<assignment: list>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/protocol/group_requests.h"

namespace kafkalab::kafka {

struct OffsetCommitKey {
    std::string group_id;
    TopicPartition partition;
};

struct OffsetCommitValue {
    Offset offset{-1};
    std::string metadata;
    std::int64_t commit_timestamp_ms = 0;
};

struct GroupMetadataKey {
    std::string group_id;
};

/// One member as the GroupMetadata record keeps it: its subscription for the chosen
/// protocol only, and its assignment.
struct MemberRecord {
    std::string member_id;
    std::string client_id;
    std::string client_host;
    std::int32_t rebalance_timeout_ms = 0;
    std::int32_t session_timeout_ms = 0;
    GroupProtocol subscription;  // name = the group's protocol
    std::vector<TopicPartition> assignment;
};

struct GroupMetadataValue {
    std::string protocol_type;
    Generation generation{0};
    std::string protocol_name;  // empty for an Empty group
    std::string leader;         // empty for an Empty group
    std::int64_t state_timestamp_ms = 0;
    std::vector<MemberRecord> members;
};

std::string encode_key(const OffsetCommitKey& key);
std::string encode_key(const GroupMetadataKey& key);
std::string encode_value(const OffsetCommitValue& value);
std::string encode_value(const GroupMetadataValue& value);

/// Which record a key names; monostate when it is not one of ours.
using OffsetsRecordKey = std::variant<std::monostate, OffsetCommitKey, GroupMetadataKey>;
OffsetsRecordKey decode_key(std::string_view key);
std::optional<OffsetCommitValue> decode_offset_commit_value(std::string_view value);
std::optional<GroupMetadataValue> decode_group_metadata_value(std::string_view value);

}  // namespace kafkalab::kafka
