#pragma once
// The simulation-wide record of every send, for the checker: what each producer sent,
// and what it was told. A ledger lives outside every producer node (a crash destroys
// the node, and the ledger must remember what the node had promised); the caller
// creates one and hands a reference to each producer's factory.
//
// Record ids: the ledger hands them out, densely and in send order, from
// `first_record_id`. A simulation is single-threaded and deterministic, so the ids
// are too; they are unique across every producer that shares the ledger. Anything
// else that writes records in the same run (a test's raw ProduceRequest) must use ids
// outside the ledger's range.
//
// Life of an entry:
//
//   send() ──> pending ──> acknowledged (partition, offset, time)   offset -1 with acks=0
//                 │   └──> failed (error, time)
//                 └──────> still pending at the end: the producer crashed, or the run
//                          ended first ("sent, outcome unknown")
//
// An acknowledgement or failure is final. A failed record may still be in a log
// (delivery.timeout.ms can expire a batch the broker did write): the checker decides.
#include <climits>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/common/byte_arena.h"
#include "broker_model/common/chunked_vector.h"
#include "broker_model/common/errors.h"
#include "broker_model/common/same_bytes.h"
#include "broker_model/common/types.h"
#include "broker_model/log/record_data.h"
#include "sim/time.h"

namespace kafkalab::kafka {

enum class SendStatus : std::uint8_t { pending, acknowledged, failed };
const char* to_string(SendStatus status);

/// One send, as the ledger hands it out: a value made on demand from the ledger's
/// compact row, whose strings view storage the ledger owns (valid for its life).
struct SendEntry {
    RecordId record_id = 0;
    std::string_view producer;  // the producer node's name
    std::string_view topic;
    /// The serialized key and value, as they travel; the value only up to the
    /// ledger's max_stored_value_bytes (value_stored says whether it is complete).
    std::optional<std::string_view> key;
    std::string_view value;
    std::uint64_t value_hash = 0;  // sim::content_hash of the whole serialized value
    std::size_t value_size_bytes = 0;
    /// The producer's own count of its sends, from 0: a checker's "send index".
    std::uint64_t producer_sequence = 0;
    sim::Time send_time{};
    std::optional<std::int32_t> requested_partition;
    /// The partition the record was appended to; -1 until the producer chose it.
    std::int32_t partition = -1;
    /// How many times the record's batch went out in a ProduceRequest.
    std::uint32_t attempts = 0;

    Offset offset{-1};  // acknowledged; -1 with acks=0, or for a deduplicated retry
    sim::Time outcome_time{};   // acknowledged or failed
    Error error = Error::none;  // failed
    SendStatus status = SendStatus::pending;
    bool value_stored = true;

    TopicPartition topic_partition() const { return {std::string(topic), partition}; }
};

/// What a producer tells the ledger at send(). Views: the ledger copies what it keeps
/// (a value only up to max_stored_value_bytes), so a send copies no payload it drops.
struct SendDescription {
    std::string_view producer;
    std::string_view topic;
    std::optional<std::string_view> key;
    std::string_view value;
    std::optional<std::int32_t> requested_partition;
    sim::Time send_time{};
};

class SendLedger {
public:
    explicit SendLedger(RecordId first_record_id = 1, std::size_t max_stored_value_bytes = 4096)
        : first_record_id_(first_record_id), max_stored_value_bytes_(max_stored_value_bytes) {}
    // Rows index the ledger's own storage: a move keeps it, a copy stores its own.
    SendLedger(SendLedger&&) noexcept = default;
    SendLedger& operator=(SendLedger&&) noexcept = default;
    SendLedger(const SendLedger& other);
    SendLedger& operator=(const SendLedger& other) { return *this = SendLedger(other); }

    // Written by producers.
    /// Records a send and returns its new record id.
    RecordId record_send(const SendDescription& send);
    void record_partition(RecordId id, std::int32_t partition);
    void record_attempt(RecordId id);
    /// Precondition for both: the entry is pending (outcomes are final).
    void record_acknowledged(RecordId id, std::int32_t partition, Offset offset, sim::Time at);
    void record_failed(RecordId id, Error error, sim::Time at);

    // Read by checkers, scenarios and tests.
    std::size_t size() const { return rows_.size(); }
    RecordId first_record_id() const { return first_record_id_; }
    bool contains(RecordId id) const { return id >= first_record_id_ && id - first_record_id_ < rows_.size(); }
    /// Precondition: contains(id).
    SendEntry entry(RecordId id) const;

    /// Every entry in send order, made as it is read.
    class Entries {
    public:
        class Iterator {
        public:
            using iterator_category = std::forward_iterator_tag;
            using value_type = SendEntry;
            using difference_type = std::ptrdiff_t;
            using reference = SendEntry;
            using pointer = void;

