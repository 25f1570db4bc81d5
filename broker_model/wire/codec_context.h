#pragma once
// What the codecs need to know beyond the bytes: where real clients reach each
// simulated broker (Metadata and FindCoordinator advertise it), and which record id
// the simulation gives each produced record (the checker follows records by id).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "broker_model/common/types.h"
#include "broker_model/log/record_data.h"

namespace kafkalab::kafka::wire {

struct AdvertisedAddress {
    std::string host;
    std::int32_t port = 9092;
};

struct EncodeContext {
    /// The address real clients use for the simulated broker named `host` ("broker-1").
    std::function<AdvertisedAddress(BrokerId id, std::string_view host, std::int32_t port)> address;
    std::string cluster_id = "kafkalab";
};

struct DecodeContext {
    /// Called once per produced record, in the request's order.
    std::function<RecordId(const TopicPartition& partition, std::optional<std::string_view> key,
                           std::string_view value, std::int64_t timestamp_ms)>
        record_id;
    /// The client's address as Kafka shows it in a group's members ("/127.0.0.1").
    std::string client_host;
};

}  // namespace kafkalab::kafka::wire
