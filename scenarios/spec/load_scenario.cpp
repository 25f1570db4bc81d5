#include "scenarios/spec/load_scenario.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "scenarios/spec/indentation_hint.h"
#include "scenarios/spec/parse_parts.h"
#include "scenarios/spec/parse_sweep.h"
#include "scenarios/spec/text_checks.h"

namespace kafkalab::scenarios {
namespace {

using namespace detail;

constexpr Duration longest_run = std::chrono::hours(24);

void parse_header(Context& ctx, const Fields& f, std::string_view display_name) {
    Scenario& s = ctx.scenario;
    s.name = std::filesystem::path(std::string(display_name)).stem().string();
    if (const auto* n = f.find("name")) s.name = read_string(ctx, *n, "name").value_or(s.name);
    if (const auto* n = f.find("description")) s.description = read_string(ctx, *n, "description").value_or("");
    if (const auto* n = f.find("seed")) s.seed = static_cast<std::uint64_t>(read_integer(ctx, *n, "seed", 0, INT64_MAX).value_or(1));
    if (const auto* n = f.find("duration")) {
        auto d = read_duration(ctx, *n, "duration");
        if (d && *d > longest_run) error_at(ctx, *n, "duration must be at most 24h; found " + sim::format_duration(*d));
        if (d && *d <= longest_run) s.duration = *d;
        ctx.duration_known = d && *d <= longest_run;
    }
    if (const auto* n = f.find("kafka-version")) {
        auto text = read_string(ctx, *n, "kafka-version");
        auto version = text ? kafka::parse_kafka_version(*text) : std::nullopt;
        if (version) {
            s.kafka_version = *version;
        } else if (text) {
            error_at(ctx, *n, "kafka-version must be a Kafka release from 0.8 to 3.9 (ZooKeeper mode), such as 2.4 "
                              "or 3.6; found '" + *text + "'");
        }
    }
}

void parse_document(Context& ctx, const YAML::Node& root, std::string_view display_name) {
    if (!root.IsDefined() || root.IsNull()) {
        ctx.sink.error(1, 1, "the scenario file is empty; expected a mapping with keys such as name, cluster and topics");
        return;
    }
    if (!is_map(ctx, root, "a scenario")) return;
    Fields f(ctx, root, "at the top level",
             {"name", "description", "seed", "duration", "kafka-version", "cluster", "network", "topics", "producers",
              "consumers", "faults", "steps", "narration", "predict", "expect", "sweep"});
    parse_header(ctx, f, display_name);
    parse_cluster(ctx, f.find("cluster"));
    if (const auto* n = f.find("topics")) parse_topics(ctx, *n);
    if (const auto* n = f.find("steps")) parse_steps(ctx, *n);
    if (const auto* n = f.find("producers")) parse_producers(ctx, *n);
    if (const auto* n = f.find("consumers")) parse_consumers(ctx, *n);
    assign_generated_groups(ctx);
    parse_network(ctx, f.find("network"));
    if (const auto* n = f.find("faults")) parse_faults(ctx, *n);
    if (const auto* n = f.find("narration")) parse_narration(ctx, *n);
    if (const auto* n = f.find("predict")) parse_predictions(ctx, *n);
    if (const auto* n = f.find("expect")) parse_expectations(ctx, *n);
    parse_sweep(ctx, f.find("sweep"));
}

/// Sections are parsed in dependency order, not file order; sorting puts the report
/// back in the order a reader meets the lines. Other files' messages come last.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics, const std::string& file) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        auto key = [&](const Diagnostic& d) { return std::tuple(d.file != file, d.line, d.column); };
        return key(a) < key(b);
    });
}

/// Where the second document of a stream starts: its content's position, or for an
/// empty document the line of its "---" (the first such line after content).
/// Sees a document's events and keeps where its first node starts, if it has one.
class FirstNode final : public YAML::EventHandler {
public:
    std::optional<YAML::Mark> mark;

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark& at, YAML::anchor_t) override { note(at); }
    void OnScalar(const YAML::Mark& at, const std::string&, YAML::anchor_t, const std::string&) override { note(at); }
    void OnSequenceStart(const YAML::Mark& at, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        note(at);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& at, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        note(at);
    }
    void OnMapEnd() override {}

private:
    void note(const YAML::Mark& at) {
        if (!mark) mark = at;
    }
};

