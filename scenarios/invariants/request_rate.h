#pragma once
// No node repeats one request to one peer faster than Kafka's backoffs allow: a check
// the invariant checker runs on every delivered Kafka request (ModelInvariants).
//
// Every retry in Kafka waits: clients retry.backoff.ms (100 ms) after an error and
// reconnect.backoff.ms (50 ms, growing to reconnect.backoff.max.ms) before a new
// connection; a replica fetcher replica.fetch.backoff.ms (1 s); the controller's
// channel and a leader's AlterPartition (KIP-497) wait for the answer before sending the
// next. The shortest of these, 50 ms, allows 20 repeats a second. More than 20 of one
// API from one node to one peer within one second therefore means a loop that ignores
// every backoff, as the AlterPartition livelock of issue #24 did (630 a second).
//
// Left out, because their rate follows the work, not a retry: Produce and Fetch (a
// producer sends a batch whenever linger.ms allows, a follower or consumer fetches
// again as soon as its previous fetch was answered; Kafka bounds them by max.in.flight
// and fetch.max.wait.ms), and the controller's LeaderAndIsr, UpdateMetadata and
// StopReplica (one per controller event and broker: after a restart every ISR change
// of 50 __consumer_offsets partitions sends UpdateMetadata to every broker).
// AlterPartition is counted per partition (a `subject`), as Kafka's
// AlterPartitionManager keeps one pending change per partition and retries it.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "broker_model/protocol/api.h"
#include "sim/time.h"

namespace kafkalab::invariants {

class RequestRateWatch {
public:
    /// The most requests of one API one node may send one peer within `window`.
    static constexpr std::size_t most_per_window = 20;
    static constexpr sim::Duration window = std::chrono::seconds(1);

    /// Whether `key`'s rate is judged at all (not Produce, not Fetch).
    static bool judged(kafka::ApiKey key);

    /// Notes one request `from` sent `to` (nodes by index and host name), delivered at
    /// `at` (times only grow), about `subject` ("" for the whole request; a partition
    /// for AlterPartition); the offence when it is one too many.
    std::optional<std::string> note(sim::Time at, std::uint32_t from, std::uint32_t to, kafka::ApiKey key,
                                    const std::string& from_name, const std::string& to_name,
                                    const std::string& subject = {});

    /// The most requests of one API from one node to one peer seen within one window.
    std::size_t highest() const { return highest_; }

private:
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::int16_t, std::string>, std::deque<sim::Time>> recent_;
    std::size_t highest_ = 0;
};

}  // namespace kafkalab::invariants
