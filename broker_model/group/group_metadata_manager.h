#pragma once
// The coordinator's cache of groups and offsets, and its bridge to __consumer_offsets
// (Kafka's GroupMetadataManager): which partitions of that topic this broker owns
// (leads and has loaded) or is still loading, writing GroupMetadata and offset-commit
// records through the broker's ReplicaManager with acks=all, and loading and
// unloading a partition's groups when leadership moves.
//
//   not led ──leader──> loading ──log replayed──> owned
//      ^                   │                        │
//      └──── leadership lost (groups unloaded) ─────┘
//
// Invariants: owned_ and loading_ are disjoint; every cached group hashes to a
// partition in owned_ (a group is created or loaded only there).
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "broker_model/broker/broker.h"
#include "broker_model/group/group_coordinator_config.h"
#include "broker_model/group/group_metadata.h"
#include "broker_model/group/offsets_record_codec.h"

namespace kafkalab::kafka {

using GroupPtr = std::shared_ptr<GroupMetadata>;
using OffsetCommitResults = std::vector<std::pair<TopicPartition, Error>>;

class GroupMetadataManager {
public:
    GroupMetadataManager(Broker& broker, const GroupCoordinatorConfig& config);
    ~GroupMetadataManager();

    /// The __consumer_offsets partition of `group_id` (GroupMetadataManager.partitionFor).
    std::int32_t partition_for(const std::string& group_id) const;
    TopicPartition offsets_partition_for(const std::string& group_id) const;
    bool is_group_local(const std::string& group_id) const { return owned_.count(partition_for(group_id)) != 0; }
    bool is_group_loading(const std::string& group_id) const { return loading_.count(partition_for(group_id)) != 0; }
    bool is_loading() const { return !loading_.empty(); }
    const std::set<std::int32_t>& owned_partitions() const { return owned_; }
    const std::set<std::int32_t>& loading_partitions() const { return loading_; }
    /// Owned or loading.
    bool is_partition_tracked(std::int32_t partition) const { return owned_.count(partition) || loading_.count(partition); }

    GroupPtr get_group(const std::string& group_id) const;
    /// The group, created Empty when missing and `create_if_missing`.
    GroupPtr get_or_maybe_create_group(const std::string& group_id, bool create_if_missing);
    /// Every cached group, by group id.
    const std::map<std::string, GroupPtr>& groups() const { return groups_; }

    /// Writes the group's GroupMetadata record (generation, protocol, leader, members
    /// with `assignment`) with acks=all; `done` gets Kafka's storeGroup error mapping.
    void store_group(const GroupPtr& group, const std::map<std::string, std::vector<TopicPartition>>& assignment,
                     std::function<void(Error)> done);
    /// Writes one offset-commit record per partition in one batch with acks=all; on
    /// success the cache takes them. `done` gets one error per requested partition.
    void store_offsets(const GroupPtr& group, const std::vector<CommittedOffset>& offsets,
                       std::function<void(OffsetCommitResults)> done);
    /// Committed offsets of the group: the requested partitions (-1 when none) or all.
    std::vector<std::pair<TopicPartition, Offset>> get_offsets(
        const std::string& group_id, const std::optional<std::vector<TopicPartition>>& partitions) const;

    /// Starts loading `partition` after the simulated load time; `on_loaded` runs for
    /// every group found, once the partition is owned. No-op if owned or loading.
    void schedule_load(std::int32_t partition, std::function<void(const GroupPtr&)> on_loaded);
    /// Drops the partition and its groups; `on_unloaded` runs for each group first.
    void remove_groups_for_partition(std::int32_t partition, std::function<void(const GroupPtr&)> on_unloaded);

private:
    void finish_load(std::int32_t partition, std::uint64_t token, const std::function<void(const GroupPtr&)>& on_loaded);
    GroupPtr build_loaded_group(const std::string& group_id, const GroupMetadataValue* value,
                                std::map<TopicPartition, OffsetAndMetadata> offsets);
    std::int64_t now_ms() const;

    Broker& broker_;
    const GroupCoordinatorConfig& config_;
    std::int32_t num_partitions_;
    std::set<std::int32_t> owned_;
    std::set<std::int32_t> loading_;
    /// Bumped whenever a load starts or a partition is unloaded: a load timer whose
    /// token is stale belongs to an abandoned load and does nothing.
    std::map<std::int32_t, std::uint64_t> load_tokens_;
    std::uint64_t next_load_token_ = 1;
    std::map<std::string, GroupPtr> groups_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

/// Kafka's mapping of a failed __consumer_offsets append to what a committing client
/// gets (GroupMetadataManager.maybeConvertOffsetCommitError).
Error offset_commit_error(Error append_error);

}  // namespace kafkalab::kafka
