#pragma once
// Records a real producer sent on a connection that closed before their answer came.
// The producer does not know their fate and sends them again on another connection
// (to the new leader, after a crash); that retry is the same record, so it takes the
// same record id in the ledger, and the checker judges one send, as it does for a
// simulated producer's retries. A record is recognised by topic, partition, key and
// value; two equal orphans are taken in the order they were orphaned.
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "broker_model/protocol/produce.h"

namespace kafkalab::kafka {
class SendLedger;
}

namespace kafkalab::scenarios {

class OrphanedSends {
public:
    /// Every record of `request` whose ledger entry is still pending.
    void add(const kafka::ProduceRequest& request, const kafka::SendLedger& ledger);
    /// The id of an orphan equal to this record, which it no longer is.
    std::optional<kafka::RecordId> take(const kafka::TopicPartition& partition, std::optional<std::string_view> key,
                                        std::string_view value);
    std::size_t size() const;

private:
    static std::string identity(const kafka::TopicPartition& partition, std::optional<std::string_view> key,
                                std::string_view value);

    std::unordered_map<std::string, std::deque<kafka::RecordId>> orphans_;
};

}  // namespace kafkalab::scenarios
