#include "scenarios/checker/check_input.h"

#include <cassert>

namespace kafkalab::scenarios {

const char* to_string(LogSource source) {
    switch (source) {
        case LogSource::leader: return "leader";
        case LogSource::highest_high_watermark: return "highest-high-watermark";
        case LogSource::hand_built: return "hand-built";
    }
    return "?";
}

const CommittedRecord* CommittedLog::at(kafka::Offset offset) const {
    if (offset < log_start_offset || offset >= high_watermark) return nullptr;
    const auto index = static_cast<std::size_t>(offset - log_start_offset);
    assert(index < records.size() && records[index].offset == offset);
    return &records[index];
}

void CommittedLog::append(kafka::RecordId record_id, std::string value) {
    records.push_back({high_watermark, record_id, std::move(value)});
    ++high_watermark;
}

CommittedLog committed_log_of(const kafka::PartitionLog& log, const kafka::TopicPartition& partition,
                              std::string broker, LogSource source) {
    CommittedLog out;
    out.partition = partition;
    out.broker = std::move(broker);
    out.source = source;
    out.log_start_offset = log.log_start_offset();
    out.high_watermark = log.high_watermark();
    out.records.reserve(static_cast<std::size_t>(log.high_watermark() - log.log_start_offset()));
    // Batches are contiguous from the log start, so walking them until the high
    // watermark visits every committed offset exactly once.
    for (const auto& batch : log.batches()) {
        if (batch.base_offset >= out.high_watermark) break;
        for (kafka::Offset o = batch.base_offset; o < batch.next_offset() && o < out.high_watermark; ++o) {
            out.records.push_back({o, batch.record_id_at(o), std::string(batch.value_at(o))});
        }
    }
    return out;
}

CommittedLog& CheckInput::log(const kafka::TopicPartition& partition) {
    auto [it, created] = logs.try_emplace(partition);
    if (created) it->second.partition = partition;
    return it->second;
}

const CommittedLog* CheckInput::find_log(const kafka::TopicPartition& partition) const {
    auto it = logs.find(partition);
    return it == logs.end() ? nullptr : &it->second;
}

}  // namespace kafkalab::scenarios