            Iterator() = default;
            SendEntry operator*() const { return ledger_->entry(id_); }
            Iterator& operator++() {
                ++id_;
                return *this;
            }
            Iterator operator++(int) {
                Iterator before = *this;
                ++id_;
                return before;
            }
            bool operator==(const Iterator& other) const { return id_ == other.id_; }

        private:
            friend class Entries;
            Iterator(const SendLedger* ledger, RecordId id) : ledger_(ledger), id_(id) {}
            const SendLedger* ledger_ = nullptr;
            RecordId id_ = 0;
        };

        explicit Entries(const SendLedger& ledger) : ledger_(&ledger) {}
        std::size_t size() const { return ledger_->size(); }
        bool empty() const { return size() == 0; }
        /// Precondition: index < size().
        SendEntry operator[](std::size_t index) const { return ledger_->entry(ledger_->first_record_id_ + index); }
        /// Precondition: !empty().
        SendEntry back() const { return (*this)[size() - 1]; }
        Iterator begin() const { return {ledger_, ledger_->first_record_id_}; }
        Iterator end() const { return {ledger_, ledger_->first_record_id_ + size()}; }

    private:
        const SendLedger* ledger_;
    };
    Entries entries() const { return Entries(*this); }

    std::vector<SendEntry> acknowledged() const { return with_status(SendStatus::acknowledged); }
    std::size_t acknowledged_count() const { return acknowledgement_order_.size(); }
    std::vector<SendEntry> failed() const { return with_status(SendStatus::failed); }
    std::vector<SendEntry> pending() const { return with_status(SendStatus::pending); }
    /// One producer's entries in its send order.
    std::vector<SendEntry> by_producer(std::string_view producer) const;
    /// The records acknowledged on `tp`, in the order the acknowledgements arrived.
    std::vector<SendEntry> acknowledged_on(const TopicPartition& tp) const;

    /// A stable hash of every entry's fields: equal ledgers have equal digests, so a
    /// determinism test can compare two runs in one number.
    std::uint64_t digest() const;

private:
    /// What the ledger keeps per send: 72 bytes and no heap block. Names and stored
    /// bytes are indexes into tables; a SendEntry is made from a row when read.
    struct Row {
        std::uint64_t value_hash;
        std::uint64_t producer_sequence;
        sim::Time send_time;
        sim::Time outcome_time;
        Offset offset;
        std::uint32_t value_size_bytes;
        std::int32_t requested_partition;  // not_requested for none
        std::int32_t partition;
        std::uint32_t attempts;
        std::uint32_t key;    // index in stored_, or no_bytes for a null key
        std::uint32_t value;  // index in stored_, or no_bytes for an empty stored value
        std::uint16_t producer;  // index in names_
        std::uint16_t topic;     // index in names_
        Error error;
        SendStatus status;
        bool value_stored;
    };
    static_assert(sizeof(Row) == 72, "a send costs 72 bytes of ledger");
    static constexpr std::uint32_t no_bytes = UINT32_MAX;
    static constexpr std::int32_t not_requested = INT32_MIN;

    Row& row(RecordId id);
    /// `hint`: the index this role's name had last time, checked first (inline: the
    /// search's frame costs more than the check).
    std::uint16_t name_index(std::string_view name, std::uint16_t& hint) {
        if (hint < names_.size() && same_bytes(names_[hint], name)) return hint;
        return find_or_add_name(name, hint);
    }
    std::uint16_t find_or_add_name(std::string_view name, std::uint16_t& hint);
    std::uint64_t value_hash(std::string_view value);
    std::uint32_t stored_index(std::string_view bytes);
    std::vector<SendEntry> with_status(SendStatus status) const;

    RecordId first_record_id_;
    std::size_t max_stored_value_bytes_;
    /// Indexed by record id - first_record_id_; only grows.
    ChunkedVector<Row> rows_;
    /// Record ids in the order their acknowledgements arrived; only grows (in chunks:
    /// doubling a vector of one id per record would copy it all again and again).
    ChunkedVector<RecordId> acknowledgement_order_;
    /// Producer and topic names, and each name's next producer_sequence (used for
    /// producer names only).
    std::vector<std::string_view> names_;
    std::vector<std::uint64_t> next_producer_sequence_;
    /// Keys and stored values the rows index.
    std::vector<std::string_view> stored_;
    /// The bytes names_ and stored_ view.
    ByteArena bytes_;
    // Most sends name the producer and topic of the send before.
    std::uint16_t producer_hint_ = 0;
    std::uint16_t topic_hint_ = 0;
    /// The last value hashed, up to remembered_value_bytes, and its hash: a workload
    /// sending one fixed payload then costs a comparison per send instead of a hash.
    static constexpr std::size_t remembered_value_bytes = 256;
    std::string last_value_;
    std::uint64_t last_value_hash_ = 0;
    bool has_last_value_ = false;
};

}  // namespace kafkalab::kafka
