#pragma once
// Records a replica's log lost, kept in view: every truncation event of the run (see
// broker_model/log/truncation_note.h) becomes a mark, and the partitions panel strikes
// the removed offsets through in that replica's row.
//
//   broker-1  ▕0▕1▕…▕399▕╳▕╳▕╳▕        offsets 400..464 removed at 40.055s:
//                                      follower truncation after a leader change
//
// A removed offset stays struck while the replica has no record there; once the
// replica has fetched a new record into it, the cross stays over the new record for
// `refilled_strike_duration` of scenario time, so the cut is seen even when the
// follower refills the gap a millisecond later. Removed records that a producer had
// been told were written, and that no replica holds any more, are lost acknowledged
// writes: the checker reports them at the end, the marks show them as they go.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "broker_model/client/send_ledger.h"
#include "broker_model/log/partition_log.h"
#include "broker_model/events/model_event.h"
#include "broker_model/log/truncation_note.h"
#include "viz/model/event_log.h"
#include "viz/model/log_cells.h"

namespace kafkalab::viz {

/// How long a refilled offset stays struck, in scenario time.
inline constexpr sim::Duration refilled_strike_duration = std::chrono::seconds(5);

struct TruncationMark {
    kafka::TruncationNote note;
    sim::Duration time{0};           // scenario time of the cut
    std::uint64_t event_number = 0;  // the event that made it
    /// The partition's newest leader had been elected uncleanly (from out of the ISR):
    /// the cut may take records that were committed.
    bool after_unclean_election = false;
    /// Removed offsets whose record had been acknowledged to a producer by then and
    /// that no replica held when the mark was read: acknowledged writes lost.
    std::vector<std::int64_t> lost_acknowledged;

    /// Why, in words for a tooltip: "follower truncation after an unclean leader election".
    std::string reason() const;
    /// "broker-1 removed offsets 400..464 at 40.055s (event #123): <reason>. 12 of them
    /// were acknowledged writes that no replica has any more: lost."
    std::string describe() const;
};

/// The logs of every replica of a partition, to tell lost records from moved ones.
using ReplicaLogs = std::function<std::vector<const kafka::PartitionLog*>(const kafka::TopicPartition&)>;

class TruncationHistory {
public:
    /// Turns the truncations `log` noted since the last call into marks. The log's
    /// notable entries only grow; a rewind starts a new log and needs clear().
    /// `run_start` is the simulation time of scenario time 0 (the ledger's clock).
    void catch_up(const EventLog& log, const kafka::SendLedger& ledger, sim::Time run_start, const ReplicaLogs& replicas);
    void clear() { *this = TruncationHistory{}; }

    /// Oldest first.
    const std::vector<TruncationMark>& marks() const { return marks_; }

private:
    /// Follows which partitions an unclean election's leader still leads.
    void note_election(const kafka::ModelEvent& event);

    std::size_t seen_ = 0;  // notable entries already read
    /// Per partition, the broker elected by its newest unclean election while that
    /// broker still leads it.
    std::map<kafka::TopicPartition, kafka::BrokerId> unclean_leader_;
    std::vector<TruncationMark> marks_;
};

/// Cells of one replica's row struck through by a truncation.
struct StruckCell {
    std::int64_t first_offset = 0;
    std::int64_t last_offset = 0;  // inclusive
    const TruncationMark* mark = nullptr;  // the newest truncation of these offsets
    /// The replica holds new records here now (the cross is drawn over them).
    bool refilled = false;
    /// One of the removed records was a lost acknowledged write.
    bool lost_acknowledged = false;
};

/// The struck cells of `host`'s replica of `tp` in `window`, at scenario time `now`,
/// given the replica's log end offset now.
std::vector<StruckCell> struck_cells(const std::vector<TruncationMark>& marks, const std::string& host,
                                     const kafka::TopicPartition& tp, std::int64_t log_end_offset,
                                     const OffsetWindow& window, sim::Duration now);

/// The end of the offsets `host`'s struck cells of `tp` reach at `now`, so the panel's
/// window can cover removed offsets beyond every replica's log end; 0 when none.
std::int64_t struck_end(const std::vector<TruncationMark>& marks, const std::string& host,
                        const kafka::TopicPartition& tp, std::int64_t log_end_offset, sim::Duration now);

}  // namespace kafkalab::viz
