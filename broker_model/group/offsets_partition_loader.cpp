#include "broker_model/group/offsets_partition_loader.h"

namespace kafkalab::kafka {

namespace {

void apply_record(LoadedOffsetsPartition& loaded, const StoredBatch& batch, Offset offset) {
    auto key = batch.key_at(offset);
    if (!key) return;
    OffsetsRecordKey decoded = decode_key(*key);
    if (auto* commit = std::get_if<OffsetCommitKey>(&decoded)) {
        auto value = decode_offset_commit_value(batch.value_at(offset));
        if (!value) return;
        loaded.offsets[commit->group_id][commit->partition] =
            OffsetAndMetadata{value->offset, value->metadata, value->commit_timestamp_ms, offset};
    } else if (auto* group = std::get_if<GroupMetadataKey>(&decoded)) {
        auto value = decode_group_metadata_value(batch.value_at(offset));
        if (!value) return;
        loaded.groups[group->group_id] = std::move(*value);
    }
}

}  // namespace

LoadedOffsetsPartition read_offsets_partition(const PartitionLog& log) {
    LoadedOffsetsPartition loaded;
    for (const StoredBatch& batch : log.batches()) {
        for (Offset offset = batch.base_offset; offset < batch.next_offset(); ++offset) {
            apply_record(loaded, batch, offset);
            ++loaded.records_read;
        }
    }
    return loaded;
}

}  // namespace kafkalab::kafka
