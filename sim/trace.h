#pragma once
// The record of a run: every fired timer, every delivered and dropped message, every
// fault. Each record is one JSON line; the trace hash is FNV-1a over those lines, so
// two runs with the same hash produced byte-identical trace files.
//
// A notable record also carries its event as data (`event`): a sim::FaultEvent for the
// faults the simulation applies, the model's own event type for what the model reports.
// The simulation cannot know the model's types (it sits below them), so it carries the
// event opaquely; each layer that defines events also renders them, once, into the
// record's kind and summary. Observers read the event, never the summary's words.
#include <any>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "sim/time.h"

namespace kafkalab::sim {

struct TraceRecord {
    Time time;
    std::uint64_t sequence = 0;  // the event's place in the run's total order
    std::string kind;            // "timer", "deliver", "drop", "crash", ...
    std::string source;          // a node name or ""
    std::string destination;     // a node name or ""
    std::string summary;         // the event rendered as text; the JSON line carries only this
    std::any event;              // the typed event, or empty for bookkeeping (deliveries, timers)

    /// The event if it is a T, else nullptr.
    template <class T>
    const T* event_as() const { return std::any_cast<T>(&event); }

    std::string to_json_line() const;
};

class Trace {
public:
    /// keep_records: hold records in memory (tests, the viewer); sink: stream JSON lines.
    explicit Trace(bool keep_records = true, std::ostream* sink = nullptr)
        : keep_records_(keep_records), sink_(sink) {}

    void add(TraceRecord record);

    std::uint64_t hash() const { return hash_; }
    std::uint64_t count() const { return count_; }
    const std::vector<TraceRecord>& records() const { return records_; }
    void write_jsonl(std::ostream& out) const;

private:
    bool keep_records_;
    std::ostream* sink_;
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
    std::uint64_t count_ = 0;
    std::vector<TraceRecord> records_;
};

}  // namespace kafkalab::sim
