#pragma once
// Hand-built checker inputs: a few lines per test say what producers were told, what
// the partitions hold and what consumers read, with no cluster involved.
//
//   InputBuilder b;
//   auto a = b.acknowledged("p", t0, "a", 0);   // a send, acknowledged at offset 0
//   b.write(t0, a);                             // ... and in the committed log
//   b.poll("c", "g", {{t0, 0, a}});              // ... and read by consumer c of group g
//   CheckReport report = check(b.input);
#include <string>
#include <tuple>
#include <vector>

#include "scenarios/checker/check_input.h"
#include "scenarios/checker/checker.h"

namespace kafkalab::scenarios::testing {

using kafka::Offset;
using kafka::RecordId;
using kafka::TopicPartition;

/// One record as a poll returned it: partition, offset, record id.
struct Read {
    TopicPartition partition;
    std::int64_t offset = 0;
    RecordId record_id = 0;
};

struct InputBuilder {
    CheckInput input;
    sim::Time now{};

    /// A send to `tp`, still pending.
    RecordId sent(const std::string& producer, const TopicPartition& tp, const std::string& value) {
        now += std::chrono::milliseconds(1);
        const RecordId id = input.ledger.record_send({producer, tp.topic, std::nullopt, value, tp.partition, now});
        input.ledger.record_partition(id, tp.partition);
        input.ledger.record_attempt(id);
        return id;
    }
    RecordId acknowledged(const std::string& producer, const TopicPartition& tp, const std::string& value,
                          std::int64_t offset) {
        const RecordId id = sent(producer, tp, value);
        input.ledger.record_acknowledged(id, tp.partition, Offset{offset}, now);
        return id;
    }
    RecordId failed(const std::string& producer, const TopicPartition& tp, const std::string& value,
                    kafka::Error error = kafka::Error::request_timed_out) {
        const RecordId id = sent(producer, tp, value);
        input.ledger.record_failed(id, error, now);
        return id;
    }

    /// Appends records to the committed log of `tp`, values taken from the ledger.
    void write(const TopicPartition& tp, std::initializer_list<RecordId> ids) {
        for (RecordId id : ids) input.log(tp).append(id, std::string(input.ledger.contains(id) ? input.ledger.entry(id).value : ""));
    }
    void write(const TopicPartition& tp, RecordId id) { write(tp, {id}); }

    /// One poll of `consumer` that returned `reads`.
    void poll(const std::string& consumer, const std::string& group, std::vector<Read> reads, int generation = -1) {
        std::vector<kafka::ConsumerRecord> records;
        for (const auto& read : reads) {
            kafka::ConsumerRecord record;
            record.partition = read.partition;
            record.offset = Offset{read.offset};
            record.record_id = read.record_id;
            record.value = input.ledger.contains(read.record_id) ? input.ledger.entry(read.record_id).value : "";
            records.push_back(record);
        }
        now += std::chrono::milliseconds(1);
        input.consumption.add_poll(consumer, group, now, kafka::Generation{generation}, records);
    }
};

}  // namespace kafkalab::scenarios::testing
