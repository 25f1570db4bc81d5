// Records a replica's log lost stay in view, struck through at their offsets in that
// replica's row, with the reason and any acknowledged writes that went with them.
#include <catch2/catch.hpp>

#include <algorithm>

#include "viz/model/lab_session.h"
#include "viz/model/truncations.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::lesson;

namespace {

const kafka::TopicPartition events0{"events", 0};
const kafka::TopicPartition orders0{"orders", 0};
constexpr const char* unclean_lesson = "08-unclean-leader-election.yaml";
constexpr const char* acks_1_lesson = "06-acks-1-loses-data.yaml";

std::int64_t log_end_of(LabSession& session, const kafka::TopicPartition& tp, const std::string& host) {
    for (const auto& r : session.snapshot().find_partition(tp)->replicas) {
        if (r.host == host) return r.log_end_offset;
    }
    FAIL("no replica on " << host);
    return -1;
}

/// Every offset the struck cells cover (one offset per cell in these windows).
std::vector<std::int64_t> struck_offsets(const std::vector<StruckCell>& cells) {
    std::vector<std::int64_t> offsets;
    for (const auto& cell : cells) offsets.push_back(cell.first_offset);
    return offsets;
}

TruncationMark mark(std::string host, std::int64_t from, std::int64_t old_end, sim::Duration at) {
    TruncationMark m;
    m.note = {orders0, std::move(host), kafka::Offset{from}, kafka::Offset{old_end}, kafka::TruncationCause::leader_epoch};
    m.time = at;
    return m;
}

}  // namespace

TEST_CASE("lesson 8: after the unclean election broker-1's removed offsets 50 to 499 are struck in its row") {
    LabSession session(lesson(unclean_lesson));
    session.advance_to(79s);
    REQUIRE(session.truncations().empty());  // broker-1 is down, its log untouched
    session.advance_to(80s + 100ms);

    REQUIRE(session.truncations().size() == 1);
    const TruncationMark& cut = session.truncations().front();
    CHECK(cut.note.broker == "broker-1");
    CHECK(cut.note.partition == events0);
    CHECK(cut.note.removed_from == kafka::Offset{50});
    CHECK(cut.note.old_log_end_offset == kafka::Offset{500});
    CHECK(cut.after_unclean_election);
    CHECK_THAT(cut.reason(), Catch::Contains("unclean leader election"));
    CHECK_FALSE(cut.lost_acknowledged.empty());  // acks=all writes only broker-1 had
    CHECK_THAT(cut.describe(), Catch::Contains("broker-1 removed offsets 50..499 of events-0") &&
                                   Catch::Contains("acknowledged to a producer") && Catch::Contains("lost"));
    // The mark is the event log's typed truncation event, not its text read back.
    const auto& notable = session.log().notable();
    auto typed = std::find_if(notable.begin(), notable.end(), [](const EventEntry& entry) {
        const auto* event = entry.event_as<kafka::ModelEvent>();
        return event && std::holds_alternative<kafka::TruncationNote>(*event);
    });
    REQUIRE(typed != notable.end());
    CHECK(std::get<kafka::TruncationNote>(*typed->event_as<kafka::ModelEvent>()) == cut.note);

    const std::int64_t leo = log_end_of(session, events0, "broker-1");
    REQUIRE(leo < 500);
    auto cells = struck_cells(session.truncations(), "broker-1", events0, leo, offset_window(0, 500, 500), session.now());
    REQUIRE(cells.size() == 450);
    CHECK(cells.front().first_offset == 50);
    CHECK(cells.back().first_offset == 499);
    // Offsets broker-1 has fetched again are struck over their new records, the rest over nothing.
    CHECK(cells.front().refilled);
    CHECK_FALSE(cells.back().refilled);
    CHECK(struck_end(session.truncations(), "broker-1", events0, leo, session.now()) == 500);
    CHECK(struck_cells(session.truncations(), "broker-2", events0, leo, offset_window(0, 500, 500), session.now()).empty());
}

TEST_CASE("lesson 8: five seconds after the cut only the offsets broker-1 has not refilled stay struck") {
    LabSession session(lesson(unclean_lesson));
    session.advance_to(90s);
    const std::int64_t leo = log_end_of(session, events0, "broker-1");
    REQUIRE(leo > 50);
    REQUIRE(leo < 500);
    auto cells = struck_cells(session.truncations(), "broker-1", events0, leo, offset_window(0, 500, 500), session.now());
    REQUIRE_FALSE(cells.empty());
    CHECK(cells.front().first_offset == leo);
    CHECK(std::none_of(cells.begin(), cells.end(), [](const StruckCell& c) { return c.refilled; }));
}

TEST_CASE("lesson 6: the acks=1 records the old leader truncates are shown as lost acknowledged writes") {
    LabSession session(lesson(acks_1_lesson));
    session.advance_to(41s);
    REQUIRE(session.truncations().size() == 1);
    const TruncationMark& cut = session.truncations().front();
    CHECK(cut.note.broker == "broker-1");
    CHECK(cut.note.cause == kafka::TruncationCause::leader_epoch);
    CHECK_FALSE(cut.after_unclean_election);
    REQUIRE_FALSE(cut.lost_acknowledged.empty());
    // Every lost write was the acks=1 producer's: acks=all was never told "success" for them.
    const auto acknowledged = session.run().ledger().acknowledged_on(orders0);
    for (std::int64_t offset : cut.lost_acknowledged) {
        CHECK(std::any_of(acknowledged.begin(), acknowledged.end(), [&](const kafka::SendEntry& e) {
            return e.offset.value == offset && e.producer == "fast";
        }));
    }
    auto cells = struck_cells(session.truncations(), "broker-1", orders0, log_end_of(session, orders0, "broker-1"),
                              offset_window(0, 2000, 2000), session.now());
    CHECK(std::any_of(cells.begin(), cells.end(), [](const StruckCell& c) { return c.lost_acknowledged; }));
}

TEST_CASE("a rewind to before the cut forgets it and running on finds it again") {
    LabSession session(lesson(unclean_lesson));
    session.advance_to(81s);
    REQUIRE(session.truncations().size() == 1);
    session.rewind_to(70s);
    CHECK(session.truncations().empty());
    session.advance_to(81s);
    CHECK(session.truncations().size() == 1);
}

TEST_CASE("the newest cut of an offset is the one struck and an old refilled cut fades after five seconds") {
    std::vector<TruncationMark> marks{mark("broker-1", 3, 6, 1s), mark("broker-1", 4, 8, 5s), mark("broker-2", 0, 2, 5s)};
    const OffsetWindow window = offset_window(0, 10, 10);

    auto at_6s = struck_cells(marks, "broker-1", orders0, 4, window, 5s + 900ms);
    CHECK(struck_offsets(at_6s) == std::vector<std::int64_t>{3, 4, 5, 6, 7});
    CHECK(at_6s[0].mark == &marks[0]);
    CHECK(at_6s[0].refilled);
    CHECK(at_6s[1].mark == &marks[1]);
    CHECK_FALSE(at_6s[1].refilled);

    // At 7s the first cut is 6 s old: offset 3, refilled, is no longer struck.
    CHECK(struck_offsets(struck_cells(marks, "broker-1", orders0, 4, window, 7s)) == std::vector<std::int64_t>{4, 5, 6, 7});
    // Once broker-1 has refilled everything and five seconds have passed, nothing is struck.
    CHECK(struck_cells(marks, "broker-1", orders0, 9, window, 11s).empty());
    CHECK(struck_end(marks, "broker-1", orders0, 4, 11s) == 8);
}
