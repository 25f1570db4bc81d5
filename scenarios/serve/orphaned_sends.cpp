#include "scenarios/serve/orphaned_sends.h"

#include "broker_model/client/send_ledger.h"

namespace kafkalab::scenarios {

std::string OrphanedSends::identity(const kafka::TopicPartition& partition, std::optional<std::string_view> key,
                                    std::string_view value) {
    std::string text = partition.to_string();
    text += key ? '\1' : '\0';  // a null key differs from an empty one
    if (key) {
        text += std::to_string(key->size());
        text += ':';
        text += *key;
    }
    text += '\0';
    text += value;
    return text;
}

void OrphanedSends::add(const kafka::ProduceRequest& request, const kafka::SendLedger& ledger) {
    for (const auto& partition : request.partitions) {
        const kafka::RecordData& records = *partition.records;
        for (std::size_t i = 0; i < records.record_count(); ++i) {
            const kafka::RecordId id = records.record_id(i);
            if (ledger.entry(id).status != kafka::SendStatus::pending) continue;
            orphans_[identity(partition.partition, records.key(i), records.value(i))].push_back(id);
        }
    }
}

std::optional<kafka::RecordId> OrphanedSends::take(const kafka::TopicPartition& partition,
                                                   std::optional<std::string_view> key, std::string_view value) {
    const auto found = orphans_.find(identity(partition, key, value));
    if (found == orphans_.end()) return std::nullopt;
    const kafka::RecordId id = found->second.front();
    found->second.pop_front();
    if (found->second.empty()) orphans_.erase(found);
    return id;
}

std::size_t OrphanedSends::size() const {
    std::size_t count = 0;
    for (const auto& [identity, ids] : orphans_) count += ids.size();
    return count;
}

}  // namespace kafkalab::scenarios
