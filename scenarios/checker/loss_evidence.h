#pragma once
// What a run did that can cost acknowledged records, as plain data the checker reads to
// say why records were lost (loss_explanation.h): each producer's acks, every leader the
// controller chose (cleanly or not) and every log tail a replica lost. The runner fills
// it from the trace's typed events (scenarios/runner/loss_evidence_recorder.h); a test
// may write one by hand. Brokers are named by host ("broker-2").
#include <map>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/log/truncation_note.h"
#include "sim/time.h"

namespace kafkalab::scenarios {

/// The controller gave a partition a leader (LeaderElected), or let an out-of-sync
/// replica lead (UncleanLeaderElected).
struct LeaderChoice {
    sim::Time at{};
    kafka::TopicPartition partition;
    std::string leader;            // host; empty when no replica could be chosen
    std::vector<std::string> isr;  // hosts, as written with the choice; empty for an unclean one
    bool unclean = false;
};

/// A replica's log lost its tail (TruncationNote): a power loss, or a follower's cut
/// to a leader epoch's end (KIP-101/279) or to its high watermark (before 0.11).
struct LostTail {
    sim::Time at{};
    kafka::TruncationNote note;
};

struct LossEvidence {
    /// Each producer's acks, by producer name; a producer missing here counts as acks=all.
    std::map<std::string, kafka::Acks, std::less<>> producer_acks;
    /// In the order they happened.
    std::vector<LeaderChoice> leader_choices;
    std::vector<LostTail> lost_tails;
    /// Each partition's replicas (hosts), as assigned.
    std::map<kafka::TopicPartition, std::vector<std::string>> replicas;
};

}  // namespace kafkalab::scenarios
