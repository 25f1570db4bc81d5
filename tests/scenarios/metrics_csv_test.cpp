// kafkalab run --metrics: the CSV a student plots, sampled without touching the run.
#include <map>
#include <sstream>

#include "scenarios/runner/metrics_csv.h"
#include "scenarios/runner/sliced_run.h"
#include "scenarios/scenario_fixture.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

struct Row {
    std::string time_s, kind, name, topic, partition, metric;
    std::int64_t value = 0;
};

std::vector<Row> parse_csv(const std::string& text, std::string& header) {
    std::istringstream in(text);
    std::getline(in, header);
    std::vector<Row> rows;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::stringstream cells_in(line);
        for (std::string cell; std::getline(cells_in, cell, ',');) cells.push_back(cell);
        if (line.back() == ',') cells.emplace_back();
        REQUIRE(cells.size() == 7);
        rows.push_back(Row{cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], std::stoll(cells[6])});
    }
    return rows;
}

/// One metric's value at each sample time ("12.000000"), for one row identity.
std::map<std::string, std::int64_t> series(const std::vector<Row>& rows, const std::string& kind, const std::string& name,
                                           const std::string& topic, const std::string& partition, const std::string& metric) {
    std::map<std::string, std::int64_t> values;
    for (const auto& r : rows) {
        if (r.kind == kind && r.name == name && r.topic == topic && r.partition == partition && r.metric == metric) {
            values[r.time_s] = r.value;
        }
    }
    return values;
}

/// Runs the outputs scenario with metrics every `interval` and returns the CSV text.
std::string sampled_run(sim::Duration interval, sim::Trace* trace = nullptr) {
    RunOptions options;
    options.trace = trace;
    LoadedRun run(test_data("runs/outputs.yaml"), options);
    std::ostringstream csv;
    MetricsCsv metrics(run.run(), csv);
    SlicedRun sliced;
    sliced.every(interval, [&](sim::Duration) { metrics.sample(); });
    sliced.run(run.run());
    return csv.str();
}

}  // namespace

TEST_CASE("metrics show the ISR shrink after a broker crash and the recovery after its restart") {
    std::string header;
    auto rows = parse_csv(sampled_run(1s), header);
    CHECK(header == "time_s,kind,name,topic,partition,metric,value");
    auto isr = series(rows, "partition", "", "t", "0", "isr_size");
    REQUIRE(isr.size() == 31);  // 0 s to 30 s, every second
    CHECK(isr.at("2.000000") == 3);
    CHECK(isr.at("12.000000") == 2);
    CHECK(isr.at("30.000000") == 3);
    auto under = series(rows, "partition", "", "t", "0", "under_replicated");
    CHECK(under.at("2.000000") == 0);
    CHECK(under.at("12.000000") == 1);
    auto leader = series(rows, "partition", "", "t", "0", "leader");
    CHECK(leader.at("2.000000") == 1);
    CHECK(leader.at("12.000000") == 2);
}

TEST_CASE("metrics count acknowledged records and the group's lag") {
    std::string header;
    auto rows = parse_csv(sampled_run(1s), header);
    auto acknowledged = series(rows, "producer", "writer", "", "", "acknowledged");
    CHECK(acknowledged.at("1.000000") > 0);
    CHECK(acknowledged.at("30.000000") > acknowledged.at("10.000000"));
    auto lag = series(rows, "group", "readers", "t", "1", "lag");
    REQUIRE_FALSE(lag.empty());
    for (const auto& [time, value] : lag) CHECK(value >= 0);
    auto committed = series(rows, "group", "readers", "t", "1", "committed_offset");
    CHECK(committed.rbegin()->second > 0);
    auto sent = series(rows, "cluster", "", "", "", "records_sent");
    CHECK(sent.at("30.000000") >= acknowledged.at("30.000000"));
    auto hw = series(rows, "partition", "", "t", "1", "high_watermark");
    auto leo = series(rows, "partition", "", "t", "1", "log_end_offset");
    for (const auto& [time, value] : hw) CHECK(value <= leo.at(time));
}

TEST_CASE("sampling metrics leaves the trace byte for byte unchanged") {
    sim::Trace plain(false);
    {
        RunOptions options;
        options.trace = &plain;
        LoadedRun run(test_data("runs/outputs.yaml"), options);
        run->run();
    }
    sim::Trace sampled(false);
    std::string csv = sampled_run(100ms, &sampled);
    CHECK(csv.size() > 1000);
    CHECK(sampled.count() == plain.count());
    CHECK(sampled.hash() == plain.hash());
}

TEST_CASE("the same seed writes the same metrics, byte for byte") {
    CHECK(sampled_run(500ms) == sampled_run(500ms));
}
