#include "sim/trace.h"

#include <ostream>

#include <nlohmann/json.hpp>

namespace kafkalab::sim {

std::string TraceRecord::to_json_line() const {
    // Keys in a fixed order (ordered_json keeps insertion order) so lines are stable.
    nlohmann::ordered_json line;
    line["t_ns"] = time.time_since_epoch().count();
    line["seq"] = sequence;
    line["kind"] = kind;
    if (!source.empty()) line["src"] = source;
    if (!destination.empty()) line["dst"] = destination;
    if (!summary.empty()) line["summary"] = summary;
    return line.dump();
}

void Trace::add(TraceRecord record) {
    std::string line = record.to_json_line();
    for (unsigned char c : line) {
        hash_ ^= c;
        hash_ *= 0x100000001b3ULL;
    }
    hash_ ^= '\n';
    hash_ *= 0x100000001b3ULL;
    ++count_;
    if (sink_) *sink_ << line << '\n';
    if (keep_records_) records_.push_back(std::move(record));
}

void Trace::write_jsonl(std::ostream& out) const {
    for (const auto& record : records_) out << record.to_json_line() << '\n';
}

}  // namespace kafkalab::sim
