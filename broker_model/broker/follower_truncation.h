#pragma once
// How a replica that starts following finds the divergent tail of its log, by the
// Kafka release the cluster runs (Kafka's AbstractFetcherThread, whose choice rests on
// the inter-broker protocol version):
//
//   before 0.11   cut back to its own high watermark, then fetch (no leader epochs);
//   0.11 to 2.7   ask the leader where its latest epoch ended (OffsetsForLeaderEpoch,
//                 KIP-101/KIP-279) and cut there before the first fetch;
//   2.8 and on    fetch at once, naming the epoch of its last record (Fetch v12's
//                 LastFetchedEpoch); a leader whose log differs there answers with a
//                 DivergingEpoch (epoch, end offset) instead of records, and the
//                 follower cuts from that (KAFKA-10554; isTruncationOnFetchSupported,
//                 IBP 2.7-IV1, which 2.8 is the first release to use for followers).
#include <cstdint>

#include "broker_model/config/kafka_version.h"

namespace kafkalab::kafka {

enum class FollowerTruncation : std::uint8_t {
    to_high_watermark,
    offsets_for_leader_epoch,
    on_fetch_response,
};

/// The mechanism of the Kafka release `era`.
FollowerTruncation follower_truncation_in(KafkaVersion era);

}  // namespace kafkalab::kafka
