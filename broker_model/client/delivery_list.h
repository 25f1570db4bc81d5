#pragma once
// Every record poll() returned, as the consumption log keeps them: one run per
// partition window of a poll, sharing the fetched batch's bytes (RecordData) instead
// of copying each record. Kafka's own consumer reads records out of the fetched batch
// the same way; here it keeps a run at about 70 bytes however many records it covers,
// where a copy per delivery cost 160 bytes and the payload again. The price: a run
// keeps its batch alive, so bytes a broker's retention deletes stay in memory while
// the consumption log lives (the consumed records, which a checker reads anyway).
//
// A Delivery is made on demand from its run: indexing and iteration hand out values
// whose views (names, key, value) point into storage the list owns or shares, valid
// for the list's life, across moves and in copies.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/client/consumer_record.h"
#include "broker_model/common/types.h"
#include "broker_model/log/record_data.h"
#include "sim/time.h"

namespace kafkalab::kafka {

/// A ConsumerRecord as the consumption log keeps it: key and value view the shared
/// batch bytes, so a delivery holds no heap block of its own.
struct DeliveredRecord {
    TopicPartition partition;
    Offset offset{-1};
    LeaderEpoch leader_epoch = no_epoch;
    std::optional<std::string_view> key;
    std::string_view value;  // empty when the log keeps no values
    std::int64_t timestamp_ms = -1;
    RecordId record_id = 0;

    ConsumerRecord to_record() const;
};

/// One record handed to one consumer's application.
struct Delivery {
    std::string_view consumer;  // the consumer's node name
    std::string_view group;     // "" for a consumer without a group
    DeliveredRecord record;
    sim::Time time;
    /// Index of the poll that returned it in ConsumptionLog::polls().
    std::size_t poll = 0;
};

class DeliveryList {
public:
    /// Who read a run and when: the fields its deliveries share.
    struct Reading {
        std::string_view consumer;
        std::string_view group;
        sim::Time time;
        std::size_t poll = 0;
    };

    explicit DeliveryList(bool keep_values = true) : keep_values_(keep_values) {}
    /// Whether deliveries show record values (keys, ids, offsets and times always stay).
    bool keeps_values() const { return keep_values_; }

    /// Adds the records [first_index, first_index + count) of `data`, at offsets from
    /// `base_offset` of `partition`. Precondition: count > 0 and the window lies in data.
    void add(const Reading& reading, const TopicPartition& partition, LeaderEpoch leader_epoch,
             std::shared_ptr<const RecordData> data, std::uint32_t first_index, std::uint32_t count,
             Offset base_offset);

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    /// Precondition: index < size(). O(log runs).
    Delivery operator[](std::size_t index) const;
    /// Precondition: !empty().
    Delivery back() const { return (*this)[size_ - 1]; }

    class Iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Delivery;
        using difference_type = std::ptrdiff_t;
        using reference = Delivery;
        using pointer = void;

        Iterator() = default;
        Delivery operator*() const { return list_->at(run_, offset_in_run_); }
        Iterator& operator++();
        Iterator operator++(int) {
            Iterator before = *this;
            ++*this;
            return before;
        }
        bool operator==(const Iterator& other) const {
            return run_ == other.run_ && offset_in_run_ == other.offset_in_run_;
        }

    private:
        friend class DeliveryList;
        Iterator(const DeliveryList* list, std::size_t run) : list_(list), run_(run) {}
        const DeliveryList* list_ = nullptr;
        std::size_t run_ = 0;
        std::uint32_t offset_in_run_ = 0;
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, runs_.size()}; }

private:
    struct Run {
        std::shared_ptr<const RecordData> data;
        std::uint64_t first_delivery;  // index in the whole list of the run's first record
        Offset base_offset;
        sim::Time time;
        std::uint32_t first_index;  // the window in data
        std::uint32_t count;
        std::uint32_t poll;
        std::uint32_t consumer;   // index in names_
        std::uint32_t group;      // index in names_
        std::uint32_t partition;  // index in partitions_
        LeaderEpoch leader_epoch;
    };

    Delivery at(std::size_t run, std::uint32_t offset_in_run) const;
    std::uint32_t name_index(std::string_view name);
    std::uint32_t partition_index(const TopicPartition& partition);

    bool keep_values_;
    std::vector<Run> runs_;
    std::size_t size_ = 0;
    /// Consumer and group names; a deque keeps each string where it is as it grows.
    std::deque<std::string> names_;
    std::vector<TopicPartition> partitions_;
    std::map<TopicPartition, std::uint32_t> partition_indexes_;
};

}  // namespace kafkalab::kafka
