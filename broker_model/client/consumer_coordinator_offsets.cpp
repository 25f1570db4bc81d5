// ConsumerCoordinator: committing offsets (auto-commit, commitAsync, commitSync) and
// fetching the committed offsets of newly assigned partitions (OffsetFetch).
#include "broker_model/client/consumer_coordinator.h"

namespace kafkalab::kafka {
namespace {

/// Errors after which commitSync tries again (Kafka's RetriableCommitFailedException
/// family): the coordinator moved, is loading, or did not answer.
bool commit_retriable(Error error) {
    return error == Error::coordinator_not_available || error == Error::not_coordinator ||
           error == Error::coordinator_load_in_progress || error == Error::request_timed_out ||
           error == Error::network_exception;
}

}  // namespace

// --- Commits -------------------------------------------------------------------

void ConsumerCoordinator::maybe_auto_commit() {
    if (!config_.auto_commit_enabled() || now() < next_auto_commit_ || auto_commit_in_flight_) return;
    // ConsumerCoordinator.maybeAutoCommitOffsetsAsync: runs inside poll(), so it commits
    // the positions after the records the previous poll returned, which the application
    // has processed by now. A crash before the next commit re-delivers them.
    next_auto_commit_ = now() + config_.auto_commit_interval;
    auto consumed = subscriptions_.all_consumed();
    if (consumed.empty()) return;
    auto_commit_in_flight_ = true;
    commit_async(std::move(consumed), true, [this](Error error) {
        auto_commit_in_flight_ = false;
        if (commit_retriable(error)) next_auto_commit_ = now() + config_.retry_backoff;
    });
}

void ConsumerCoordinator::commit_async(std::map<TopicPartition, Offset> offsets, bool automatic, CommitCallback done) {
    send_commit(std::move(offsets), automatic, std::move(done));
}

void ConsumerCoordinator::commit_sync(std::map<TopicPartition, Offset> offsets, bool automatic, CommitCallback done) {
    retry_commit(std::move(offsets), automatic, now() + config_.default_api_timeout, std::move(done));
}

void ConsumerCoordinator::retry_commit(std::map<TopicPartition, Offset> offsets, bool automatic, sim::Time deadline,
                                       CommitCallback done) {
    auto again = [this, offsets, automatic, deadline, done](Error error) {
        if (!commit_retriable(error) || now() >= deadline) return done(error);
        auto alive = alive_;
        context_.set_timer(config_.retry_backoff, "commitSync retry", [this, alive, offsets, automatic, deadline, done] {
            if (*alive) retry_commit(offsets, automatic, deadline, done);
        });
    };
    send_commit(std::move(offsets), automatic, std::move(again));
}

void ConsumerCoordinator::send_commit(std::map<TopicPartition, Offset> offsets, bool automatic, CommitCallback done) {
    if (offsets.empty()) return done(Error::none);
    if (!ensure_coordinator()) return done(Error::coordinator_not_available);
    Generation generation{-1};
    std::string member_id;
    if (subscriptions_.mode() == SubscriptionState::Mode::subscribed) {
        // sendOffsetCommitRequest: a group member commits only with a stable generation.
        if (state_ != MemberState::stable || generation_lost_) {
            return done(rebalancing() && !generation_lost_ ? Error::rebalance_in_progress : Error::unknown_member_id);
        }
        generation = generation_;
        member_id = member_id_;
    }
    auto request = std::make_shared<OffsetCommitRequest>();
    request->group_id = identity_.group_id;
    request->generation_id = generation;
    request->member_id = member_id;
    for (const auto& [tp, offset] : offsets) request->offsets.push_back({tp, offset, ""});
    auto alive = alive_;
    network_.send(coordinator_->node, request, config_.request_timeout,
                  [this, alive, offsets, automatic, generation, done](Error error, const sim::MessagePtr& response) {
                      if (*alive) on_commit_response(offsets, automatic, generation, error, response, done);
                  });
}

void ConsumerCoordinator::on_commit_response(const std::map<TopicPartition, Offset>& offsets, bool automatic,
                                             Generation generation, Error error, const sim::MessagePtr& response,
                                             const CommitCallback& done) {
    std::map<TopicPartition, Error> results;
    for (const auto& [tp, offset] : offsets) results[tp] = error;
    if (error == Error::none) {
        for (const auto& [tp, result] : message_as<OffsetCommitResponse>(*response).results) results[tp] = result;
    }
    Error first = Error::none;
    for (const auto& [tp, result] : results) {
        if (result == Error::none) {
            known_committed_[tp] = offsets.at(tp);
        } else if (first == Error::none) {
            first = result;
        }
        if (log_) {
            log_->add_commit({identity_.consumer, identity_.group_id, now(), tp, offsets.at(tp), result, automatic,
                              generation});
        }
    }
    if (is_coordinator_error(first)) {
        mark_coordinator_unknown();
    } else if ((first == Error::unknown_member_id || first == Error::illegal_generation) && generation == generation_ &&
               generation.value >= 0) {
        reset_generation();  // CommitFailedException: the group moved on without us
    } else if (first == Error::rebalance_in_progress) {
        rejoin_needed_ = true;
    }
    done(first);
    notify();
}

// --- Committed offsets -------------------------------------------------------------

void ConsumerCoordinator::refresh_committed_offsets() {
    std::vector<TopicPartition> wanted;
    for (const auto& tp : subscriptions_.partitions_in(FetchState::initializing)) {
        if (!offset_fetch_in_flight_.contains(tp)) wanted.push_back(tp);
    }
    if (wanted.empty() || now() < next_offset_fetch_attempt_) return;
    // Committed offsets belong to a generation's assignment: wait until it is settled.
    if (subscriptions_.mode() == SubscriptionState::Mode::subscribed && state_ != MemberState::stable) return;
    if (!ensure_coordinator()) return;
    auto request = std::make_shared<OffsetFetchRequest>();
    request->group_id = identity_.group_id;
    request->partitions = wanted;
    for (const auto& tp : wanted) offset_fetch_in_flight_.insert(tp);
    auto alive = alive_;
    network_.send(coordinator_->node, request, config_.request_timeout,
                  [this, alive, wanted](Error error, const sim::MessagePtr& response) {
                      if (*alive) on_offset_fetch(error, response, wanted);
                  });
}

void ConsumerCoordinator::on_offset_fetch(Error error, const sim::MessagePtr& response,
                                          const std::vector<TopicPartition>& asked) {
    for (const auto& tp : asked) offset_fetch_in_flight_.erase(tp);
    if (error == Error::none) error = message_as<OffsetFetchResponse>(*response).error;
    if (error != Error::none) {
        // COORDINATOR_LOAD_IN_PROGRESS while the new coordinator reads __consumer_offsets;
        // coordinator errors mean another broker coordinates now.
        if (is_coordinator_error(error)) mark_coordinator_unknown();
        next_offset_fetch_attempt_ = now() + config_.retry_backoff;
        return notify();
    }
    for (const auto& [tp, offset] : message_as<OffsetFetchResponse>(*response).offsets) {
        if (offset.value >= 0) known_committed_[tp] = offset;
        const AssignedPartition* state = subscriptions_.find(tp);
        if (!state || state->state != FetchState::initializing) continue;
        // No committed offset: auto.offset.reset decides (ConsumerCoordinator.refreshCommittedOffsets).
        if (offset.value >= 0) {
            subscriptions_.seek(tp, offset);
        } else {
            subscriptions_.request_reset(tp);
        }
    }
    notify();
}

}  // namespace kafkalab::kafka
