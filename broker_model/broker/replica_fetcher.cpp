#include "broker_model/broker/replica_fetcher.h"

#include <algorithm>

#include "broker_model/broker/log_truncation.h"

namespace kafkalab::kafka {

ReplicaFetcherManager::~ReplicaFetcherManager() { *alive_ = false; }

void ReplicaFetcherManager::add(const TopicPartition& tp, BrokerId leader, LeaderEpoch leader_epoch) {
    remove(tp);
    FetchState state;
    state.leader_epoch = leader_epoch;
    PartitionLog& log = services_.logs.get_or_create(tp);
    state.log = &log;
    if (services_.follower_truncation == FollowerTruncation::to_high_watermark) {
        // Before KIP-101 a new follower cut its log back to its high watermark, which
        // could throw away records that were committed (the HW lags one fetch behind).
        truncate_and_record(services_.context, log, tp, log.high_watermark(), TruncationCause::high_watermark);
        state.truncating = false;
    } else if (!log.latest_epoch()) {
        state.truncating = false;  // an empty log has nothing to diverge
    } else if (services_.follower_truncation == FollowerTruncation::on_fetch_response) {
        // AbstractFetcherThread.partitionFetchState: with a last fetched epoch the
        // partition starts Fetching from its log end; the leader's answer says whether
        // anything must go.
        state.truncating = false;
    }
    Fetcher& fetcher = fetchers_[leader];
    fetcher.leader = leader;
    auto [it, inserted] = fetcher.partitions.try_emplace(tp, state);
    if (inserted) {
        fetcher_of_.insert(&it->first, &fetcher);
    } else {
        it->second = state;
    }
    kick(fetcher);
}

void ReplicaFetcherManager::remove(const TopicPartition& tp) {
    // add() removes first, so at most one fetcher follows tp.
    Fetcher* fetcher = fetcher_of_.find(tp);
    if (!fetcher) return;
    fetcher_of_.erase(tp);  // before the erase below frees the key it points to
    fetcher->partitions.erase(tp);
}

std::map<TopicPartition, BrokerId> ReplicaFetcherManager::followed() const {
    std::map<TopicPartition, BrokerId> out;
    for (const auto& [leader, fetcher] : fetchers_) {
        for (const auto& [tp, state] : fetcher.partitions) out[tp] = leader;
    }
    return out;
}

void ReplicaFetcherManager::kick(BrokerId leader) {
    auto it = fetchers_.find(leader);
    if (it != fetchers_.end()) kick(it->second);
}

sim::NodeIndex ReplicaFetcherManager::leader_node(Fetcher& fetcher) {
    // Only a metadata update can change the answer; a miss is asked again, since the
    // leader's node may yet be added.
    if (fetcher.node == sim::no_node || fetcher.node_version != services_.metadata.version()) {
        fetcher.node = services_.node_of(fetcher.leader);
        fetcher.node_version = services_.metadata.version();
    }
    return fetcher.node;
}

void ReplicaFetcherManager::kick(Fetcher& fetcher) {
    if (fetcher.in_flight || fetcher.backing_off || fetcher.partitions.empty()) return;
    bool any_truncating = std::any_of(fetcher.partitions.begin(), fetcher.partitions.end(),
                                      [](const auto& p) { return p.second.truncating && !p.second.delayed; });
    if (any_truncating) {
        send_epoch_queries(fetcher);
    } else {
        send_fetch(fetcher);
    }
}

void ReplicaFetcherManager::back_off(BrokerId leader) {
    Fetcher& fetcher = fetchers_[leader];
    fetcher.backing_off = true;
    auto alive = alive_;
    services_.context.set_timer(services_.config.replica_fetch_backoff, "replica fetch backoff", [this, alive, leader] {
        if (!*alive) return;
        Fetcher& f = fetchers_[leader];
        f.backing_off = false;
        for (auto& [tp, state] : f.partitions) state.delayed = false;
        kick(leader);
    });
}

void ReplicaFetcherManager::send_epoch_queries(Fetcher& fetcher) {
    auto request = std::make_shared<OffsetsForLeaderEpochRequest>();
    request->replica_id = services_.self();
    for (const auto& [tp, state] : fetcher.partitions) {
        if (!state.truncating || state.delayed) continue;
        const PartitionLog* log = services_.logs.find(tp);
        if (!log || !log->latest_epoch()) continue;
        request->partitions.push_back({tp, state.leader_epoch, *log->latest_epoch()});
    }
    if (request->partitions.empty()) {
        for (auto& [tp, state] : fetcher.partitions) state.truncating = false;
        return send_fetch(fetcher);
    }
    sim::NodeIndex to = leader_node(fetcher);
    if (to == sim::no_node) return back_off(fetcher.leader);
    fetcher.in_flight = true;
    BrokerId leader = fetcher.leader;
    auto alive = alive_;
    services_.network.send(to, request, services_.config.replica_socket_timeout,
                           [this, alive, leader](Error error, const sim::MessagePtr& response) {
                               if (!*alive) return;
                               fetchers_[leader].in_flight = false;
                               if (error != Error::none) return back_off(leader);
                               on_epoch_response(leader, message_as<OffsetsForLeaderEpochResponse>(*response));
                           });
}

bool ReplicaFetcherManager::truncate(PartitionLog& log, const EpochEndOffsetResult& answer, LeaderEpochSource source) {
    // AbstractFetcherThread.getOffsetTruncationState, for either source of the answer.
    auto truncate_to = [&](Offset end_offset) {
        truncate_and_record(services_.context, log, answer.partition, end_offset, TruncationCause::leader_epoch, source);
    };
    if (answer.end_offset.value < 0) {
        truncate_to(log.high_watermark());  // the leader knows no such epoch: fall back to the HW
        return true;
    }
    EpochEndOffset mine = log.end_offset_for_epoch(answer.leader_epoch);
    if (mine.end_offset.value < 0) {
        truncate_to(std::min(answer.end_offset, log.log_end_offset()));
        return true;
    }
    if (mine.epoch != answer.leader_epoch) {
        // KIP-279: we never saw the leader's epoch; cut to the end of our largest
        // smaller epoch and ask again about the epoch before it.
        truncate_to(std::min(mine.end_offset, log.log_end_offset()));
        return false;
    }
    truncate_to(std::min({answer.end_offset, mine.end_offset, log.log_end_offset()}));
    return true;
}

void ReplicaFetcherManager::on_epoch_response(BrokerId leader, const OffsetsForLeaderEpochResponse& response) {
    Fetcher& fetcher = fetchers_[leader];
    for (const auto& answer : response.partitions) {
        auto it = fetcher.partitions.find(answer.partition);
        if (it == fetcher.partitions.end()) continue;
        if (answer.error != Error::none) {
            it->second.delayed = true;  // stale or unknown epoch: wait for the controller
            continue;
        }
        PartitionLog* log = services_.logs.find(answer.partition);
        if (!log) continue;
        if (truncate(*log, answer, LeaderEpochSource::offsets_for_leader_epoch)) it->second.truncating = false;
    }
    bool any_delayed = std::any_of(fetcher.partitions.begin(), fetcher.partitions.end(),
                                   [](const auto& p) { return p.second.delayed; });
    if (any_delayed) return back_off(leader);
    kick(leader);
}

void ReplicaFetcherManager::send_fetch(Fetcher& fetcher) {
    auto request = std::make_shared<FetchRequest>();
    request->replica_id = services_.self();
    request->max_wait_ms = static_cast<std::int32_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(services_.config.replica_fetch_wait_max).count());
    request->min_bytes = services_.config.replica_fetch_min_bytes;
    request->partitions.reserve(fetcher.partitions.size());  // one allocation, not one per doubling
    for (const auto& [tp, state] : fetcher.partitions) {
        if (state.truncating || state.delayed) continue;
        FetchPartition& wanted = request->partitions.emplace_back(
            FetchPartition{tp, state.log->log_end_offset(), state.leader_epoch, services_.config.replica_fetch_max_bytes});
        // A follower's last fetched epoch is its log's latest: what it appended last,
        // or where a truncation left it.
        if (services_.follower_truncation == FollowerTruncation::on_fetch_response) {
            wanted.last_fetched_epoch = state.log->latest_epoch();
        }
    }
    if (request->partitions.empty()) return;
    sim::NodeIndex to = leader_node(fetcher);
    if (to == sim::no_node) return back_off(fetcher.leader);
    fetcher.in_flight = true;
    auto alive = alive_;
    // The leader may hold the fetch for replica.fetch.wait.max.ms; allow for that.
    // Fetchers are never erased, so the pointer holds (and saves a hash lookup of a
    // cold fetcher per round trip).
    services_.network.send(to, request, services_.config.replica_socket_timeout + services_.config.replica_fetch_wait_max,
                           [this, alive, f = &fetcher](Error error, const sim::MessagePtr& response) {
                               if (!*alive) return;
                               f->in_flight = false;
                               if (error != Error::none) return back_off(f->leader);
                               on_fetch_response(*f, message_as<FetchResponse>(*response));
                           });
}

