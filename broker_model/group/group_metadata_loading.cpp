// Loading and unloading a __consumer_offsets partition (GroupMetadataManager's
// scheduleLoadGroupAndOffsets and removeGroupsForPartition).
#include "broker_model/group/group_metadata_manager.h"
#include "broker_model/group/offsets_partition_loader.h"
#include "broker_model/events/record_event.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

void GroupMetadataManager::schedule_load(std::int32_t partition, std::function<void(const GroupPtr&)> on_loaded) {
    if (is_partition_tracked(partition)) return;  // Kafka's addLoadingPartition refuses twice
    loading_.insert(partition);
    std::uint64_t token = next_load_token_++;
    load_tokens_[partition] = token;
    const PartitionLog* log = broker_.logs().find({consumer_offsets_topic, partition});
    std::int64_t records = log ? log->record_count() : 0;
    // Kafka reads the partition on a background thread; here the read takes simulated
    // time in proportion to the log, and requests meanwhile get COORDINATOR_LOAD_IN_PROGRESS.
    sim::Duration load_time = config_.load_time_base + config_.load_time_per_record * records;
    auto alive = alive_;
    broker_.services().context.set_timer(load_time, "group coordinator load",
                                         [this, alive, partition, token, on_loaded = std::move(on_loaded)] {
                                             if (*alive) finish_load(partition, token, on_loaded);
                                         });
}

void GroupMetadataManager::finish_load(std::int32_t partition, std::uint64_t token,
                                       const std::function<void(const GroupPtr&)>& on_loaded) {
    auto it = load_tokens_.find(partition);
    if (it == load_tokens_.end() || it->second != token || !loading_.count(partition)) return;
    LoadedOffsetsPartition loaded;
    if (const PartitionLog* log = broker_.logs().find({consumer_offsets_topic, partition})) {
        loaded = read_offsets_partition(*log);
    }
    loading_.erase(partition);
    owned_.insert(partition);
    std::vector<GroupPtr> fresh;
    for (auto& [group_id, value] : loaded.groups) {
        auto offsets = std::move(loaded.offsets[group_id]);
        fresh.push_back(build_loaded_group(group_id, &value, std::move(offsets)));
    }
    // Groups that only commit offsets (no group management) have no GroupMetadata
    // record; they come back Empty with their offsets.
    for (auto& [group_id, offsets] : loaded.offsets) {
        if (!loaded.groups.count(group_id)) fresh.push_back(build_loaded_group(group_id, nullptr, std::move(offsets)));
    }
    record_event(broker_.services().context,
                 GroupsLoaded{{std::string(consumer_offsets_topic), partition}, fresh.size(), loaded.records_read});
    for (const GroupPtr& group : fresh) {
        // A group created here while loading (it cannot be: requests were refused) would win.
        if (groups_.count(group->group_id())) continue;
        groups_[group->group_id()] = group;
        on_loaded(group);
    }
}

GroupPtr GroupMetadataManager::build_loaded_group(const std::string& group_id, const GroupMetadataValue* value,
                                                  std::map<TopicPartition, OffsetAndMetadata> offsets) {
    bool has_members = value && !value->members.empty();
    auto group = std::make_shared<GroupMetadata>(group_id, has_members ? GroupState::stable : GroupState::empty,
                                                 broker_.services().now());
    group->initialize_offsets(std::move(offsets));
    if (!value) return group;
    auto optional_text = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
    group->restore(value->generation, optional_text(value->protocol_type), optional_text(value->protocol_name),
                   value->leader);
    for (const auto& record : value->members) {
        MemberMetadata member;
        member.member_id = record.member_id;
        member.client_id = record.client_id;
        member.client_host = record.client_host;
        member.rebalance_timeout = std::chrono::milliseconds(record.rebalance_timeout_ms);
        member.session_timeout = std::chrono::milliseconds(record.session_timeout_ms);
        member.protocol_type = value->protocol_type;
        member.supported_protocols = {record.subscription};
        member.assignment = record.assignment;
        group->add(std::move(member), nullptr);
    }
    return group;
}

void GroupMetadataManager::remove_groups_for_partition(std::int32_t partition,
                                                       std::function<void(const GroupPtr&)> on_unloaded) {
    owned_.erase(partition);
    loading_.erase(partition);
    load_tokens_[partition] = next_load_token_++;
    for (auto it = groups_.begin(); it != groups_.end();) {
        if (partition_for(it->first) != partition) {
            ++it;
            continue;
        }
        GroupPtr group = it->second;
        it = groups_.erase(it);
        on_unloaded(group);
    }
}

}  // namespace kafkalab::kafka
