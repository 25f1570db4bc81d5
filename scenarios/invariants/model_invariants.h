#pragma once
// Kafka's safety invariants, checked after every event of a run by a passive observer
// of the brokers' and consumers' state (it never changes the run: same seed, same
// trace, with or without it). A violation is a simulator bug; install() turns it into
// an InvariantViolation thrown out of the event loop, naming the simulated time, the
// event number, the partition and the values.
//
// What is checked, and what Kafka guarantees (docs/RELIABILITY.md, "Model invariants"):
//   1. high watermark within the ISR: a leader's high watermark is at most the log end
//      offset of every ISR member that follows it in the same leader epoch (Kafka's
//      TLA+ model calls it WeakIsr). Members that are down or have not yet taken the
//      epoch are not compared. Kafka itself breaks it in one case, which is excused:
//      a member that lost its unflushed tail to a power loss while in the ISR, and that
//      no controller took out of the ISR since (there was none when its session
//      expired, or it was the controller and registered again before the next one
//      read the broker list). ZooKeeper-era Kafka keeps such a broker in the ISR
//      (KIP-966 calls the hazard "last replica standing"); once any leader shows the
//      ISR without it, it must catch up to return, and a shortfall is a bug again.
//   2. one leader per epoch: no two brokers ever lead the same partition (of the same
//      topic id) in the same leader epoch. Two leaders in different epochs may coexist
//      for a while (a zombie leader cut off from ZooKeeper), as in Kafka.
//   3. offsets strictly increasing: in every log on every disk, each batch holds
//      records and starts after the previous one ended, from the log start offset to
//      the log end offset; and log start <= high watermark <= log end offset.
//   4. consumer position within the high watermark: a consumer's position never
//      passes the highest high watermark any replica of the partition ever had. Not
//      the current leader's: a new leader's high watermark may lag the old one's for a
//      fetch round, and an unclean election may cut it back, and a consumer rightly
//      holds a position above it until its next fetch says OFFSET_OUT_OF_RANGE.
//   5. requests within Kafka's backoffs: no node sends one API to one peer more than
//      20 times within a second (Produce and Fetch aside); request_rate.h says why.
//
// Cost: an event at a node checks that node only (a message or timer changes nothing
// else); simulation-level events (faults, steps) check every node. Logs are checked
// incrementally: only batches appended since the last check are read.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/log/stored_batch.h"
#include "scenarios/invariants/request_rate.h"
#include "scenarios/invariants/violation.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {
class Broker;
class Consumer;
class PartitionLog;
class Partition;
}  // namespace kafkalab::kafka

namespace kafkalab::invariants {

/// Debug builds check invariants in every run unless told otherwise.
#ifdef NDEBUG
inline constexpr bool on_by_default = false;
#else
inline constexpr bool on_by_default = true;
#endif

/// Invariant 3 on a run of batches: from `batches[first]` on, each batch holds records
/// and starts at or after `previous_end` (the end of the batch before, or the log start
/// offset). The first offence, described; nothing when the offsets increase.
std::optional<std::string> check_batch_offsets(std::span<const kafka::StoredBatch> batches, std::size_t first,
                                               kafka::Offset previous_end);

/// Invariant 4 for one partition of one consumer.
std::optional<std::string> check_consumer_position(const std::string& consumer, const kafka::TopicPartition& tp,
                                                   kafka::Offset position, kafka::Offset highest_high_watermark);

/// How much checking a run did, for docs/RELIABILITY.md.
struct InvariantCounts {
    std::uint64_t events = 0;      // events after which the state was checked
    std::uint64_t logs = 0;        // log checks (invariant 3)
    std::uint64_t batches = 0;     // batches read by those checks
    std::uint64_t leaders = 0;     // leader checks (invariants 1 and 2)
    std::uint64_t isr_members = 0; // ISR members compared with their leader (invariant 1)
    std::uint64_t positions = 0;   // consumer positions compared (invariant 4)
    /// ISR members below the high watermark excused by invariant 1's power-loss case.
    std::uint64_t lost_tail_isr_members = 0;
    std::uint64_t requests = 0;    // Kafka requests delivered (invariant 5)
};

class ModelInvariants {
public:
    explicit ModelInvariants(sim::Simulation& sim);
    ~ModelInvariants();
    ModelInvariants(const ModelInvariants&) = delete;
    ModelInvariants& operator=(const ModelInvariants&) = delete;

    /// Checks the whole cluster now, then after every event until destroyed; the first
    /// violation is thrown as InvariantViolation from the event loop.
    void install();
    /// Checks every node now. The first violation, if any.
    std::optional<Violation> check_all();

