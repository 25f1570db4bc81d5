#pragma once
// What a notable trace record is. The timeline, the viewer's event log and timeline
// marks, and the Perfetto export all learn it here, so that they agree, and so that an
// event the model adds is taught to them once. It reads the record's typed event (a
// sim::FaultEvent or a kafka::ModelEvent), never its kind string or summary.
#include <any>
#include <cstdint>
#include <optional>

#include "broker_model/common/types.h"
#include "sim/trace.h"

namespace kafkalab::scenarios {

enum class NotableKind : std::uint8_t {
    crash,                // kill -9: the process died; its host refuses connections
    power_loss,           // the host went dark; unflushed writes are gone
    clean_exit,           // the process ended normally after a clean shutdown
    restart,
    partition,            // network faults
    heal,
    cut,
    restore,
    controller,           // a controller was elected or resigned
    broker_failure,       // the controller saw brokers go
    controlled_shutdown,  // a broker's clean shutdown started or finished
    zk_session_expired,
    leader_election,
    unclean_election,
    isr_change,           // the controller wrote a new ISR (shrink or expansion)
    rebalance,            // a group coordinator's step (KafkaConsumer's group protocol)
    topic_deletion,
    truncation,           // a replica truncated its log
};

/// The record's kind, or nothing for bookkeeping (deliveries, drops, timers,
/// registrations, disconnects).
std::optional<NotableKind> classify(const sim::TraceRecord& record);

/// The word the timeline and the Perfetto export print: "crash", "power-loss", "exit",
/// "rebalance", "isr-change", ...
const char* label(NotableKind kind);

/// The host went down with it: a crash, a power loss or a clean exit.
bool takes_host_down(NotableKind kind);

/// The partition a leader election (clean or not), ISR change or truncation concerns, so
/// that internal topics' partitions can be left out of a lesson's timeline; nothing for
/// other events. Takes a record's `event`.
std::optional<kafka::TopicPartition> partition_of(const std::any& event);

/// The event concerns a partition of an internal topic (__consumer_offsets).
bool about_internal_topic(const std::any& event);

}  // namespace kafkalab::scenarios
