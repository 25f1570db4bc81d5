#include "broker_model/broker/follower_truncation.h"

namespace kafkalab::kafka {

FollowerTruncation follower_truncation_in(KafkaVersion era) {
    if (era < KafkaVersion{0, 11, 0}) return FollowerTruncation::to_high_watermark;
    // 2.7 already had Fetch v12 (for KIP-595's Raft), but its ReplicaFetcherThread did
    // not send LastFetchedEpoch yet; 2.8 is where followers truncate on the response.
    if (era < KafkaVersion{2, 8, 0}) return FollowerTruncation::offsets_for_leader_epoch;
    return FollowerTruncation::on_fetch_response;
}

}  // namespace kafkalab::kafka