void ReplicaFetcherManager::on_fetch_response(Fetcher& fetcher, const FetchResponse& response) {
    bool any_error = false;
    for (const auto& data : response.partitions) {
        auto it = fetcher.partitions.find(data.partition);
        if (it == fetcher.partitions.end() || it->second.truncating) continue;  // no longer ours to fetch
        PartitionLog* log = it->second.log;
        if (data.error == Error::offset_out_of_range) {
            it->second.truncating = true;  // diverged from the leader: find out where
            continue;
        }
        if (data.error != Error::none) {
            it->second.delayed = true;
            any_error = true;
            continue;
        }
        if (data.diverging_epoch) {
            // KAFKA-10554 (truncateOnFetchResponse): cut where the leader says the logs
            // part, and keep fetching from there. The response's high watermark waits
            // for the next fetch, as in Kafka. A cut that is not final (KIP-279: an
            // epoch this log never saw) is refined by the next fetch's answer.
            const EpochEndOffset& where = *data.diverging_epoch;
            truncate(*log, {data.partition, Error::none, where.epoch, where.end_offset},
                     LeaderEpochSource::fetch_diverging_epoch);
            continue;
        }
        for (const auto& batch : data.batches) {
            if (batch.base_offset != log->log_end_offset()) break;  // a stale response; the next fetch fixes it
            log->append_as_follower(batch);
        }
        if (services_.config.log_flush_interval_messages &&
            log->unflushed_records() >= *services_.config.log_flush_interval_messages) {
            log->flush();
        }
        // A follower's high watermark is the leader's, bounded by what it has itself.
        log->maybe_increment_high_watermark(std::min(data.high_watermark, log->log_end_offset()));
    }
    if (any_error) return back_off(fetcher.leader);
    kick(fetcher);
}

}  // namespace kafkalab::kafka
