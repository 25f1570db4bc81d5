#pragma once
// The scripted mode of a producer, for scenarios: instead of a caller's send(), the
// producer sends on its own, when a SendSchedule says, values from a ValueGenerator
// and keys by a key mode.
//
// The spec holds names ("every 3s", "fake-user-registration"), not objects: a node's
// factory builds a fresh producer at every restart, and each incarnation builds its
// own schedule and generator from the same spec.
//
// Progress (records sent so far) is kept on the node's disk, like an application that
// remembers where it got to: a restarted producer continues the numbering of values
// and "key-N" keys, and a record limit counts every incarnation's sends together.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/client/data_generator.h"
#include "broker_model/client/send_schedule.h"
#include "sim/node.h"

namespace kafkalab::kafka {

class Producer;

enum class WorkloadKeyMode : std::uint8_t {
    none,      // a null key: the partitioner spreads records
    fixed,     // keys[0] for every record
    sequence,  // key_prefix + the record's number: "key-0", "key-1", ...
    cycle,     // keys[0], keys[1], ... and round again
};

struct ProducerWorkload {
    std::string topic;
    /// A parse_send_schedule() text: "every 3s", "1000/s", "poisson 50/s", "burst 10 every 1s".
    std::string schedule = "every 1s";
    /// A make_value_generator() name: "sequence", "fake-user-registration", "fixed:<text>", ...
    std::string value = "sequence";
    WorkloadKeyMode key_mode = WorkloadKeyMode::none;
    std::vector<std::string> keys;      // fixed: one key; cycle: the list
    std::string key_prefix = "key-";    // sequence
    std::optional<std::int32_t> partition;
    /// Stop after this many records in total; nothing: no limit.
    std::optional<std::uint64_t> record_limit;
    /// Simulated times between which the producer sends: [start, stop).
    sim::Time start = sim::time_zero;
    sim::Time stop = sim::time_never;
};

/// Drives one producer incarnation from a workload. Throws std::invalid_argument at
/// construction for a bad schedule, value name or key list.
class WorkloadDriver {
public:
    WorkloadDriver(sim::NodeContext& context, Producer& producer, ProducerWorkload workload);
    ~WorkloadDriver();
    WorkloadDriver(const WorkloadDriver&) = delete;
    WorkloadDriver& operator=(const WorkloadDriver&) = delete;

    /// Sets the first wake-up; called from the producer's on_start.
    void start();
    std::uint64_t records_sent() const;
    bool finished() const { return finished_; }

private:
    void step();
    std::optional<std::string> key_for(std::uint64_t sequence) const;
    bool done() const;

    sim::NodeContext& context_;
    Producer& producer_;
    ProducerWorkload workload_;
    std::unique_ptr<SendSchedule> schedule_;
    std::unique_ptr<ValueGenerator> generator_;
    /// Where a generator that makes each value writes it (see generate_view).
    std::string value_;
    /// On the node's disk: survives crashes (see above).
    std::uint64_t& records_sent_;
    sim::TimerId timer_;
    bool finished_ = false;
};

}  // namespace kafkalab::kafka
