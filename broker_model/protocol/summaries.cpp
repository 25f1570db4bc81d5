// Sizes and one-line summaries of the protocol messages, for the trace and the viewer's
// event log ("Produce payments-0 1 record acks=all").
#include <fmt/format.h>

#include "broker_model/protocol/admin_requests.h"
#include "broker_model/protocol/controller_requests.h"
#include "broker_model/protocol/fetch.h"
#include "broker_model/protocol/list_offsets.h"
#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/offsets_for_leader_epoch.h"
#include "broker_model/protocol/produce.h"

namespace kafkalab::kafka {
namespace {

const char* acks_name(Acks acks) {
    switch (acks) {
        case Acks::none: return "0";
        case Acks::leader: return "1";
        case Acks::all: return "all";
    }
    return "?";
}

template <class Items, class Name>
std::string list(const Items& items, Name name, std::size_t max_shown = 3) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < max_shown; ++i) out += (i ? " " : "") + name(items[i]);
    if (items.size() > max_shown) out += fmt::format(" (+{} more)", items.size() - max_shown);
    return out;
}

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

}  // namespace

std::string join_ids(const std::vector<BrokerId>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i].value);
    return out;
}

std::size_t ProduceRequest::size_bytes() const {
    std::size_t bytes = request_header_bytes + 12;
    for (const auto& p : partitions) bytes += 24 + p.partition.topic.size() + (p.records ? p.records->size_bytes() : 0);
    return bytes;
}

std::string ProduceRequest::summary() const {
    std::size_t records = 0;
    for (const auto& p : partitions) records += p.records ? p.records->record_count() : 0;
    return fmt::format("Produce {} {} acks={}", list(partitions, [](auto& p) { return p.partition.to_string(); }),
                       plural(records, "record"), acks_name(acks));
}

std::string ProduceResponse::summary() const {
    return "ProduceResponse " + list(partitions, [](auto& p) {
               return p.error == Error::none ? fmt::format("{}@{}", p.partition.to_string(), p.base_offset.value)
                                             : fmt::format("{} {}", p.partition.to_string(), error_name(p.error));
           });
}

std::string FetchRequest::summary() const {
    std::string who = from_follower() ? fmt::format("follower {}", replica_id.value) : "consumer";
    return fmt::format("Fetch ({}) {}", who, list(partitions, [](auto& p) {
                           return fmt::format("{}@{}", p.partition.to_string(), p.fetch_offset.value);
                       }));
}

std::size_t FetchPartitionResponse::records() const {
    std::size_t n = 0;
    for (const auto& batch : batches) n += batch.record_count;
    return n;
}

std::size_t FetchResponse::size_bytes() const {
    std::size_t bytes = response_header_bytes + 8;
    for (const auto& p : partitions) {
        bytes += 40 + p.partition.topic.size();
        if (p.diverging_epoch) bytes += 12;  // a tagged field: epoch and end offset
        for (const auto& batch : p.batches) bytes += batch.size_bytes;
    }
    return bytes;
}

std::string FetchResponse::summary() const {
    return "FetchResponse " + list(partitions, [](auto& p) {
               if (p.error != Error::none) return fmt::format("{} {}", p.partition.to_string(), error_name(p.error));
               if (p.diverging_epoch) {
                   return fmt::format("{} diverging epoch {} ends at {}", p.partition.to_string(),
                                      p.diverging_epoch->epoch.value, p.diverging_epoch->end_offset.value);
               }
               return fmt::format("{} {} hw={}", p.partition.to_string(), plural(p.records(), "record"),
                                  p.high_watermark.value);
           });
}

std::size_t MetadataRequest::size_bytes() const {
    std::size_t bytes = request_header_bytes + 8;
    if (topics) {
        for (const auto& t : *topics) bytes += 2 + t.size();
    }
    return bytes;
}

std::string MetadataRequest::summary() const {
    if (!topics) return "Metadata (all topics)";
    return "Metadata " + list(*topics, [](auto& t) { return t; });
}

