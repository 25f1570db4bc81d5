#pragma once
// What every consumer of a run received, kept outside the consumer nodes: the caller
// creates one log, shares it with each consumer, and it survives their crashes (a crash
// destroys the node's memory, and a checker must still see what the dead consumer had
// read). It holds:
//   - deliveries: every record poll() returned, in order, with who read it and when;
//   - polls: each poll's offset range per partition, so a checker can name poll skips
//     and nonmonotonic polls the way Jepsen's Kafka workload does;
//   - commits: every offset commit and how the coordinator answered;
//   - status: each consumer's live state (assignment, positions, committed offsets,
//     generation, member id, rebalancing) for the viewer and kafka-consumer-groups.
// Only consumers append; nothing here changes what the simulation does.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/client/consumer_member_state.h"
#include "broker_model/client/consumer_record.h"
#include "broker_model/client/delivery_list.h"
#include "broker_model/client/polled_records.h"
#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "sim/time.h"

namespace kafkalab::kafka {

/// The offsets one poll returned for one partition: [first, last], contiguous unless
/// the log itself has gaps.
struct PollRange {
    TopicPartition partition;
    Offset first{-1};
    Offset last{-1};
};

/// One poll() that returned records.
struct PollRecord {
    std::string consumer;
    std::string group;
    sim::Time time;
    /// The member's generation when it polled; -1 without a group.
    Generation generation{-1};
    std::vector<PollRange> ranges;
};

/// One partition's offset in one OffsetCommit, once the coordinator answered (or the
/// request failed).
struct CommitRecord {
    std::string consumer;
    std::string group;
    sim::Time time;
    TopicPartition partition;
    Offset offset{-1};  // the next record to read, as Kafka commits it
    Error error = Error::none;
    bool automatic = false;  // auto-commit (or the commit before a revocation) vs an application commit
    Generation generation{-1};
};

/// A consumer's view of one partition it is assigned.
struct PartitionStatus {
    std::optional<Offset> position;       // the next offset poll() returns; none until known
    std::optional<Offset> committed;      // the last committed offset it knows
    std::optional<Offset> high_watermark;  // from the last fetch response
    /// auto.offset.reset=none and no committed offset (NoOffsetForPartitionException).
    bool no_offset = false;
};

/// A consumer's current state, as its node last published it.
struct ConsumerStatus {
    std::string consumer;
    std::string client_id;
    std::string group;  // "" without a group
    bool running = false;  // false once crashed or closed
    bool subscribed = false;  // subscribe() (group membership) rather than assign()
    std::vector<std::string> topics;
    std::string member_id;
    Generation generation{-1};
    MemberState member_state = MemberState::unjoined;
    /// Joining or waiting for its assignment, or told to rejoin and not yet rejoined.
    bool rebalancing = false;
    std::optional<BrokerId> coordinator;
    std::string protocol;  // the assignor the group chose, once joined
    std::map<TopicPartition, PartitionStatus> assignment;
    /// Committed offsets this consumer knows, of partitions it has or had.
    std::map<TopicPartition, Offset> committed;
    std::uint64_t records_consumed = 0;
    std::uint64_t rebalances = 0;  // completed joins (SyncGroup answered)
    std::uint64_t partitions_revoked = 0;  // given back in rebalances so far
    std::uint64_t partitions_lost = 0;     // dropped without a commit after being fenced
    std::optional<sim::Time> last_poll;
    /// An error that stopped the consumer, as poll() would throw it (INVALID_GROUP_ID for
    /// subscribe() without a group, INCONSISTENT_GROUP_PROTOCOL, ...); none while fine.
    Error error = Error::none;
};

/// Something a checker names in one consumer's polls (Jepsen's Kafka workload).
struct PollAnomaly {
    enum class Kind : std::uint8_t {
        poll_skip,          // a poll started after the previous poll's end + 1
        nonmonotonic_poll,  // a poll started at or before the previous poll's end
    };
    Kind kind = Kind::poll_skip;
    std::string consumer;
    TopicPartition partition;
    std::size_t poll = 0;      // index in polls()
    Offset previous_last{-1};  // the previous poll's last offset of the partition
    Offset first{-1};          // this poll's first offset
};

class ConsumptionLog {
public:
    /// keep_values false hides record values from the deliveries (keys, ids, offsets and
    /// times stay). Deliveries share the fetched batches either way (see DeliveryList).
    ConsumptionLog() = default;
    explicit ConsumptionLog(bool keep_values) : deliveries_(keep_values) {}
    bool keeps_values() const { return deliveries_.keeps_values(); }

    // Appending (consumers only).
    /// Adds a poll and its records; returns the poll's index.
    std::size_t add_poll(const std::string& consumer, const std::string& group, sim::Time time,
                         Generation generation, const PolledRecords& records);
    /// The same for records already copied out (tests and checkers build polls so).
    std::size_t add_poll(const std::string& consumer, const std::string& group, sim::Time time,
                         Generation generation, const std::vector<ConsumerRecord>& records);
    void add_commit(CommitRecord commit) { commits_.push_back(std::move(commit)); }
    /// The status slot of a consumer, created on first use.
    ConsumerStatus& status_of(const std::string& consumer);

    // Reading.
    const DeliveryList& deliveries() const { return deliveries_; }
    const std::vector<PollRecord>& polls() const { return polls_; }
    const std::vector<CommitRecord>& commits() const { return commits_; }
    /// Consumers by name.
    const std::map<std::string, ConsumerStatus>& statuses() const { return statuses_; }
    const ConsumerStatus* find_status(const std::string& consumer) const;

    std::vector<Delivery> deliveries_of_consumer(const std::string& consumer) const;
    /// The records one consumer received, in the order poll() returned them: what
    /// kafka-console-consumer prints, one line each (scenarios/cli_tools formats them).
    std::vector<ConsumerRecord> records_of(const std::string& consumer) const;
    std::vector<Delivery> deliveries_of_group(const std::string& group) const;
    std::vector<Delivery> deliveries_of_partition(const TopicPartition& partition) const;
    /// Values one group received from one partition, in delivery order.
    std::vector<std::string> values_of(const std::string& group, const TopicPartition& partition) const;
    /// How many times each record id reached the group (more than once: a re-delivery).
    std::map<RecordId, int> delivery_counts(const std::string& group) const;
    /// The latest successful commit of each partition by the group.
    std::map<TopicPartition, Offset> last_committed(const std::string& group) const;
    /// Poll skips and nonmonotonic polls, consumer by consumer, partition by partition.
    /// With subscribe() and rebalances both can be legitimate; the caller judges.
    std::vector<PollAnomaly> poll_anomalies() const;

private:
    /// Extends `poll`'s ranges by the record at `offset` of `partition`.
    static void extend_ranges(PollRecord& poll, const TopicPartition& partition, Offset offset);
    DeliveryList deliveries_;
    std::vector<PollRecord> polls_;
    std::vector<CommitRecord> commits_;
    std::map<std::string, ConsumerStatus> statuses_;
};

}  // namespace kafkalab::kafka
