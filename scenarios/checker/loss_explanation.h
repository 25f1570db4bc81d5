#pragma once
// Why acknowledged records were lost, per lost range: the checker's last step. Each lost
// write is traced to the happening that took it, read from the run's typed events
// (loss_evidence.h) and the producer's acks, never from the trace's text:
//
//   power-loss-of-every-replica   every replica of the partition lost the record's offset
//                                 to a power loss after it was sent
//   unclean-leader-election       an out-of-sync replica was elected after the acknowledgement
//                                 (or before it, and still led, while the old leader, not yet
//                                 told, acknowledged alone)
//   last-replica-standing         a replica lost the offset to a power loss and was then the
//   power-lost-leader             leader (chosen again, or still leader when its followers
//                                 truncated to it); last-replica-standing when the ISR it
//                                 led with was itself alone (KIP-966)
//   high-watermark-truncation     a replica cut the offset off at its high watermark (pre-KIP-101)
//   acks-1-leader-failover        the producer used acks=1 (or 0) and a new leader was
//                                 elected after the acknowledgement (or before it, while the
//                                 old one, not yet told, acknowledged alone)
//   unexplained                   none of these: Kafka would have kept the record
//
// The causes are tried in this order; the first that fits is named.
#include <cstddef>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "scenarios/checker/loss_cause.h"
#include "scenarios/checker/loss_evidence.h"
#include "sim/time.h"

namespace kafkalab::scenarios {

struct LostWrite;

/// A run of lost writes of one partition with one cause and one broker behind it.
struct LossExplanation {
    kafka::TopicPartition partition;
    LossCause cause = LossCause::unexplained;
    /// The lowest and highest acknowledged offset among them; -1 when none had one
    /// (acks=0, or a deduplicated retry).
    kafka::Offset first_offset{-1};
    kafka::Offset last_offset{-1};
    std::size_t records = 0;
    /// The broker the cause names: the one elected (unclean, acks=1 failover), the one
    /// that lost power and led (last replica standing, power-lost leader), the last to
    /// lose power (every replica), the one that cut its log (high watermark); empty
    /// when unexplained.
    std::string broker;
    /// When that happened.
    sim::Time at{};
};

/// The cause of one lost write.
struct LossFinding {
    LossCause cause = LossCause::unexplained;
    std::string broker;
    sim::Time at{};
};
LossFinding explain_loss(const LostWrite& lost, const LossEvidence& evidence);

/// Sets each lost write's cause and groups them: by partition, then cause and broker,
/// in offset order.
std::vector<LossExplanation> explain_losses(std::vector<LostWrite>& lost_writes, const LossEvidence& evidence);

}  // namespace kafkalab::scenarios
