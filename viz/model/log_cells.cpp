#include "viz/model/log_cells.h"

#include <algorithm>

namespace kafkalab::viz {

OffsetWindow offset_window(std::int64_t first, std::int64_t end, std::size_t max_cells) {
    OffsetWindow window{first, std::max(first, end), 1};
    std::int64_t span = window.end - window.first;
    std::int64_t cells = static_cast<std::int64_t>(std::max<std::size_t>(max_cells, 1));
    window.per_cell = std::max<std::int64_t>(1, (span + cells - 1) / cells);
    return window;
}

namespace {

int producer_of(const kafka::StoredBatch& batch, std::int64_t offset, const kafka::SendLedger& ledger,
                const std::vector<std::string>& producers) {
    kafka::RecordId id = batch.record_id_at(kafka::Offset{offset});
    if (!ledger.contains(id)) return -1;
    const std::string_view name = ledger.entry(id).producer;
    auto it = std::find(producers.begin(), producers.end(), name);
    return it == producers.end() ? -1 : static_cast<int>(it - producers.begin());
}

}  // namespace

std::vector<LogCell> log_cells(const kafka::PartitionLog& log, const OffsetWindow& window,
                               const kafka::SendLedger& ledger, const std::vector<std::string>& producers) {
    std::vector<LogCell> cells;
    const std::int64_t log_start = log.log_start_offset().value;
    const std::int64_t log_end = log.log_end_offset().value;
    const std::int64_t high_watermark = log.high_watermark().value;
    for (std::int64_t first = window.first; first < window.end; first += window.per_cell) {
        std::int64_t last = std::min(first + window.per_cell, window.end) - 1;
        std::int64_t shown = std::max(first, log_start);
        if (shown > last || shown >= log_end) continue;
        LogCell cell{first, last, -1, last < high_watermark};
        if (const auto* batch = log.find_batch(kafka::Offset{shown})) cell.producer = producer_of(*batch, shown, ledger, producers);
        cells.push_back(cell);
    }
    return cells;
}

}  // namespace kafkalab::viz