/// The first '---' line after some content, where an empty second document begins.
std::optional<SourcePosition> document_marker_after_content(std::string_view text) {
    int line = 1;
    bool content_seen = false;
    for (std::size_t start = 0; start < text.size(); ++line) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view row = text.substr(start, end - start);
        const bool marker = row.starts_with("---") && (row.size() == 3 || row[3] == ' ' || row[3] == '\r');
        if (marker && content_seen) return SourcePosition{line, 1};
        const bool blank = row.find_first_not_of(" \r") == std::string_view::npos;
        content_seen = content_seen || (!blank && row[0] != '#' && !marker);
        start = end + 1;
    }
    return std::nullopt;
}

/// Where a second document starts, or nothing. Only two documents are ever asked for:
/// yaml-cpp's LoadAll never ends on some malformed streams (a line opening with ','
/// yields empty documents forever), so it is not used. An empty second document counts
/// when a '---' line opens it.
std::optional<SourcePosition> second_document(std::string_view text) {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    FirstNode first;
    FirstNode second;
    if (!parser.HandleNextDocument(first) || !parser.HandleNextDocument(second)) return std::nullopt;
    if (second.mark && second.mark->line >= 0) return SourcePosition{second.mark->line + 1, second.mark->column + 1};
    return document_marker_after_content(text);
}

LoadResult finish(DiagnosticSink& sink, std::optional<Scenario> scenario) {
    LoadResult result;
    bool failed = sink.has_errors();
    result.diagnostics = sink.take();
    sort_diagnostics(result.diagnostics, sink.file());
    if (!failed) result.scenario = std::move(scenario);
    return result;
}

}  // namespace

LoadResult load_scenario_text(std::string_view text, std::string_view display_name,
                              const std::filesystem::path& base_directory) noexcept {
    try {
        DiagnosticSink sink{std::string(display_name)};
        if (!check_text(text, sink)) return finish(sink, std::nullopt);
        YAML::Node root;
        try {
            // A stream of several documents is one scenario and something else: the
            // rest would be silently ignored, so it is refused.
            root = YAML::Load(std::string(text));
            if (auto at = second_document(text)) {
                sink.error(at->line, at->column, "a second YAML document starts here; a scenario file holds one (remove "
                                                 "the '---' line, or split the file)");
                return finish(sink, std::nullopt);
            }
        } catch (const YAML::Exception& e) {
            // yaml-cpp's marks are 0-based; its message repeats the position, so only
            // the plain text (e.g. "end of map not found") is kept. A key indented
            // unlike its siblings above that point is named instead: it is the cause.
            const int line = std::max(e.mark.line, 0) + 1;
            if (auto hint = find_misindented_line(text); hint && hint->line <= line) {
                sink.error(hint->line, hint->column, "malformed YAML: " + hint->message + " (" + e.msg + ")");
            } else {
                sink.error(line, std::max(e.mark.column, 0) + 1, "malformed YAML: " + e.msg);
            }
            return finish(sink, std::nullopt);
        }
        Scenario scenario;
        scenario.source = std::string(display_name);
        Context ctx{sink, scenario, base_directory, {}, false};
        parse_document(ctx, root, display_name);
        return finish(sink, std::move(scenario));
    } catch (const std::exception& e) {
        LoadResult failed;
        failed.diagnostics.push_back(Diagnostic{Severity::error, std::string(display_name), 1, 1,
                                                std::string("internal error while loading: ") + e.what()});
        return failed;
    } catch (...) {
        LoadResult failed;
        failed.diagnostics.push_back(Diagnostic{Severity::error, std::string(display_name), 1, 1,
                                                "internal error while loading"});
        return failed;
    }
}

LoadResult load_scenario(const std::filesystem::path& path) noexcept {
    std::string shown;
    try {
        shown = path.string();
        auto refuse = [&](std::string message) {
            LoadResult failed;
            failed.diagnostics.push_back(Diagnostic{Severity::error, shown, 1, 1, std::move(message)});
            return failed;
        };
        std::error_code ec;
        auto size = std::filesystem::file_size(path, ec);
        if (ec) return refuse("cannot read the scenario file: " + ec.message());
        if (size > max_scenario_bytes) {
            return refuse("the file has " + std::to_string(size) + " bytes; scenario files over " +
                          std::to_string(max_scenario_bytes / (1024 * 1024)) + " MiB are refused");
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) return refuse("cannot open the scenario file");
        std::ostringstream content;
        content << in.rdbuf();
        return load_scenario_text(content.str(), shown, path.parent_path());
    } catch (...) {
        LoadResult failed;
        failed.diagnostics.push_back(Diagnostic{Severity::error, shown, 1, 1, "cannot read the scenario file"});
        return failed;
    }
}

}  // namespace kafkalab::scenarios
