#pragma once
// Reads the final state of every partition out of a finished (or paused) simulation,
// for the checker:
//
//   partition has a live leader? ──yes──> that leader's log       (LogSource::leader)
//              │ no
//              └──> the replica, live or crashed, with the highest high watermark
//                                                                  (LogSource::highest_high_watermark)
//
// A live leader is a running broker whose replica manager says it leads the partition.
// Two brokers may both believe they lead for a while (a leader cut off from the
// controller has not yet heard of its successor); the one with the higher leader epoch
// is the one the controller elected last, so it wins. Without any leader, a crashed
// broker's disk still holds its log (sim::Disk survives a crash), and the replica with
// the highest high watermark is the best guess of what a consumer would read once the
// partition is back.
//
// Only what a consumer could read is kept: the records below the high watermark.
// Internal topics (names starting with "__", such as __consumer_offsets) are skipped:
// they hold no producer's records.
#include <map>
#include <span>

#include "broker_model/client/consumption_log.h"
#include "broker_model/client/send_ledger.h"
#include "scenarios/checker/check_input.h"
#include "sim/simulation.h"

namespace kafkalab::scenarios {

/// The committed log of every partition that any of `brokers` holds a replica of.
/// Deterministic: ties go to the broker listed first.
std::map<kafka::TopicPartition, CommittedLog> collect_committed_logs(sim::Simulation& simulation,
                                                                     std::span<const sim::NodeIndex> brokers);

/// A CheckInput from a simulation: copies of the ledger and of the consumption log
/// (none: an empty one), and the committed logs collected above.
CheckInput make_check_input(sim::Simulation& simulation, std::span<const sim::NodeIndex> brokers,
                            const kafka::SendLedger& ledger, const kafka::ConsumptionLog* consumption = nullptr);

}  // namespace kafkalab::scenarios
