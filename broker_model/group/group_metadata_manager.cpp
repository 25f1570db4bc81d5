#include "broker_model/group/group_metadata_manager.h"

#include "broker_model/client/group_coordinator_partition.h"
#include "broker_model/group/offsets_partition_loader.h"
#include "broker_model/log/record_data.h"

namespace kafkalab::kafka {

namespace {

/// Kafka's storeGroup mapping of an append error to what members get from SyncGroup.
Error store_group_error(Error append_error) {
    switch (append_error) {
        case Error::none: return Error::none;
        case Error::unknown_topic_or_partition:
        case Error::not_enough_replicas:
        case Error::not_enough_replicas_after_append: return Error::coordinator_not_available;
        case Error::not_leader_or_follower:
        case Error::kafka_storage_error: return Error::not_coordinator;
        case Error::request_timed_out: return Error::rebalance_in_progress;
        default: return append_error;
    }
}

MemberRecord to_record(const MemberMetadata& member, const std::string& protocol,
                       const std::vector<TopicPartition>& assignment) {
    MemberRecord record;
    record.member_id = member.member_id;
    record.client_id = member.client_id;
    record.client_host = member.client_host;
    record.rebalance_timeout_ms = static_cast<std::int32_t>(millis_of(member.rebalance_timeout));
    record.session_timeout_ms = static_cast<std::int32_t>(millis_of(member.session_timeout));
    if (const GroupProtocol* subscription = member.metadata(protocol)) record.subscription = *subscription;
    record.assignment = assignment;
    return record;
}

}  // namespace

Error offset_commit_error(Error append_error) {
    switch (append_error) {
        case Error::network_exception: return Error::coordinator_load_in_progress;
        case Error::unknown_topic_or_partition:
        case Error::not_enough_replicas:
        case Error::not_enough_replicas_after_append: return Error::coordinator_not_available;
        case Error::not_leader_or_follower:
        case Error::kafka_storage_error: return Error::not_coordinator;
        case Error::message_too_large: return Error::invalid_commit_offset_size;
        default: return append_error;
    }
}

GroupMetadataManager::GroupMetadataManager(Broker& broker, const GroupCoordinatorConfig& config)
    : broker_(broker), config_(config), num_partitions_(broker.config().offsets_topic_num_partitions) {}

GroupMetadataManager::~GroupMetadataManager() { *alive_ = false; }

std::int32_t GroupMetadataManager::partition_for(const std::string& group_id) const {
    return coordinator_partition(group_id, num_partitions_);
}

TopicPartition GroupMetadataManager::offsets_partition_for(const std::string& group_id) const {
    return {consumer_offsets_topic, partition_for(group_id)};
}

std::int64_t GroupMetadataManager::now_ms() const { return millis_of(broker_.services().now().time_since_epoch()); }

GroupPtr GroupMetadataManager::get_group(const std::string& group_id) const {
    auto it = groups_.find(group_id);
    return it == groups_.end() ? nullptr : it->second;
}

GroupPtr GroupMetadataManager::get_or_maybe_create_group(const std::string& group_id, bool create_if_missing) {
    if (GroupPtr group = get_group(group_id)) return group;
    if (!create_if_missing) return nullptr;
    auto group = std::make_shared<GroupMetadata>(group_id, GroupState::empty, broker_.services().now());
    groups_[group_id] = group;
    return group;
}

void GroupMetadataManager::store_group(const GroupPtr& group,
                                       const std::map<std::string, std::vector<TopicPartition>>& assignment,
                                       std::function<void(Error)> done) {
    if (!is_group_local(group->group_id())) return done(Error::not_coordinator);
    GroupMetadataValue value;
    value.protocol_type = group->protocol_type().value_or("");
    value.generation = group->generation();
    value.protocol_name = group->protocol_name().value_or("");
    value.leader = group->leader_id();
    value.state_timestamp_ms = now_ms();
    for (const auto& id : group->member_ids()) {
        auto it = assignment.find(id);
        static const std::vector<TopicPartition> none;
        value.members.push_back(to_record(group->get(id), value.protocol_name, it == assignment.end() ? none : it->second));
    }
    auto records = RecordDataBuilder()
                       .add(encode_key(GroupMetadataKey{group->group_id()}), encode_value(value), now_ms(), 0)
                       .build();
    broker_.replicas().append_local(offsets_partition_for(group->group_id()), records, Acks::all,
                                    config_.offsets_commit_timeout,
                                    [done = std::move(done)](const ProducePartitionResponse& result) {
                                        done(store_group_error(result.error));
                                    });
}

void GroupMetadataManager::store_offsets(const GroupPtr& group, const std::vector<CommittedOffset>& offsets,
                                         std::function<void(OffsetCommitResults)> done) {
    OffsetCommitResults results;
    std::vector<CommittedOffset> accepted;
    for (const auto& commit : offsets) {
        bool too_large = commit.metadata.size() > static_cast<std::size_t>(config_.offset_metadata_max_bytes);
        results.emplace_back(commit.partition, too_large ? Error::offset_metadata_too_large : Error::none);
        if (!too_large) accepted.push_back(commit);
    }
    if (accepted.empty()) return done(results);
    if (!is_group_local(group->group_id())) {
        for (auto& [tp, error] : results) error = Error::not_coordinator;
        return done(results);
    }
    std::int64_t timestamp_ms = now_ms();
    RecordDataBuilder builder;
    for (const auto& commit : accepted) {
        builder.add(encode_key(OffsetCommitKey{group->group_id(), commit.partition}),
                    encode_value(OffsetCommitValue{commit.offset, commit.metadata, timestamp_ms}), timestamp_ms, 0);
    }
    auto on_written = [group, accepted, timestamp_ms, results, done = std::move(done)](
                          const ProducePartitionResponse& written) mutable {
        Error error = written.error == Error::none ? Error::none : offset_commit_error(written.error);
        // An unloaded group is gone from this broker; its new coordinator reads the log.
        if (error == Error::none && !group->is(GroupState::dead)) {
            for (std::size_t i = 0; i < accepted.size(); ++i) {
                OffsetAndMetadata entry{accepted[i].offset, accepted[i].metadata, timestamp_ms,
                                        written.base_offset + static_cast<std::int64_t>(i)};
                group->on_offset_commit_append(accepted[i].partition, entry);
            }
        }
        for (auto& [tp, result] : results) {
            if (result == Error::none) result = error;
        }
        done(results);
    };
    broker_.replicas().append_local(offsets_partition_for(group->group_id()), builder.build(), Acks::all,
                                    config_.offsets_commit_timeout, std::move(on_written));
}

std::vector<std::pair<TopicPartition, Offset>> GroupMetadataManager::get_offsets(
    const std::string& group_id, const std::optional<std::vector<TopicPartition>>& partitions) const {
    std::vector<std::pair<TopicPartition, Offset>> answer;
    GroupPtr group = get_group(group_id);
    if (!partitions) {
        if (group) {
            for (const auto& [tp, entry] : group->offsets()) answer.emplace_back(tp, entry.offset);
        }
        return answer;
    }
    for (const auto& tp : *partitions) {
        Offset offset{-1};
        if (group) {
            auto it = group->offsets().find(tp);
            if (it != group->offsets().end()) offset = it->second.offset;
        }
        answer.emplace_back(tp, offset);
    }
    return answer;
}

}  // namespace kafkalab::kafka
