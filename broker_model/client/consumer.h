#pragma once
// Kafka's consumer (KafkaConsumer) as a node, together with the application that
// drives it. The application is simulated as the usual loop:
//
//     subscribe(topics) or assign(partitions)
//     while (running) {
//         records = poll(poll_timeout)           // returns at once if records wait
//         for (record : records) process(record) // processing_per_record each
//         maybe commitSync()/commitAsync()       // manual commits, if configured
//     }
//
// so records are consumed at a realistic pace, and an application that takes longer
// than max.poll.interval.ms between two polls is dropped from its group (KIP-62),
// while its heartbeats, which come from a background thread since Kafka 0.10.1, keep
// flowing. Two process-level faults differ in exactly that:
//   stall(d)  the application thread blocks (a slow database call): no polls, but
//             heartbeats continue;
//   pause(d)  the whole process freezes (a long GC): no polls and no heartbeats, and
//             messages wait until it wakes, so the coordinator may time the member out
//             after session.timeout.ms.
// close() is a graceful shutdown (a last commit with auto-commit, then LeaveGroup); a
// crash (the simulation's kill -9) sends nothing, so the coordinator waits
// session.timeout.ms before it rebalances.
//
// Everything poll() returns is recorded in the shared ConsumptionLog, which outlives
// the node. A restarted consumer is a new process: new member id, positions from the
// committed offsets, and (for a generated console-consumer group) a new group.
//
// Simplification: request timeouts of the network client still fire during a pause;
// a real client would notice them when it wakes.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "broker_model/client/client_metadata.h"
#include "broker_model/client/consumer_config.h"
#include "broker_model/client/consumer_coordinator.h"
#include "broker_model/client/consumption_log.h"
#include "broker_model/client/fetcher.h"
#include "broker_model/client/subscription_state.h"
#include "broker_model/protocol/network_client.h"
#include "sim/node.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

/// How the simulated application uses its consumer.
struct ConsumerWorkload {
    /// The argument of poll(Duration): how long one poll waits when no records are there.
    sim::Duration poll_timeout = std::chrono::milliseconds(100);
    /// Processing time per record, spent after each poll before the next one.
    sim::Duration processing_per_record{0};
    /// A manual commit after processing each poll's records (used with
    /// enable.auto.commit=false): none, commitSync (the loop waits for it) or commitAsync.
    enum class Commit : std::uint8_t { none, sync, async };
    Commit commit_after_processing = Commit::none;
    /// When the application starts, after the node boots.
    sim::Duration start_delay{0};
};

struct ConsumerOptions {
    ConsumerConfig config;
    ConsumerWorkload workload;
    /// subscribe(topics): group membership. Requires a group (group.id or random_group_id).
    std::vector<std::string> topics;
    /// assign(partitions): no membership; a group.id, if any, is used for commits only.
    std::vector<TopicPartition> partitions;
    /// Where deliveries, polls, commits and status go; shared and crash-proof.
    std::shared_ptr<ConsumptionLog> log;
};

class Consumer final : public sim::Node {
public:
    Consumer(sim::NodeContext& context, ConsumerOptions options);
    ~Consumer() override;

    /// The factory to give Simulation::add_node; every restart builds a fresh process.
    static sim::NodeFactory factory(ConsumerOptions options);

    void on_start() override;
    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override;
    void on_disconnect(sim::NodeIndex peer) override;

    // --- The application's controls (scenarios, tests) ---------------------------
    /// A long GC: the whole process stops for `duration`.
    void pause(sim::Duration duration);
    /// The application thread blocks for `duration`; the heartbeat thread does not.
    void stall(sim::Duration duration);
    /// commitSync() of every position, retried until default.api.timeout.ms.
    void commit_sync(std::function<void(Error)> done = {});
    /// commitAsync() of every position, no retry.
    void commit_async(std::function<void(Error)> done = {});
    /// KafkaConsumer.close(): stops the loop, commits with auto-commit, sends
    /// LeaveGroup. `closed` runs once that is done; the process may then end.
    void close(std::function<void()> closed = {});

    // --- Observation ---------------------------------------------------------------
    /// group.id in force ("" without a group), including a generated one.
    const std::string& group_id() const { return group_id_; }
    const std::string& client_id() const { return client_id_; }
    const SubscriptionState& subscriptions() const { return subscriptions_; }
    /// Null for a consumer without a group.
    const ConsumerCoordinator* coordinator() const { return coordinator_.get(); }
    const ConsumerConfig& config() const { return config_; }
    const std::shared_ptr<ConsumptionLog>& log() const { return log_; }
    bool closed() const { return app_ == AppState::closed; }
    std::uint64_t records_consumed() const { return records_consumed_; }

private:
    /// Where the application thread is.
    enum class AppState : std::uint8_t { starting, polling, processing, committing, closed };

    void begin_poll();
    void poll_step();
    void poll_once();
    void on_poll_timeout();
    void finish_poll(const PolledRecords& records);
    void after_processing();
    void on_progress();
    void reset_without_group();
    void set_app_timer(sim::Duration delay, const char* label, void (Consumer::*step)());
    bool app_blocked() const;
    sim::Time app_blocked_until() const { return std::max(paused_until_, stalled_until_); }
    void resume_after_pause();
    void publish_status();

    ConsumerOptions options_;
    const ConsumerConfig& config_;
    std::string group_id_;
    std::string client_id_;
    std::shared_ptr<ConsumptionLog> log_;
    NetworkClient network_;
    ClientMetadata metadata_;
    SubscriptionState subscriptions_;
    Fetcher fetcher_;
    std::unique_ptr<ConsumerCoordinator> coordinator_;

    AppState app_ = AppState::starting;
    /// The one pending timer of the application thread (poll deadline or processing).
    sim::TimerId app_timer_;
    /// Re-entrancy guard: progress reported while a poll step runs loops, not recurses.
    bool in_poll_step_ = false;
    bool progress_pending_ = false;
    sim::Time paused_until_{};
    sim::Time stalled_until_{};
    /// Messages and disconnects (null message) that arrived during a pause, in order.
    std::vector<std::pair<sim::NodeIndex, sim::MessagePtr>> deferred_;
    sim::TimerId resume_timer_;
    std::uint64_t records_consumed_ = 0;
    std::optional<sim::Time> last_poll_time_;
    Error fatal_error_ = Error::none;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
