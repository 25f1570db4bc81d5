#include "scenarios/sweep/sweep_merge.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "scenarios/checker/check_report.h"

namespace kafkalab::scenarios {
namespace {

/// The anomalies a run the checker calls clean never has (CheckReport::clean(); poll
/// anomalies are clean when an assignment change explains them, which a line does
/// not say, so they are left out).
constexpr AnomalyKind never_in_a_clean_run[] = {AnomalyKind::lost_write, AnomalyKind::duplicate,
                                                AnomalyKind::inconsistent_offsets, AnomalyKind::nonmonotonic_send,
                                                AnomalyKind::unseen};

struct CountedExpectation {
    const char* name;
    AnomalyKind counted;
};

/// The expectations a line's counts decide, and the anomaly each counts.
std::optional<CountedExpectation> counted(ExpectationKind kind) {
    using K = ExpectationKind;
    switch (kind) {
        case K::no_acknowledged_record_lost: return CountedExpectation{"no-acknowledged-record-lost", AnomalyKind::lost_write};
        case K::no_duplicates: return CountedExpectation{"no-duplicates", AnomalyKind::duplicate};
        case K::order_kept: return CountedExpectation{"order-kept", AnomalyKind::nonmonotonic_send};
        case K::lost_acknowledged_records: return CountedExpectation{"lost-acknowledged-records", AnomalyKind::lost_write};
        case K::duplicate_records: return CountedExpectation{"duplicate-records", AnomalyKind::duplicate};
        default: return std::nullopt;
    }
}

/// Whether `e` held, as far as the line's counts (over every topic) decide it. An
/// expectation about one topic is decided only when no topic has the anomaly at all.
std::optional<bool> held(const ExpectationSpec& e, std::size_t n) {
    if (!e.topic.empty() && n > 0) return std::nullopt;
    switch (e.kind) {
        case ExpectationKind::lost_acknowledged_records:
        case ExpectationKind::duplicate_records: return e.count.contains(static_cast<std::int64_t>(n));
        default: return n == 0;
    }
}

/// One line of `in`, at most max_line_bytes; false at the end of the input.
enum class LineRead { line, end, too_long };
LineRead read_line(std::streambuf& in, std::string& line) {
    line.clear();
    for (int c = in.sbumpc(); c != std::char_traits<char>::eof(); c = in.sbumpc()) {
        if (c == '\n') return LineRead::line;
        if (line.size() == max_line_bytes) return LineRead::too_long;
        line.push_back(static_cast<char>(c));
    }
    return line.empty() ? LineRead::end : LineRead::line;
}

/// Adopts `seen` where `expected` is still open; what differs otherwise.
std::optional<std::string> differs(std::string& expected, const std::string& seen, const char* what) {
    if (expected.empty()) expected = seen;
    if (expected == seen) return std::nullopt;
    return fmt::format("{} {}, where the merge expects {}", what, seen.substr(0, 40), expected);
}

}  // namespace

std::optional<std::string> contradiction(const SweepRunResult& r, const Scenario* scenario) {
    if (r.passed && !r.failed_expectations.empty()) return "\"passed\" is true, yet the line lists failed expectations";
    if (!r.passed && r.failed_expectations.empty()) return "\"passed\" is false, yet the line lists no failed expectation";
    if (r.clean) {
        for (AnomalyKind kind : never_in_a_clean_run) {
            if (r.anomaly(to_string(kind)) > 0) {
                return fmt::format("\"checker\" is \"clean\", yet the line counts {} {}", r.anomaly(to_string(kind)),
                                   to_string(kind));
            }
        }
    }
    if (!scenario || !r.passed) return std::nullopt;
    for (const auto& e : scenario->expectations) {
        if (e.kind == ExpectationKind::recovers && r.liveness != RunLiveness::live) {
            return fmt::format("\"passed\" is true, yet the scenario's expectation recovers (line {}) fails with "
                               "liveness \"{}\"", e.position.line, to_string(r.liveness));
        }
        if (e.kind == ExpectationKind::does_not_recover && r.liveness == RunLiveness::live) {
            return fmt::format("\"passed\" is true, yet the scenario's expectation does-not-recover (line {}) fails "
                               "with liveness \"live\"", e.position.line);
        }
        auto c = counted(e.kind);
        if (!c) continue;
        std::size_t n = r.anomaly(to_string(c->counted));
        // Losses of the causes the expectation excepts do not count against it.
        for (LossCause cause : e.except_causes) {
            auto it = r.lost_by_cause.find(std::string(to_string(cause)));
            if (it != r.lost_by_cause.end()) n -= std::min(n, it->second);
        }
        if (held(e, n) == false) {
            return fmt::format("\"passed\" is true, yet with {} {} the scenario's expectation {} (line {}) fails", n,
                               to_string(c->counted), c->name, e.position.line);
        }
    }
    return std::nullopt;
}

std::optional<std::string> SweepMerge::add_line(std::string_view line) {
    auto parsed = parse_json_line(line);
    if (const auto* why = std::get_if<std::string>(&parsed)) return *why;
    const auto& result = std::get<SweepRunResult>(parsed);
    if (auto why = differs(spec_.identity.scenario, result.run.scenario, "a run of the scenario with content hash")) {
        return *why + (spec_.scenario_name.empty() ? "" : " (" + spec_.scenario_name + ")") +
               ": shards of another scenario, or of this file before an edit";
    }
    if (auto why = differs(spec_.identity.faults, result.run.faults, "a run with --faults")) {
        return *why + ": give sweep-merge the --faults the sweep was given";
    }
    if (auto why = differs(spec_.identity.version, result.run.version, "a run by kafkalab")) {
        return *why + ": runs of another build may differ; sweep again with this one";
    }
    if (auto why = contradiction(result, spec_.scenario)) return "the line contradicts itself: " + *why;
    lines_.emplace(result.seed, std::string(line));
    summary_.add(result);
    return std::nullopt;
}

bool SweepMerge::read_file(const std::string& path, std::ostream& errors) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        errors << "kafkalab: sweep-merge: " << path << " is a directory; name the files of JSON lines in it\n";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors << "kafkalab: sweep-merge: cannot read " << path << "\n";
        return false;
    }
    std::string line;
    for (int number = 1;; ++number) {
        LineRead read = read_line(*in.rdbuf(), line);
        if (read == LineRead::end) return true;
        if (read == LineRead::too_long) {
            errors << path << ":" << number << ": error: a line longer than " << max_line_bytes / 1024
                   << " KiB is not sweep output\n";
            return false;
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        if (auto why = add_line(line)) {
            errors << path << ":" << number << ": error: " << *why << "\n";
            return false;
        }
    }
}

std::vector<std::string> SweepMerge::incomplete() const {
    std::vector<std::string> problems;
    if (summary_.runs() == 0) {
        problems.push_back("no sweep results in the input");
        return problems;
    }
    for (auto seed : summary_.duplicate_seeds()) problems.push_back(fmt::format("duplicate seed {} (in more than one line)", seed));
    const SeedRange expected = spec_.seeds.value_or(summary_.seen_range());
    for (const auto& hole : summary_.missing(expected)) problems.push_back(fmt::format("missing seeds {}..{}", hole.first, hole.last));
    const SeedRange seen = summary_.seen_range();
    if (seen.first < expected.first || seen.last > expected.last) {
        problems.push_back(fmt::format("seeds outside --seeds {}..{}: lines for seeds {}..{} were given", expected.first,
                                       expected.last, seen.first, seen.last));
    }
    return problems;
}

}  // namespace kafkalab::scenarios
