#include "broker_model/log/log_manager.h"

namespace kafkalab::kafka {

LogManager& LogManager::on_disk(sim::Disk& disk) { return disk.get_or_create<LogManager>(disk_key); }

PartitionLog* LogManager::find(const TopicPartition& partition) {
    return index_.find(partition);
}

const PartitionLog* LogManager::find(const TopicPartition& partition) const {
    return index_.find(partition);
}

PartitionLog& LogManager::get_or_create(const TopicPartition& partition) {
    if (PartitionLog* log = find(partition)) return *log;
    auto& [key, log] = *logs_.try_emplace(partition).first;
    index_.insert(&key, &log);
    return log;
}

bool LogManager::erase(const TopicPartition& partition) {
    index_.erase(partition);
    return logs_.erase(partition) > 0;
}

std::vector<TopicPartition> LogManager::partitions() const {
    std::vector<TopicPartition> result;
    result.reserve(logs_.size());
    for (const auto& [partition, log] : logs_) result.push_back(partition);
    return result;
}

void LogManager::flush_all() {
    for (auto& [partition, log] : logs_) log.flush();
}

void LogManager::checkpoint_high_watermarks() {
    for (auto& [partition, log] : logs_) log.checkpoint_high_watermark();
}

void LogManager::reload_after_restart() {
    for (auto& [partition, log] : logs_) log.reload_after_restart();
}

void LogManager::lose_unflushed() {
    for (auto& [partition, log] : logs_) {
        const Offset before = log.log_end_offset();
        log.lose_unflushed();
        if (power_loss_observer_ && log.log_end_offset() < before) power_loss_observer_(partition, before, log.log_end_offset());
    }
}

std::size_t LogManager::approximate_memory_bytes() const {
    std::size_t bytes = sizeof(LogManager);
    for (const auto& [partition, log] : logs_) bytes += partition.topic.capacity() + log.approximate_memory_bytes();
    return bytes;
}

}  // namespace kafkalab::kafka