    const InvariantCounts& counts() const { return counts_; }
    /// The most requests of one API from one node to one peer within a second (invariant 5).
    std::size_t highest_request_rate() const { return requests_->watch.highest(); }

private:
    enum class NodeKind : std::uint8_t { unknown, broker, consumer, other };
    /// What the last check of one log saw, so the next one reads only new batches.
    struct LogProgress {
        const kafka::PartitionLog* log = nullptr;
        std::size_t batches = 0;            // batches already checked
        kafka::Offset end{0};               // where the last checked batch ended
        kafka::Offset base{-1};             // and where it started
        const void* data = nullptr;         // and its records, to notice a replaced batch
        kafka::Offset high_watermark{-1};   // last seen, to update the highest one cheaply
        /// The partition's state when invariants 1 and 2 last passed for it here; they
        /// are checked again only when one of these moved.
        kafka::LeaderEpoch leader_epoch{-1};
        std::int32_t partition_epoch = -1;
        kafka::Offset checked_high_watermark{-1};
        kafka::Offset checked_end{-1};
        bool was_leader = false;
    };
    struct Leadership {
        std::string topic_id;
        kafka::LeaderEpoch epoch{-1};
        kafka::BrokerId leader{-1};
        auto operator<=>(const Leadership&) const = default;
    };

    /// Invariant 5's state, shared with the scheduler's observer, which sees each
    /// delivered message before its event runs and outlives the checker.
    struct RequestRates {
        RequestRateWatch watch;
        std::optional<std::string> offence;  // thrown after the event that caused it
        std::uint64_t requests = 0;
    };

    void after_event(const sim::FiredEvent& event);
    std::optional<std::string> check_node(sim::NodeIndex node);
    NodeKind kind_of(sim::NodeIndex node);
    std::optional<std::string> check_broker(sim::NodeIndex node);
    std::optional<std::string> check_log(LogProgress& progress, const kafka::TopicPartition& tp,
                                         const kafka::PartitionLog& log, const std::string& host);
    std::optional<std::string> check_one_leader(const kafka::Partition& partition, kafka::BrokerId self,
                                                const std::string& host);
    std::optional<std::string> check_isr(const kafka::Partition& leader, kafka::BrokerId self, const std::string& host);
    std::optional<std::string> check_as_follower(const kafka::Partition& follower, kafka::BrokerId self,
                                                 const std::string& host);
    std::optional<std::string> check_consumer(const kafka::Consumer& consumer);
    /// The running broker with this id, or null.
    const kafka::Broker* running_broker(kafka::BrokerId id);
    const kafka::Broker* started_broker(sim::NodeIndex node);
    std::optional<std::string> check_partition(LogProgress& progress, const kafka::Partition& partition,
                                               kafka::BrokerId self, const std::string& host);
    std::optional<std::string> check_every_node();
    /// Notes the brokers that lost power since the last look, for every partition
    /// they hold whose running leader counts them in its ISR, or that has no running
    /// leader (invariant 1's excused case).
    void note_power_losses();
    /// Forgets excuses of `tp` for members that `leader`'s ISR no longer holds.
    void drop_excuses_outside(const kafka::Partition& leader);
    bool excused(const kafka::TopicPartition& tp, kafka::BrokerId member) const;
    Violation violation_at(std::string invariant, std::string detail) const;

    sim::Simulation& sim_;
    bool installed_ = false;
    /// Set by check_* when an offence is found: which invariant it broke.
    std::string broken_;
    std::vector<NodeKind> kinds_;
    /// Per node: the broker id, or -1 for other nodes.
    std::vector<std::int32_t> broker_ids_;
    /// Per node: the incarnation (process) whose "start" event has run, or -1. A broker
    /// object exists from its restart on, but its partitions only from that event.
    std::vector<std::int64_t> started_;
    std::vector<std::vector<LogProgress>> logs_;  // per node, in its LogManager's order
    std::map<std::int32_t, sim::NodeIndex> broker_nodes_;
    /// Who led each partition in each epoch, ever (invariant 2).
    std::map<std::pair<kafka::TopicPartition, std::int32_t>, Leadership> leaders_;
    /// The highest high watermark any replica of each partition ever had (invariant 4).
    std::map<kafka::TopicPartition, kafka::Offset> highest_high_watermark_;
    /// Per node: its host's state at the last look, to notice power losses.
    std::vector<sim::HostState> host_states_;
    /// (partition, broker id): the broker lost its unflushed tail while in the
    /// partition's ISR, and no leader has shown the ISR without it since.
    std::set<std::pair<kafka::TopicPartition, std::int32_t>> lost_tail_in_isr_;
    InvariantCounts counts_;
    std::shared_ptr<RequestRates> requests_ = std::make_shared<RequestRates>();
};

}  // namespace kafkalab::invariants
