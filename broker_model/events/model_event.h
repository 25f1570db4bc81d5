#pragma once
// What the Kafka model reports as it runs, as data: the happenings a timeline marks,
// the viewer draws and a test asserts (a leader elected, an ISR changed, brokers gone,
// a log truncated, a rebalance step...). The model emits them with record_event()
// (record_event.h); model_event_text.cpp renders each, once, into the trace record's
// kind and summary, so the JSONL trace reads as it always has and nothing above the
// model reads the summary's words back.
//
// Why a variant here and an opaque payload in the simulation: sim/ sits below the
// model and cannot name these types, so a sim::TraceRecord carries the event in a
// std::any; this header is the one list of the model's events, and a std::visit over it
// is checked by the compiler when an event is added. The simulation's own faults
// (crash, partition, ...) are sim::FaultEvent (sim/fault_event.h).
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/log/truncation_note.h"

namespace kafkalab::kafka {

/// A broker won the /controller election (KafkaController.onControllerFailover).
struct ControllerElected {
    ControllerEpoch epoch;
};

/// The active controller stopped being one (KafkaController.onControllerResignation).
struct ControllerResigned {};

/// The controller saw brokers' registrations go (KafkaController.onBrokerFailure).
struct BrokersFailed {
    std::vector<BrokerId> brokers;
};

/// The controller wrote a partition's leader, epoch and ISR with a new leader
/// (PartitionStateMachine's election); leader is no_broker when none could be chosen.
struct LeaderElected {
    TopicPartition partition;
    BrokerId leader = no_broker;
    LeaderEpoch leader_epoch = no_epoch;
    std::vector<BrokerId> isr;
};

/// The controller wrote a new ISR with the same leader: its own shrinks (a broker
/// failure, a controlled shutdown) and leaders' AlterPartition (KIP-497).
struct IsrChanged {
    TopicPartition partition;
    BrokerId leader = no_broker;
    LeaderEpoch leader_epoch = no_epoch;
    std::vector<BrokerId> isr;
};

/// unclean.leader.election.enable let an out-of-sync replica lead (OfflinePartitionLeaderElectionStrategy).
struct UncleanLeaderElected {
    TopicPartition partition;
    BrokerId leader = no_broker;
};

/// The controller began deleting a topic (TopicDeletionManager).
struct TopicDeletionStarted {
    std::string topic;
};

/// A GroupCoordinator step for one group: preparing to rebalance, a new generation,
/// stable, a member removed, loaded or unloaded with its coordinator. Which members
/// are set depends on the step (each says what it uses).
struct RebalanceStep {
    enum class Step : std::uint8_t {
        preparing_rebalance,       // generation (the old one), reason (prepareRebalance's)
        member_removed,            // member, reason (removeMemberAndUpdateGroup's: left, failed, ...)
        not_rejoined_removed,      // member: it did not rejoin before the join phase ended
        pending_member_expired,    // member: a KIP-394 pending member never came back
        member_id_required,        // member: the id handed out with MEMBER_ID_REQUIRED (KIP-394)
        generation_empty,          // generation
        generation_started,        // generation, members, member (the leader), protocol
        assignment_received,       // member (the leader), generation
        stable,                    // generation
        loaded,                    // group_state, generation, members, committed_offsets
        unloaded,                  // group_state (before)
        created_by_offset_commit,  // (a standalone consumer's commit, generation -1)
    };
    std::string group;
    Step step = Step::stable;
    std::int32_t generation = -1;
    std::string member;
    /// Why, as Kafka's GroupCoordinator words its reason ("member X joined", ...).
    std::string reason;
    std::string group_state;  // GroupState as kafka-consumer-groups prints it: "Stable", ...
    std::size_t members = 0;
    std::size_t committed_offsets = 0;
    std::string protocol;
};

/// A coordinator loaded a __consumer_offsets partition's groups (GroupMetadataManager).
struct GroupsLoaded {
    TopicPartition partition;
    std::size_t groups = 0;
    std::int64_t records_read = 0;
};

/// A broker's controlled shutdown (KafkaServer.controlledShutdown) started or finished.
struct ControlledShutdown {
    bool finished = false;
};

/// ZooKeeper expired a broker's session: its registration (and /controller) are gone.
struct ZkSessionExpired {
    BrokerId broker;
};

/// A broker's ephemeral /brokers/ids/<id> was created; its czxid is the broker epoch (KIP-380).
struct BrokerRegistered {
    BrokerId broker;
    std::int64_t broker_epoch = 0;
};

/// A broker's registration met the previous life's node (NODEEXISTS); it retries.
struct BrokerRegistrationFailed {
    std::string path;  // the ZooKeeper node that was in the way
};

/// A ZooKeeper server's quorum role changed (QuorumPeer's LOOKING/FOLLOWING/LEADING).
struct ZkServerStateChanged {
    std::string role;        // "LOOKING", "FOLLOWING", "LEADING"
    bool has_leader = false;
    int leader_sid = 0;
    std::int64_t accepted_epoch = 0;
    std::string why;
    std::int64_t last_logged_zxid = 0;
    bool serving = false;
};

/// A broker could not create __consumer_offsets: too few brokers for its replication factor.
struct OffsetsTopicNotCreated {
    std::string reason;
};

/// A producer gave up on a batch after an error it may not retry (Sender.failBatch).
struct ProducerBatchFailed {
    TopicPartition partition;
    std::size_t records = 0;
    Error error = Error::none;
};

/// A producer's batch outlived delivery.timeout.ms (KIP-91).
struct ProducerBatchExpired {
    TopicPartition partition;
    std::size_t records = 0;
};

using ModelEvent = std::variant<ControllerElected, ControllerResigned, BrokersFailed, LeaderElected, IsrChanged,
                                UncleanLeaderElected, TopicDeletionStarted, TruncationNote, RebalanceStep,
                                GroupsLoaded, ControlledShutdown, ZkSessionExpired, BrokerRegistered,
                                BrokerRegistrationFailed, ZkServerStateChanged, OffsetsTopicNotCreated,
                                ProducerBatchFailed, ProducerBatchExpired>;

/// The trace record's kind: "leader-election", "isr-change", "truncate", ...
const char* trace_kind(const ModelEvent& event);
/// The trace record's summary: "payments-0 leader broker 2 epoch 3 isr [2,3]", ...
std::string render_summary(const ModelEvent& event);

}  // namespace kafkalab::kafka
