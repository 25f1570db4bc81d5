#include "broker_model/client/consumer.h"

#include <algorithm>
#include <cassert>

namespace kafkalab::kafka {
namespace {

ClientMetadataConfig metadata_config(const ConsumerConfig& config) {
    ClientMetadataConfig out;
    out.bootstrap_servers = config.bootstrap_servers;
    out.metadata_max_age = config.metadata_max_age;
    out.retry_backoff = config.retry_backoff;
    out.request_timeout = config.request_timeout;
    return out;
}

}  // namespace

Consumer::Consumer(sim::NodeContext& context, ConsumerOptions options)
    : sim::Node(context),
      options_(std::move(options)),
      config_(options_.config),
      client_id_(config_.client_id),
      log_(options_.log ? options_.log : std::make_shared<ConsumptionLog>()),
      network_(context, ReconnectBackoff{config_.reconnect_backoff, config_.reconnect_backoff_max}),
      metadata_(context, network_, metadata_config(config_)),
      subscriptions_(config_.auto_offset_reset),
      fetcher_(context, network_, metadata_, subscriptions_, config_) {
    if (config_.group_id) {
        group_id_ = *config_.group_id;
    } else if (config_.random_group_id) {
        // kafka-console-consumer's "console-consumer-" + Random.nextInt(100000).
        group_id_ = console_consumer_group_id(context.random().below(100'000));
    }
    // ConsumerConfig's default client.id: "consumer-<group>-<n>", or "consumer-<n>" without
    // a group, n counting the consumers of the JVM. Each consumer here is its own
    // process (a restart is a new JVM), so n is 1.
    if (client_id_.empty()) client_id_ = group_id_.empty() ? "consumer-1" : "consumer-" + group_id_ + "-1";
    if (!group_id_.empty()) {
        coordinator_ = std::make_unique<ConsumerCoordinator>(
            context, network_, metadata_, subscriptions_, config_,
            CoordinatorIdentity{context.name(), client_id_, group_id_}, log_);
        coordinator_->set_listener([this] { on_progress(); });
    }
    fetcher_.set_listener([this] { on_progress(); });
    metadata_.set_listener([this] {
        if (coordinator_) coordinator_->on_metadata_update();
        on_progress();
    });
}

Consumer::~Consumer() {
    *alive_ = false;
    context().cancel_timer(app_timer_);
    context().cancel_timer(resume_timer_);
    // The process is gone (crash or the end of the run): say so, and own nothing.
    ConsumerStatus& status = log_->status_of(context().name());
    status.running = false;
    status.assignment.clear();
    status.rebalancing = false;
}

sim::NodeFactory Consumer::factory(ConsumerOptions options) {
    if (!options.log) options.log = std::make_shared<ConsumptionLog>();
    return [options](sim::NodeContext& context) { return std::make_unique<Consumer>(context, options); };
}

void Consumer::on_start() {
    if (!config_.validate().empty()) {
        // KafkaConsumer's constructor throws a ConfigException: the application never runs.
        fatal_error_ = Error::invalid_config;
        app_ = AppState::closed;
        return publish_status();
    }
    if (!options_.topics.empty()) {
        if (group_id_.empty()) {
            // KafkaConsumer.subscribe without group.id throws InvalidGroupIdException.
            fatal_error_ = Error::invalid_group_id;
            app_ = AppState::closed;
            return publish_status();
        }
        subscriptions_.subscribe(options_.topics);
        for (const auto& topic : subscriptions_.topics()) metadata_.add_topic(topic);
    } else {
        subscriptions_.assign(options_.partitions);
        for (const auto& tp : options_.partitions) metadata_.add_topic(tp.topic);
    }
    publish_status();
    set_app_timer(options_.workload.start_delay, "consumer application start", &Consumer::begin_poll);
}

void Consumer::on_message(sim::NodeIndex from, const sim::MessagePtr& message) {
    if (context().now() < paused_until_) {
        deferred_.emplace_back(from, message);  // a frozen process reads nothing
        return;
    }
    network_.on_response(from, message);
    publish_status();
}

void Consumer::on_disconnect(sim::NodeIndex peer) {
    if (context().now() < paused_until_) {
        deferred_.emplace_back(peer, nullptr);
        return;
    }
    network_.on_disconnect(peer);
    if (coordinator_) coordinator_->on_disconnect(peer);
    publish_status();
}

// --- The application loop ----------------------------------------------------------

void Consumer::set_app_timer(sim::Duration delay, const char* label, void (Consumer::*step)()) {
    context().cancel_timer(app_timer_);
    auto alive = alive_;
    app_timer_ = context().set_timer(delay, label, [this, alive, step] {
        if (!*alive || app_ == AppState::closed) return;
        if (app_blocked()) {
            // Paused or stalled: the application thread resumes where it was.
            return set_app_timer(app_blocked_until() - context().now(), "consumer application resumes", step);
        }
        (this->*step)();
    });
}

bool Consumer::app_blocked() const { return context().now() < app_blocked_until(); }

void Consumer::begin_poll() {
    // KafkaConsumer.poll(poll_timeout) starts.
    app_ = AppState::polling;
    last_poll_time_ = context().now();
    set_app_timer(options_.workload.poll_timeout, "consumer poll timeout", &Consumer::on_poll_timeout);
    poll_step();
}

void Consumer::on_progress() {
    // A response changed something; a poll waiting for records looks again.
    if (app_ != AppState::polling || app_blocked()) return;
    poll_step();
}

void Consumer::poll_step() {
    if (in_poll_step_) {
        progress_pending_ = true;
        return;
    }
    in_poll_step_ = true;
    do {
        progress_pending_ = false;
        poll_once();
    } while (progress_pending_ && app_ == AppState::polling);
    in_poll_step_ = false;
    publish_status();
}

void Consumer::poll_once() {
    // KafkaConsumer.poll: group work, positions, then records if any wait.
    if (coordinator_) {
        coordinator_->poll();
        if (coordinator_->fatal_error() != Error::none) fatal_error_ = coordinator_->fatal_error();
    } else {
        reset_without_group();
    }
    if (coordinator_ && !coordinator_->has_stable_assignment()) return;
    fetcher_.reset_positions();
    if (fetcher_.has_records()) {
        auto records = fetcher_.collect(config_.max_poll_records);
        // Pipelining: the next fetches go out before the application gets the records.
        fetcher_.send_fetches();
        if (!records.empty()) return finish_poll(records);
    }
    fetcher_.send_fetches();
}

void Consumer::reset_without_group() {
    // Without a group there are no committed offsets: auto.offset.reset decides at once.
    for (const auto& tp : subscriptions_.partitions_in(FetchState::initializing)) subscriptions_.request_reset(tp);
}

void Consumer::on_poll_timeout() {
    poll_step();
    if (app_ == AppState::polling) finish_poll({});  // poll() returned nothing
}

void Consumer::finish_poll(const PolledRecords& records) {
    app_ = AppState::processing;
    const std::size_t count = records.count();
    if (count > 0) {
        Generation generation = coordinator_ ? coordinator_->generation() : Generation{-1};
        log_->add_poll(context().name(), group_id_, context().now(), generation, records);
        records_consumed_ += count;
    }
    // The application processes the records, then polls again. An empty poll loops at once.
    sim::Duration processing = options_.workload.processing_per_record * static_cast<std::int64_t>(count);
    set_app_timer(processing, "consumer processing", &Consumer::after_processing);
}

void Consumer::after_processing() {
    using Commit = ConsumerWorkload::Commit;
    const bool consumed_something = !subscriptions_.all_consumed().empty();
    if (options_.workload.commit_after_processing == Commit::sync && coordinator_ && consumed_something) {
        app_ = AppState::committing;
        auto alive = alive_;
        return commit_sync([this, alive](Error) {
            if (*alive && app_ == AppState::committing) begin_poll();
        });
    }
    if (options_.workload.commit_after_processing == Commit::async && coordinator_ && consumed_something) {
        commit_async();
    }
    begin_poll();
}

// --- Application controls ------------------------------------------------------------

void Consumer::commit_sync(std::function<void(Error)> done) {
    if (!coordinator_) {
        if (done) done(Error::invalid_group_id);  // commits need a group.id
        return;
    }
    coordinator_->commit_sync(subscriptions_.all_consumed(), false, [done](Error error) {
        if (done) done(error);
    });
}

void Consumer::commit_async(std::function<void(Error)> done) {
    if (!coordinator_) {
        if (done) done(Error::invalid_group_id);
        return;
    }
    coordinator_->commit_async(subscriptions_.all_consumed(), false, [done](Error error) {
        if (done) done(error);
    });
}

void Consumer::pause(sim::Duration duration) {
    paused_until_ = std::max(paused_until_, context().now() + duration);
    if (coordinator_) coordinator_->freeze_until(paused_until_);
    context().cancel_timer(resume_timer_);
    auto alive = alive_;
    resume_timer_ = context().set_timer(paused_until_ - context().now(), "consumer wakes from pause", [this, alive] {
        if (*alive) resume_after_pause();
    });
}

void Consumer::resume_after_pause() {
    // What arrived while the process was frozen is read now, in arrival order.
    auto waiting = std::move(deferred_);
    deferred_.clear();
    auto alive = alive_;
    for (auto& [peer, message] : waiting) {
        if (!*alive) return;
        if (message) {
            on_message(peer, message);
        } else {
            on_disconnect(peer);
        }
    }
}

void Consumer::stall(sim::Duration duration) {
    stalled_until_ = std::max(stalled_until_, context().now() + duration);
}

void Consumer::close(std::function<void()> closed) {
    if (app_ == AppState::closed) {
        if (closed) closed();
        return;
    }
    app_ = AppState::closed;
    context().cancel_timer(app_timer_);
    auto finish = [this, alive = alive_, closed] {
        if (*alive) {
            log_->status_of(context().name()).running = false;
            publish_status();
        }
        if (closed) closed();
    };
    if (coordinator_) return coordinator_->close(finish);
    finish();
}

// --- Status ----------------------------------------------------------------------------

void Consumer::publish_status() {
    ConsumerStatus& s = log_->status_of(context().name());
    s.client_id = client_id_;
    s.group = group_id_;
    s.running = app_ != AppState::closed;
    s.subscribed = subscriptions_.mode() == SubscriptionState::Mode::subscribed;
    s.topics = subscriptions_.topics();
    s.records_consumed = records_consumed_;
    s.error = fatal_error_;
    s.last_poll = last_poll_time_;
    s.assignment.clear();
    for (const auto& [tp, p] : subscriptions_.assignment()) {
        PartitionStatus ps{p.position, std::nullopt, p.high_watermark, p.state == FetchState::no_offset};
        if (coordinator_) {
            auto it = coordinator_->known_committed().find(tp);
            if (it != coordinator_->known_committed().end()) ps.committed = it->second;
        }
        s.assignment.emplace(tp, ps);
    }
    if (!coordinator_) return;
    s.member_id = coordinator_->member_id();
    s.generation = coordinator_->generation();
    s.member_state = coordinator_->state();
    s.rebalancing = coordinator_->rebalancing();
    s.coordinator = coordinator_->coordinator_id();
    s.protocol = coordinator_->protocol_name();
    s.committed = coordinator_->known_committed();
    s.rebalances = coordinator_->completed_rebalances();
    s.partitions_revoked = coordinator_->partitions_revoked();
    s.partitions_lost = coordinator_->partitions_lost();
}

}  // namespace kafkalab::kafka