std::size_t MetadataResponse::size_bytes() const {
    std::size_t bytes = response_header_bytes + 8 + 24 * brokers.size();
    for (const auto& t : topics) bytes += 24 + t.name.size() + 28 * t.partitions.size();
    return bytes;
}

std::string MetadataResponse::summary() const {
    return fmt::format("MetadataResponse {}, controller {}, {}", plural(brokers.size(), "broker"),
                       controller_id.value, list(topics, [](auto& t) {
                           return t.error == Error::none ? t.name : t.name + " " + error_name(t.error);
                       }));
}

std::string ListOffsetsRequest::summary() const {
    return "ListOffsets " + list(partitions, [](auto& p) {
               const char* which = p.timestamp == earliest_timestamp ? "earliest"
                                   : p.timestamp == latest_timestamp ? "latest"
                                                                     : "by time";
               return fmt::format("{} {}", p.partition.to_string(), which);
           });
}

std::string ListOffsetsResponse::summary() const {
    return "ListOffsetsResponse " + list(partitions, [](auto& p) {
               return p.error == Error::none ? fmt::format("{}={}", p.partition.to_string(), p.offset.value)
                                             : fmt::format("{} {}", p.partition.to_string(), error_name(p.error));
           });
}

std::string OffsetsForLeaderEpochRequest::summary() const {
    return "OffsetsForLeaderEpoch " + list(partitions, [](auto& p) {
               return fmt::format("{} epoch {}", p.partition.to_string(), p.leader_epoch.value);
           });
}

std::string OffsetsForLeaderEpochResponse::summary() const {
    return "OffsetsForLeaderEpochResponse " + list(partitions, [](auto& p) {
               if (p.error != Error::none) return fmt::format("{} {}", p.partition.to_string(), error_name(p.error));
               return fmt::format("{} epoch {} ends at {}", p.partition.to_string(), p.leader_epoch.value,
                                  p.end_offset.value);
           });
}

namespace {
std::string describe_state(const PartitionState& s) {
    const auto& l = s.leadership;
    return fmt::format("{} leader={} epoch={} isr=[{}]", s.partition.to_string(),
                       l.has_leader() ? std::to_string(l.leader.value) : std::string("none"), l.leader_epoch.value,
                       join_ids(l.isr));
}
}  // namespace

std::string LeaderAndIsrRequest::summary() const {
    return fmt::format("LeaderAndIsr (controller epoch {}) {}", controller_epoch.value, list(partitions, describe_state));
}

std::string UpdateMetadataRequest::summary() const {
    return fmt::format("UpdateMetadata (controller epoch {}) {} live, {}", controller_epoch.value,
                       plural(live_brokers.size(), "broker"), plural(partitions->size(), "partition"));
}

std::string StopReplicaRequest::summary() const {
    return fmt::format("StopReplica{} {}", delete_partitions ? " (delete)" : "",
                       list(partitions, [](auto& p) { return p.to_string(); }));
}

std::string AlterPartitionRequest::summary() const {
    return "AlterPartition " + list(changes, [](auto& c) {
               return fmt::format("{} isr=[{}]", c.partition.to_string(), join_ids(c.new_isr));
           });
}

std::string CreateTopicsRequest::summary() const {
    return "CreateTopics " + list(topics, [](auto& t) {
               return fmt::format("{} ({} partitions, rf {})", t.name, t.num_partitions, t.replication_factor);
           });
}

std::string CreateTopicsResponse::summary() const {
    return "CreateTopicsResponse " + list(topics, [](auto& t) {
               return t.error == Error::none ? t.name : t.name + " " + error_name(t.error);
           });
}

std::string DeleteTopicsRequest::summary() const {
    return "DeleteTopics " + list(names, [](auto& n) { return n; });
}

std::string CreatePartitionsRequest::summary() const {
    return "CreatePartitions " + list(topics, [](auto& t) { return fmt::format("{} to {}", t.name, t.count); });
}

}  // namespace kafkalab::kafka
