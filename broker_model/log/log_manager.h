#pragma once
// A broker's log directories (log.dirs): the PartitionLog of every partition it holds a
// replica of, kept on the node's sim::Disk. A process crash destroys the broker object
// but not the disk, so after a restart the broker finds its logs again with every
// write (the page cache survives); a power loss keeps only flushed records.
//
//   auto& logs = LogManager::on_disk(context().disk());   // in Broker::on_start
//   logs.reload_after_restart();                           // high watermarks from checkpoint
//   PartitionLog& log = logs.get_or_create({"payments", 0});
//
// Simplification: one log directory, no per-directory failure (KIP-112).
#include <cstddef>
#include <functional>
#include <map>
#include <string_view>
#include <vector>

#include "broker_model/common/partition_index.h"
#include "broker_model/common/types.h"
#include "broker_model/log/partition_log.h"
#include "sim/disk.h"

namespace kafkalab::kafka {

class LogManager : public sim::DurableState {
public:
    LogManager() = default;
    // The index points into logs_: a copy would point into the original.
    LogManager(const LogManager&) = delete;
    LogManager& operator=(const LogManager&) = delete;

    /// The key under which a broker's logs live on its disk.
    static constexpr std::string_view disk_key = "log.dirs";

    /// The logs on `disk`, created empty on first use.
    static LogManager& on_disk(sim::Disk& disk);

    /// The log of `partition`, or null when this broker holds no replica of it.
    PartitionLog* find(const TopicPartition& partition);
    const PartitionLog* find(const TopicPartition& partition) const;
    /// The log of `partition`, created empty at offset 0 when missing (a replica
    /// assigned by LeaderAndIsr). References stay valid until the log is deleted.
    PartitionLog& get_or_create(const TopicPartition& partition);
    /// Deletes the log (StopReplica with deletion, topic deletion). Returns whether it existed.
    bool erase(const TopicPartition& partition);

    /// Partitions with a log here, in order.
    std::vector<TopicPartition> partitions() const;
    std::size_t size() const { return logs_.size(); }
    /// Every log, ordered by partition, for the viewer and the broker's periodic tasks.
    const std::map<TopicPartition, PartitionLog>& logs() const { return logs_; }

    /// Flushes every log (what a clean shutdown does).
    void flush_all();
    /// Writes every log's high watermark to the replication-offset-checkpoint.
    void checkpoint_high_watermarks();
    /// After a broker restart: every log reads its high watermark back from the checkpoint.
    void reload_after_restart();

    /// Power loss: every log loses its unflushed tail.
    void lose_unflushed() override;
    /// Told of each log a power loss shortened, with its log end offset before and after.
    /// The broker points it at the trace; it only observes, so what survives is the same
    /// with or without it. It lives on the disk because the broker object is gone by then.
    using PowerLossObserver = std::function<void(const TopicPartition&, Offset old_log_end, Offset new_log_end)>;
    void set_power_loss_observer(PowerLossObserver observer) { power_loss_observer_ = std::move(observer); }

    std::size_t approximate_memory_bytes() const;

private:
    /// Ordered, so iteration (and anything it drives) is deterministic.
    std::map<TopicPartition, PartitionLog> logs_;
    /// The same logs by hash, for lookups: a broker of a large cluster finds a log for
    /// every partition of every fetch. Map nodes never move, so the pointers hold.
    PartitionIndex<PartitionLog> index_;
    PowerLossObserver power_loss_observer_;
};

}  // namespace kafkalab::kafka
