#pragma once
// A replica's log as a row of cells for the partitions panel. All replicas of a
// partition share one window of offsets and one cell width, so that offset 41 sits in
// the same column on every row and a follower's shorter log is visibly shorter. A log
// longer than the row holds is drawn one cell per run of offsets ("per batch when
// large"), coloured by the producer of the run's first record.
#include <cstdint>
#include <string>
#include <vector>

#include "broker_model/client/send_ledger.h"
#include "broker_model/log/partition_log.h"

namespace kafkalab::viz {

/// The offsets a partition's rows show: [first, end), `per_cell` offsets in each cell.
struct OffsetWindow {
    std::int64_t first = 0;
    std::int64_t end = 0;
    std::int64_t per_cell = 1;
    std::size_t cell_count() const { return static_cast<std::size_t>((end - first + per_cell - 1) / per_cell); }
};

/// The smallest window covering [first, end) in at most `max_cells` cells.
OffsetWindow offset_window(std::int64_t first, std::int64_t end, std::size_t max_cells);

struct LogCell {
    std::int64_t first_offset = 0;
    std::int64_t last_offset = 0;  // inclusive
    /// Index of the producer (in `producers`) that wrote the first record; -1 when no
    /// scenario producer did (a console producer, the group coordinator).
    int producer = -1;
    bool below_high_watermark = false;  // committed: every ISR member has it
};

/// The cells of `log` inside `window`; a cell appears only where the log has records.
std::vector<LogCell> log_cells(const kafka::PartitionLog& log, const OffsetWindow& window,
                               const kafka::SendLedger& ledger, const std::vector<std::string>& producers);

}  // namespace kafkalab::viz
