#include "broker_model/client/fetcher.h"

#include <algorithm>
#include <map>

namespace kafkalab::kafka {
namespace {

std::int32_t to_ms(sim::Duration d) {
    return static_cast<std::int32_t>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

}  // namespace

Fetcher::Fetcher(sim::NodeContext& context, NetworkClient& network, ClientMetadata& metadata,
                 SubscriptionState& subscriptions, const ConsumerConfig& config)
    : context_(context), network_(network), metadata_(metadata), subscriptions_(subscriptions), config_(config) {}

Fetcher::~Fetcher() { *alive_ = false; }

void Fetcher::notify() {
    if (listener_) listener_();
}

void Fetcher::want_metadata() {
    if (metadata_requested_at_ == metadata_.updates()) return;
    metadata_requested_at_ = metadata_.updates();
    metadata_.request_update();
}

bool Fetcher::awaiting_metadata(const TopicPartition& tp) const {
    auto it = awaiting_metadata_.find(tp);
    return it != awaiting_metadata_.end() && it->second == metadata_.updates();
}

bool Fetcher::is_buffered(const TopicPartition& tp) const {
    return std::any_of(completed_.begin(), completed_.end(), [&](const auto& c) { return c.partition == tp; });
}

// --- Fetch ---------------------------------------------------------------------

void Fetcher::send_fetches() {
    drop_stale();
    // Fetcher.prepareFetchRequests: group fetchable partitions by their leader.
    std::map<sim::NodeIndex, std::vector<TopicPartition>> by_leader;
    bool leader_missing = false;
    for (const auto& [tp, state] : subscriptions_.assignment()) {
        if (state.state != FetchState::fetching || is_buffered(tp) || awaiting_metadata(tp)) continue;
        auto leader = metadata_.leader_node(tp);
        if (!leader) {
            leader_missing = true;
            continue;
        }
        if (fetch_in_flight_.contains(*leader)) continue;
        by_leader[*leader].push_back(tp);
    }
    if (leader_missing) want_metadata();
    for (const auto& [node, partitions] : by_leader) send_fetch(node, partitions);
}

void Fetcher::send_fetch(sim::NodeIndex node, const std::vector<TopicPartition>& partitions) {
    auto request = std::make_shared<FetchRequest>();
    request->replica_id = no_broker;
    request->max_wait_ms = to_ms(config_.fetch_max_wait);
    request->min_bytes = config_.fetch_min_bytes;
    request->max_bytes = config_.fetch_max_bytes;
    std::map<TopicPartition, Offset> fetched_at;
    for (const auto& tp : partitions) {
        Offset position = *subscriptions_.find(tp)->position;
        fetched_at.emplace(tp, position);
        // KIP-320: name the epoch we believe current, so a deposed leader fences us.
        request->partitions.push_back({tp, position, metadata_.leader_epoch(tp), config_.max_partition_fetch_bytes});
    }
    fetch_in_flight_.insert(node);
    auto alive = alive_;
    // The broker may hold the fetch for fetch.max.wait.ms on top of the request timeout.
    network_.send(node, request, config_.request_timeout + config_.fetch_max_wait,
                  [this, alive, node, fetched_at](Error error, const sim::MessagePtr& response) {
                      if (*alive) on_fetch_response(node, error, response, fetched_at);
                  });
}

void Fetcher::on_fetch_response(sim::NodeIndex node, Error error, const sim::MessagePtr& response,
                                const std::map<TopicPartition, Offset>& fetched_at) {
    fetch_in_flight_.erase(node);
    if (error != Error::none) {
        // A dead or unreachable leader: learn who leads now before asking it again.
        for (const auto& [tp, offset] : fetched_at) awaiting_metadata_[tp] = metadata_.updates();
        want_metadata();
        notify();
        return;
    }
    for (const auto& data : message_as<FetchResponse>(*response).partitions) {
        auto it = fetched_at.find(data.partition);
        if (it != fetched_at.end()) on_partition_data(data, it->second);
    }
    notify();
}

void Fetcher::on_partition_data(const FetchPartitionResponse& data, Offset fetched_at) {
    const TopicPartition& tp = data.partition;
    const AssignedPartition* state = subscriptions_.find(tp);
    // Revoked, reset or sought elsewhere while the fetch was out: the data is stale.
    if (!state || state->state != FetchState::fetching || state->position != fetched_at) return;
    if (data.error == Error::offset_out_of_range) {
        // Fetcher.handleOffsetOutOfRange: reset with auto.offset.reset, or stop on none.
        subscriptions_.request_reset(tp);
        return;
    }
    if (data.error != Error::none) {
        // The leader moved (or this broker does not know it yet): fetch again once the
        // metadata has been refreshed.
        awaiting_metadata_[tp] = metadata_.updates();
        want_metadata();
        return;
    }
    awaiting_metadata_.erase(tp);
    subscriptions_.update_high_watermark(tp, data.high_watermark);
    // Only what lies at or past the position is returned; a response starts at the
    // batch holding the fetch offset, so the first batch may begin before it.
    CompletedFetch completed{tp, {}, 0, fetched_at};
    for (const auto& batch : data.batches) {
        if (batch.next_offset() > fetched_at) completed.batches.push_back(batch);
    }
    if (!completed.batches.empty()) {
        completed.next_offset = std::max(fetched_at, completed.batches.front().base_offset);
        completed_.push_back(std::move(completed));
    }
}

// --- Collect -------------------------------------------------------------------

bool Fetcher::is_next(const CompletedFetch& completed) const {
    const AssignedPartition* state = subscriptions_.find(completed.partition);
    return state && state->position && completed.next_offset == *state->position;
}

bool Fetcher::has_records() const {
    return std::any_of(completed_.begin(), completed_.end(), [this](const auto& c) { return is_next(c); });
}

PolledRecords Fetcher::collect(std::int32_t max_records) {
    PolledRecords out;
    std::int64_t room = max_records;
    // Drain the oldest response first, as Fetcher.collectFetch does, until the limit.
    while (!completed_.empty() && room > 0) {
        CompletedFetch& c = completed_.front();
        if (!is_next(c)) {
            completed_.pop_front();  // revoked or moved: these records are not next anymore
            continue;
        }
        while (c.batch < c.batches.size() && room > 0) {
            const StoredBatch& batch = c.batches[c.batch];
            const Offset until = std::min(batch.next_offset(), c.next_offset + room);
            out.add(c.partition, batch.slice(c.next_offset, until));
            room -= until - c.next_offset;
            c.next_offset = until;
            if (until == batch.next_offset()) {
                ++c.batch;
                if (c.batch < c.batches.size()) c.next_offset = std::max(until, c.batches[c.batch].base_offset);
            }
        }
        subscriptions_.advance(c.partition, c.next_offset);
        if (c.batch == c.batches.size()) completed_.pop_front();
    }
    return out;
}

void Fetcher::drop_stale() {
    std::erase_if(completed_, [this](const auto& c) { return !is_next(c); });
}

// --- Reset (ListOffsets) -------------------------------------------------------

void Fetcher::reset_positions() {
    if (context_.now() < next_reset_attempt_) return;
    std::map<sim::NodeIndex, std::vector<TopicPartition>> by_leader;
    bool leader_missing = false;
    for (const auto& tp : subscriptions_.partitions_in(FetchState::awaiting_reset)) {
        if (reset_in_flight_.contains(tp)) continue;
        auto leader = metadata_.leader_node(tp);
        if (!leader) {
            leader_missing = true;
            continue;
        }
        by_leader[*leader].push_back(tp);
    }
    if (leader_missing) want_metadata();
    for (const auto& [node, partitions] : by_leader) send_list_offsets(node, partitions);
}

void Fetcher::send_list_offsets(sim::NodeIndex node, const std::vector<TopicPartition>& partitions) {
    auto request = std::make_shared<ListOffsetsRequest>();
    for (const auto& tp : partitions) {
        const bool earliest = subscriptions_.find(tp)->reset_strategy == AutoOffsetReset::earliest;
        request->partitions.push_back({tp, earliest ? earliest_timestamp : latest_timestamp});
        reset_in_flight_.insert(tp);
    }
    auto alive = alive_;
    network_.send(node, request, config_.request_timeout,
                  [this, alive, partitions](Error error, const sim::MessagePtr& response) {
                      if (*alive) on_list_offsets_response(error, response, partitions);
                  });
}

void Fetcher::on_list_offsets_response(Error error, const sim::MessagePtr& response,
                                       const std::vector<TopicPartition>& asked) {
    for (const auto& tp : asked) reset_in_flight_.erase(tp);
    bool failed = error != Error::none;
    if (!failed) {
        for (const auto& answer : message_as<ListOffsetsResponse>(*response).partitions) {
            const AssignedPartition* state = subscriptions_.find(answer.partition);
            if (!state || state->state != FetchState::awaiting_reset) continue;
            if (answer.error != Error::none) {
                failed = true;
                continue;
            }
            subscriptions_.seek(answer.partition, answer.offset);
        }
    }
    if (failed) {
        // OffsetFetcher: refresh the leaders and try again after retry.backoff.ms.
        want_metadata();
        next_reset_attempt_ = context_.now() + config_.retry_backoff;
    }
    notify();
}

}  // namespace kafkalab::kafka
