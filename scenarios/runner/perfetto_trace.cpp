#include "scenarios/runner/perfetto_trace.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "broker_model/common/host_names.h"
#include "scenarios/runner/metrics_csv.h"
#include "scenarios/runner/notable_event.h"

namespace kafkalab::scenarios {

namespace {

using Json = nlohmann::ordered_json;

// Process ids of the track groups, in the order the UI lists them.
constexpr int lesson_pid = 1;
constexpr int brokers_pid = 2;
constexpr int zookeeper_pid = 3;
constexpr int clients_pid = 4;
// Thread ids of the scenario's own tracks; hosts use their node index + 1.
constexpr int lesson_tid = 1;
constexpr int network_tid = 2;

/// Simulated nanoseconds to the format's microseconds, exactly (no rounding through a
/// float: 1 ns is 0.001).
Json micros(sim::Duration d) {
    const auto ns = d.count();
    if (ns % 1000 == 0) return ns / 1000;
    return static_cast<double>(ns) / 1000.0;
}

/// Streams one event per line inside {"traceEvents": [...]}.
class EventStream {
public:
    explicit EventStream(std::ostream& out) : out_(out) { out_ << "{\"traceEvents\":[\n"; }

    void add(const Json& event) {
        if (!first_) out_ << ",\n";
        first_ = false;
        // Values may hold any bytes (random-bytes workloads): bad UTF-8 is replaced.
        out_ << event.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    void close(const Json& other_data) {
        out_ << "\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":"
             << other_data.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n}\n";
    }

private:
    std::ostream& out_;
    bool first_ = true;
};

/// Where each host's events go.
struct Track {
    int pid = clients_pid;
    int tid = 0;
};

class TrackMap {
public:
    explicit TrackMap(ScenarioRun& run) {
        const sim::Simulation& sim = run.simulation();
        std::set<sim::NodeIndex> brokers(run.broker_nodes().begin(), run.broker_nodes().end());
        for (sim::NodeIndex i = 0; i < sim.node_count(); ++i) {
            const std::string& name = sim.node_name(i);
            int pid = brokers.count(i) ? brokers_pid : kafka::is_zookeeper_host(name) ? zookeeper_pid : clients_pid;
            tracks_[name] = Track{pid, static_cast<int>(i) + 1};
        }
    }
    std::optional<Track> host(const std::string& name) const {
        auto it = tracks_.find(name);
        if (it == tracks_.end()) return std::nullopt;
        return it->second;
    }
    const std::map<std::string, Track>& all() const { return tracks_; }

private:
    std::map<std::string, Track> tracks_;  // by host name
};

Json event(const char* ph, const std::string& name, Track track, sim::Duration at) {
    Json e;
    e["name"] = name;
    e["ph"] = ph;
    e["ts"] = micros(at);
    e["pid"] = track.pid;
    e["tid"] = track.tid;
    return e;
}

Json instant(const std::string& name, Track track, sim::Duration at, Json args) {
    Json e = event("i", name, track, at);
    e["s"] = "t";
    e["args"] = std::move(args);
    return e;
}

Json metadata(const char* what, int pid, int tid, Json args) {
    Json e;
    e["name"] = what;
    e["ph"] = "M";
    e["pid"] = pid;
    if (tid) e["tid"] = tid;
    e["args"] = std::move(args);
    return e;
}

void write_metadata(EventStream& events, const TrackMap& tracks) {
    const std::pair<int, const char*> processes[] = {
        {lesson_pid, "scenario"}, {brokers_pid, "brokers"}, {zookeeper_pid, "ZooKeeper"}, {clients_pid, "clients"}};
    for (auto [pid, name] : processes) {
        events.add(metadata("process_name", pid, 0, {{"name", name}}));
        events.add(metadata("process_sort_index", pid, 0, {{"sort_index", pid}}));
    }
    events.add(metadata("thread_name", lesson_pid, lesson_tid, {{"name", "lesson"}}));
    events.add(metadata("thread_name", lesson_pid, network_tid, {{"name", "network"}}));
    for (const auto& [name, track] : tracks.all()) {
        events.add(metadata("thread_name", track.pid, track.tid, {{"name", name}}));
        events.add(metadata("thread_sort_index", track.pid, track.tid, {{"sort_index", track.tid}}));
    }
}

}  // namespace

void PerfettoTrace::attach(RunOptions& options) {
    options.on_record = [this](const sim::TraceRecord& record) { records_.push_back(record); };
    options.on_line = [this](sim::Duration at, const std::string& what, const std::string& text) {
        lines_.push_back(Line{at, what, text});
    };
}

namespace {

/// Notable records as instants on their host, and each host's down time as a slice.
void write_records(EventStream& events, const TrackMap& tracks, const std::vector<sim::TraceRecord>& records,
                   sim::Time start, sim::Duration end) {
    std::map<std::string, std::pair<sim::Duration, std::string>> down_since;
    for (const auto& r : records) {
        const sim::Duration at = r.time - start;
        const std::string& host = r.destination.empty() ? r.source : r.destination;
        Track track = tracks.host(host).value_or(Track{lesson_pid, network_tid});
        Json args = Json::object();
        if (!r.summary.empty()) args["summary"] = r.summary;
        if (!r.source.empty()) args["source"] = r.source;
        const std::optional<NotableKind> kind = classify(r);
        events.add(instant(kind ? label(*kind) : r.kind, track, at, std::move(args)));
        if (!kind) continue;
        if (takes_host_down(*kind)) down_since.emplace(host, std::make_pair(at, label(*kind)));
        if (*kind != NotableKind::restart) continue;
        if (auto it = down_since.find(host); it != down_since.end()) {
            Json slice = event("X", "down (" + it->second.second + ")", track, it->second.first);
            slice["dur"] = micros(at - it->second.first);
            events.add(slice);
            down_since.erase(it);
        }
    }
    for (const auto& [host, since] : down_since) {
        Json slice = event("X", "down (" + since.second + ")", tracks.host(host).value_or(Track{}), since.first);
        slice["dur"] = micros(end - since.first);
        events.add(slice);
    }
}

/// The lesson's own lines; faults the runner applies itself (stop, pause, slow, lossy)
/// and console tools' output go to the host they concern.
void write_lines(EventStream& events, const TrackMap& tracks, const auto& lines) {
    static const std::set<std::string> lesson = {"start", "narration", "predict", "$", "output",
                                                 "expect ok", "expect FAILED", "not reached", "note", "error"};
    static const std::set<std::string> runner_faults = {"stop", "pause", "slow", "lossy"};
    for (const auto& line : lines) {
        if (lesson.count(line.what)) {
            std::string name = line.what == "$" ? "$ " + line.text : line.what;
            events.add(instant(name, Track{lesson_pid, lesson_tid}, line.at, {{"text", line.text}}));
        } else if (runner_faults.count(line.what)) {
            Track track = tracks.host(line.text).value_or(Track{lesson_pid, network_tid});
            events.add(instant(line.what, track, line.at, {{"target", line.text}}));
        } else if (auto track = tracks.host(line.what)) {
            events.add(instant("prints", *track, line.at, {{"text", line.text}}));
        }
    }
}

/// Slices of one host at given times: one per distinct time, each at most 1 µs long and
/// never reaching the next, so slices on a track never overlap.
std::map<sim::Duration, sim::Duration> slice_lengths(std::vector<sim::Duration> times) {
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    std::map<sim::Duration, sim::Duration> lengths;
    for (std::size_t i = 0; i < times.size(); ++i) {
        sim::Duration length = std::chrono::microseconds(1);
        if (i + 1 < times.size()) length = std::min(length, times[i + 1] - times[i]);
        lengths[times[i]] = length;
    }
    return lengths;
}

const char* status_text(const kafka::SendEntry& e) {
    if (e.status == kafka::SendStatus::acknowledged) return "acknowledged";
    if (e.status == kafka::SendStatus::failed) return kafka::error_name(e.error);
    return "pending";
}

Json record_args(const kafka::SendEntry& e, sim::Time start) {
    Json args = {{"record_id", e.record_id}, {"topic", e.topic}, {"partition", e.partition},
                 {"offset", e.offset.value}, {"outcome", status_text(e)}};
    if (e.status != kafka::SendStatus::pending) args["outcome_at_us"] = micros(e.outcome_time - start);
    return args;
}

/// Send slices, poll slices, and a flow from each record's send to every poll of it.
void write_records_flow(EventStream& events, const TrackMap& tracks, ScenarioRun& run, sim::Time start) {
    // Producer -> send time -> the records sent then.
    std::map<std::string_view, std::map<sim::Duration, std::vector<kafka::RecordId>>> sends;
    std::map<std::string, std::vector<sim::Duration>> polls;
    for (const auto& e : run.ledger().entries()) sends[e.producer][e.send_time - start].push_back(e.record_id);
    for (const auto& p : run.consumption()->polls()) polls[p.consumer].push_back(p.time - start);
    for (const auto& [producer, by_time] : sends) {
        auto track = tracks.host(std::string(producer));
        if (!track) continue;
        std::vector<sim::Duration> times;
        for (const auto& [at, entries] : by_time) times.push_back(at);
        for (auto [at, length] : slice_lengths(times)) {
            Json slice = event("X", "send", *track, at);
            slice["dur"] = micros(length);
            Json records = Json::array();
            for (kafka::RecordId id : by_time.at(at)) records.push_back(record_args(run.ledger().entry(id), start));
            slice["args"] = {{"records", std::move(records)}};
            events.add(slice);
        }
    }
    for (const auto& [consumer, times] : polls) {
        auto track = tracks.host(consumer);
        if (!track) continue;
        for (auto [at, length] : slice_lengths(times)) {
            Json slice = event("X", "poll", *track, at);
            slice["dur"] = micros(length);
            events.add(slice);
        }
    }
    std::uint64_t flow = 0;
    for (const auto& d : run.consumption()->deliveries()) {
        ++flow;
        if (!run.ledger().contains(d.record.record_id)) continue;
        const auto& sent = run.ledger().entry(d.record.record_id);
        auto from = tracks.host(std::string(sent.producer));
        auto to = tracks.host(std::string(d.consumer));
        if (!from || !to) continue;
        Json out = event("s", "record", *from, sent.send_time - start);
        out["cat"] = "record";
        out["id"] = flow;
        Json in = event("f", "record", *to, d.time - start);
        in["cat"] = "record";
        in["id"] = flow;
        in["bp"] = "e";
        events.add(out);
        events.add(in);
    }
}

}  // namespace

void PerfettoTrace::sample(ScenarioRun& run) {
    for (const auto& row : sample_metrics(run)) {
        std::string where = row.topic + "-" + std::to_string(row.partition);
        std::string metric = row.metric;
        std::string name;
        if (row.kind == "partition" && (metric == "isr_size" || metric == "high_watermark")) {
            name = where + (metric == "isr_size" ? " ISR size" : " high watermark");
        } else if (row.kind == "group" && metric == "lag") {
            name = "group " + row.name + " " + where + " lag";
        } else if (row.kind == "cluster" && (metric == "records_acknowledged" || metric == "under_replicated_partitions")) {
            name = metric == "records_acknowledged" ? "acknowledged records" : "under-replicated partitions";
        }
        if (!name.empty()) counters_.push_back(Counter{run.now(), std::move(name), row.value});
    }
}

void PerfettoTrace::write(ScenarioRun& run, std::ostream& out) const {
    const sim::Time start = run.simulation().now() - run.now();
    TrackMap tracks(run);
    EventStream events(out);
    write_metadata(events, tracks);
    write_records(events, tracks, records_, start, run.now());
    write_lines(events, tracks, lines_);
    write_records_flow(events, tracks, run, start);
    for (const auto& c : counters_) {
        Json counter = event("C", c.name, Track{lesson_pid, 0}, c.at);
        counter.erase("tid");
        counter["args"] = {{"value", c.value}};
        events.add(counter);
    }
    events.close({{"scenario", run.scenario().name}, {"seed", run.simulation().seed()},
                  {"end_s", static_cast<double>(run.now().count()) / 1e9}});
}

}  // namespace kafkalab::scenarios
