// A replica's row of cells: coloured by the producer that wrote each record, solid
// below the high watermark, absent where the replica has no records.
#include <catch2/catch.hpp>

#include "broker_model/log/record_data.h"
#include "viz/model/log_cells.h"

using namespace kafkalab;
using namespace kafkalab::viz;

namespace {

/// Records `count` sends by `producer` in the ledger and returns them as one batch.
std::shared_ptr<const kafka::RecordData> sends(kafka::SendLedger& ledger, const std::string& producer, int count) {
    kafka::RecordDataBuilder builder(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        kafka::RecordId id = ledger.record_send({.producer = producer, .topic = "payments", .key = std::nullopt,
                                                 .value = "v", .requested_partition = std::nullopt, .send_time = {}});
        builder.add(std::nullopt, "v", 0, id);
    }
    return builder.build();
}

}  // namespace

TEST_CASE("cells show which producer wrote each offset and which offsets are committed") {
    kafka::SendLedger ledger;
    kafka::PartitionLog log;
    log.append_as_leader(sends(ledger, "registrations", 3), kafka::LeaderEpoch{0});
    log.append_as_leader(sends(ledger, "payments-app", 2), kafka::LeaderEpoch{0});
    log.update_high_watermark(kafka::Offset{4});

    auto cells = log_cells(log, offset_window(0, 8, 48), ledger, {"payments-app", "registrations"});

    REQUIRE(cells.size() == 5);  // offsets 5..7 are beyond this log's end: no cell
    REQUIRE(cells[0].producer == 1);
    REQUIRE(cells[3].producer == 0);
    REQUIRE(cells[3].below_high_watermark);
    REQUIRE_FALSE(cells[4].below_high_watermark);
}

TEST_CASE("a record no scenario producer wrote is drawn in the neutral colour") {
    kafka::SendLedger ledger;
    kafka::PartitionLog log;
    kafka::RecordDataBuilder builder(1);
    builder.add(std::nullopt, "typed at the console", 0, 999'999);
    log.append_as_leader(builder.build(), kafka::LeaderEpoch{0});

    auto cells = log_cells(log, offset_window(0, 1, 48), ledger, {"registrations"});

    REQUIRE(cells.size() == 1);
    REQUIRE(cells[0].producer == -1);
}
