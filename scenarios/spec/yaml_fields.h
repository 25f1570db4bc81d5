#pragma once
// Reading YAML nodes into typed values with precise diagnostics. Internal to the
// loader. Every reader reports what it expected at the node's own position and
// returns nothing on a problem, so parsing continues and several errors are found in
// one pass.
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenarios/spec/diagnostic.h"
#include "scenarios/spec/scenario.h"

namespace kafkalab::scenarios::detail {

/// State shared by the parts of one load.
struct Context {
    DiagnosticSink& sink;
    Scenario& scenario;
    std::filesystem::path base_directory;
    /// Topics a `kafka-topics --create` step makes, so clients may name them.
    std::set<std::string> topics_created_by_steps;
    /// Whether the cluster's properties say auto.create.topics.enable=true explicitly:
    /// only then may clients name undeclared topics (a typo must not create a topic).
    bool auto_create_topics_explicit = false;
    /// False when `duration` did not parse: its error is the one to fix, so times are
    /// not checked against the default duration (that would bury it under follow-ons).
    bool duration_known = true;
};

SourcePosition position_of(const YAML::Node& node);
void error_at(Context& ctx, const YAML::Node& node, std::string message);
void warning_at(Context& ctx, const YAML::Node& node, std::string message);

/// The scalar's text, or a short rendering of a collection, for "found '...'".
std::string describe(const YAML::Node& node);

bool is_map(Context& ctx, const YAML::Node& node, std::string_view what);
bool is_list(Context& ctx, const YAML::Node& node, std::string_view what);
/// A list of at most `most` entries. The bound keeps every check over a section
/// cheap, whatever a 4 MiB file contains.
bool is_list_of_at_most(Context& ctx, const YAML::Node& node, std::string_view what, std::size_t most);

/// The keys of a mapping, checked against the allowed names: unknown keys get a
/// "did you mean", repeated keys and non-scalar keys are errors.
class Fields {
public:
    Fields(Context& ctx, const YAML::Node& map, std::string_view where, std::initializer_list<std::string_view> allowed)
        : Fields(ctx, map, where, std::vector<std::string_view>(allowed)) {}
    Fields(Context& ctx, const YAML::Node& map, std::string_view where, std::vector<std::string_view> allowed);

    /// The value of `key`, or nullptr when absent.
    const YAML::Node* find(std::string_view key) const;
    bool has(std::string_view key) const { return find(key) != nullptr; }
    /// The key node itself, for positions; nullptr when absent.
    const YAML::Node* key_node(std::string_view key) const;

private:
    struct Field {
        std::string name;
        YAML::Node key;
        YAML::Node value;
    };
    std::vector<Field> fields_;
};

std::optional<std::string> read_string(Context& ctx, const YAML::Node& node, std::string_view what);
/// A whole number in [low, high]: "partitions must be an integer from 1 to 10000; found '-3'".
std::optional<std::int64_t> read_integer(Context& ctx, const YAML::Node& node, std::string_view what,
                                         std::int64_t low, std::int64_t high);
/// A duration ("250us", "3s", "1m"); `allow_zero` admits "0s".
std::optional<Duration> read_duration(Context& ctx, const YAML::Node& node, std::string_view what,
                                      bool allow_zero = false);
/// A time offset within the run: a duration in [0, scenario.duration].
std::optional<Duration> read_time(Context& ctx, const YAML::Node& node, std::string_view what);
/// A list of strings, or one string standing for a list of one.
std::optional<std::vector<std::string>> read_string_list(Context& ctx, const YAML::Node& node, std::string_view what);

/// Reads a mapping of Kafka config keys into `into`, validating each against the
/// catalog for the scope and era of `into`. Lists become comma-separated values.
void read_properties(Context& ctx, const YAML::Node& node, kafka::Properties& into);

/// Where the entries read from a properties file stand in it, so that later messages
/// about them point at the file's line rather than at the scenario.
struct PropertiesFileOrigin {
    std::string file;  // as messages show it
    std::map<std::string, SourcePosition, std::less<>> positions;

    const SourcePosition* find(std::string_view key) const;
};

/// Reads a properties file named relative to the scenario's folder into `into`,
/// reporting its problems at the file's own lines. Nothing when it could not be read.
std::optional<PropertiesFileOrigin> read_properties_file(Context& ctx, const YAML::Node& node,
                                                         kafka::Properties& into);

/// Reports `message` about `key` of `properties` where the key was written: its line in
/// the scenario, else its line in `file` (when it came from there), else at `fallback`.
void report_key(Context& ctx, Severity severity, const kafka::Properties& properties, std::string_view key,
                const PropertiesFileOrigin* file, const YAML::Node& fallback, std::string message);

/// Runs validate()'s cross-key checks on `properties` and reports them at `node`.
void check_cross_keys(Context& ctx, const YAML::Node& node, const kafka::Properties& properties);

}  // namespace kafkalab::scenarios::detail
