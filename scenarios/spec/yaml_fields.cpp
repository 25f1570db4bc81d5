#include "scenarios/spec/yaml_fields.h"

#include <algorithm>
#include <limits>

#include "broker_model/config/config_catalog.h"
#include "broker_model/config/did_you_mean.h"
#include "broker_model/config/properties_file.h"
#include "broker_model/config/value_parsing.h"
#include "scenarios/spec/invisible_text.h"

namespace kafkalab::scenarios::detail {
namespace {

constexpr std::size_t longest_quoted_value = 40;

std::string join(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ",") + item;
    return text;
}

}  // namespace

SourcePosition position_of(const YAML::Node& node) {
    // yaml-cpp marks are 0-based and -1 for nodes it made up (an absent value).
    YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
    if (mark.line < 0 || mark.column < 0) return SourcePosition{1, 1};
    return SourcePosition{mark.line + 1, mark.column + 1};
}

void error_at(Context& ctx, const YAML::Node& node, std::string message) {
    auto p = position_of(node);
    ctx.sink.error(p.line, p.column, std::move(message));
}

void warning_at(Context& ctx, const YAML::Node& node, std::string message) {
    auto p = position_of(node);
    ctx.sink.warning(p.line, p.column, std::move(message));
}

std::string describe(const YAML::Node& node) {
    if (!node.IsDefined() || node.IsNull()) return "nothing";
    if (node.IsSequence()) return "a list";
    if (node.IsMap()) return "a mapping";
    std::string text = node.Scalar();
    if (text.size() > longest_quoted_value) text = text.substr(0, longest_quoted_value) + "...";
    return "'" + text + "'";
}

bool is_map(Context& ctx, const YAML::Node& node, std::string_view what) {
    if (node.IsMap()) return true;
    error_at(ctx, node, std::string(what) + " must be a mapping of keys to values; found " + describe(node));
    return false;
}

bool is_list(Context& ctx, const YAML::Node& node, std::string_view what) {
    if (node.IsSequence()) return true;
    error_at(ctx, node, std::string(what) + " must be a list; found " + describe(node));
    return false;
}

bool is_list_of_at_most(Context& ctx, const YAML::Node& node, std::string_view what, std::size_t most) {
    if (!is_list(ctx, node, what)) return false;
    if (node.size() <= most) return true;
    error_at(ctx, node, std::string(what) + " may have at most " + std::to_string(most) + " entries; found " +
                            std::to_string(node.size()));
    return false;
}

Fields::Fields(Context& ctx, const YAML::Node& map, std::string_view where, std::vector<std::string_view> names) {
    if (!map.IsMap()) return;
    for (auto it = map.begin(); it != map.end(); ++it) {
        // Copies: the iterator hands out a temporary pair, and Node is only a handle.
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            error_at(ctx, key, "keys " + std::string(where) + " must be names; found " + describe(key));
            continue;
        }
        const std::string& name = key.Scalar();
        bool known = false;
        for (auto candidate : names) known = known || candidate == name;
        if (!known) {
            error_at(ctx, key, "unknown key '" + name + "' " + std::string(where) +
                                   kafka::did_you_mean(kafka::closest_match(name, names)));
            continue;
        }
        if (const YAML::Node* earlier = key_node(name)) {
            error_at(ctx, key, "'" + name + "' appears twice " + std::string(where) + " (first on line " +
                                   std::to_string(position_of(*earlier).line) + ")");
            continue;
        }
        fields_.push_back(Field{name, key, it->second});
    }
}

const YAML::Node* Fields::find(std::string_view key) const {
    for (const auto& f : fields_) {
        if (f.name == key) return &f.value;
    }
    return nullptr;
}

const YAML::Node* Fields::key_node(std::string_view key) const {
    for (const auto& f : fields_) {
        if (f.name == key) return &f.key;
    }
    return nullptr;
}

std::optional<std::string> read_string(Context& ctx, const YAML::Node& node, std::string_view what) {
    if (node.IsScalar()) {
        // Prose and record values may join letters (Persian, emoji); nothing may
        // reorder or hide text, and names may hold nothing unseen.
        const bool prose = what == "description" || what == "say" || what == "ask" || what == "answer" ||
                           what == "fixed" || what == "fixed key";
        if (auto c = find_invisible(node.Scalar(), prose)) {
            error_at(ctx, node, std::string(what) + " contains " + describe_invisible(*c) + ", an invisible character that makes " +
                                    "text read otherwise than it is; remove it");
            return std::nullopt;
        }
        return node.Scalar();
    }
    error_at(ctx, node, std::string(what) + " must be text; found " + describe(node));
    return std::nullopt;
}

std::optional<std::int64_t> read_integer(Context& ctx, const YAML::Node& node, std::string_view what,
                                         std::int64_t low, std::int64_t high) {
    std::optional<std::int64_t> value = node.IsScalar() ? kafka::parse_int64(node.Scalar()) : std::nullopt;
    if (value && *value >= low && *value <= high) return value;
    std::string range = high == std::numeric_limits<std::int64_t>::max()
                            ? "of at least " + std::to_string(low)
                            : "from " + std::to_string(low) + " to " + std::to_string(high);
    error_at(ctx, node, std::string(what) + " must be a whole number " + range + "; found " + describe(node));
    return std::nullopt;
}

std::optional<Duration> read_duration(Context& ctx, const YAML::Node& node, std::string_view what, bool allow_zero) {
    std::optional<Duration> value = node.IsScalar() ? sim::parse_duration(node.Scalar()) : std::nullopt;
    if (!value) {
        error_at(ctx, node, std::string(what) + " must be a duration with a unit, such as 250ms, 3s or 1m; found " +
                                describe(node));
        return std::nullopt;
    }
    if (*value == Duration{0} && !allow_zero) {
        error_at(ctx, node, std::string(what) + " must be longer than 0s");
        return std::nullopt;
    }
    return value;
}

std::optional<Duration> read_time(Context& ctx, const YAML::Node& node, std::string_view what) {
    auto value = read_duration(ctx, node, what, true);
    if (value && ctx.duration_known && *value > ctx.scenario.duration) {
        error_at(ctx, node, std::string(what) + " " + sim::format_duration(*value) +
                                " is after the end of the run (duration: " +
                                sim::format_duration(ctx.scenario.duration) + ")");
        return std::nullopt;
    }
    return value;
}

std::optional<std::vector<std::string>> read_string_list(Context& ctx, const YAML::Node& node,
                                                         std::string_view what) {
    if (node.IsScalar()) return std::vector<std::string>{node.Scalar()};
    if (!node.IsSequence()) {
        error_at(ctx, node, std::string(what) + " must be a list of names; found " + describe(node));
        return std::nullopt;
    }
    std::vector<std::string> items;
    bool ok = true;
    for (const auto& item : node) {
        auto text = read_string(ctx, item, std::string(what) + " entries");
        if (text) items.push_back(*text);
        ok = ok && text.has_value();
    }
    if (!ok) return std::nullopt;
    return items;
}

void read_properties(Context& ctx, const YAML::Node& node, kafka::Properties& into) {
    std::string scope = kafka::to_string(into.scope());
    if (!is_map(ctx, node, scope + " properties")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node key = it->first;  // copies of handles, as in Fields
        const YAML::Node value = it->second;
        if (!key.IsScalar()) {
            error_at(ctx, key, scope + " keys must be names; found " + describe(key));
            continue;
        }
        std::string text;
        if (value.IsScalar()) {
            text = value.Scalar();
        } else if (auto items = value.IsSequence() ? read_string_list(ctx, value, key.Scalar()) : std::nullopt) {
            text = join(*items);
        } else {
            if (!value.IsSequence()) error_at(ctx, value, key.Scalar() + " must have a value; found " + describe(value));
            continue;
        }
        if (auto ignored = kafka::ignored_key_warning(into.scope(), key.Scalar())) {
            warning_at(ctx, key, std::move(*ignored));
            continue;
        }
        if (auto problem = kafka::check_entry(into.scope(), key.Scalar(), text)) {
            bool unknown_key = kafka::find_config(into.scope(), key.Scalar()) == nullptr;
            error_at(ctx, unknown_key ? key : value, std::move(*problem));
            continue;
        }
        const kafka::ConfigDef* def = kafka::find_config(into.scope(), key.Scalar());
        if (def && into.era() < def->since) {
            warning_at(ctx, key, key.Scalar() + " did not exist before Kafka " + def->since.to_string() +
                                     " (kafka-version is " + into.era().to_string() + ")");
        }
        auto p = position_of(key);
        into.set(key.Scalar(), text, p.line, p.column);
    }
}

namespace {

/// Whether `path` lies inside `folder`, after resolving "..", "." and symbolic links
/// as far as they exist.
bool inside(const std::filesystem::path& folder, const std::filesystem::path& path) {
    std::error_code ec;
    auto base = std::filesystem::weakly_canonical(folder.empty() ? std::filesystem::path(".") : folder, ec);
    if (ec) return false;
    auto target = std::filesystem::weakly_canonical(path, ec);
    if (ec) return false;
    auto [b, t] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
    return b == base.end();
}

/// A properties-file's issue as it may be shown. A key the scope does not know is not
/// quoted: a file that is not a properties file at all (/etc/passwd) would otherwise
/// have its lines printed, a word at a time. A near miss still gets its suggestion.
std::string shown_message(kafka::ConfigScope scope, const kafka::ConfigIssue& issue) {
    if (issue.key.empty() || issue.severity != kafka::IssueSeverity::error || kafka::find_config(scope, issue.key) ||
        !kafka::scopes_knowing(issue.key).empty()) {
        return issue.message;
    }
    return std::string("this line's key is not a known ") + kafka::to_string(scope) + " key" +
           kafka::did_you_mean(kafka::suggest_key(scope, issue.key));
}

}  // namespace

std::optional<PropertiesFileOrigin> read_properties_file(Context& ctx, const YAML::Node& node,
                                                         kafka::Properties& into) {
    auto name = read_string(ctx, node, "properties-file");
    if (!name) return std::nullopt;
    // A relative path stays inside the scenario's folder, so a shared scenario cannot
    // read ../../../etc/passwd; an absolute path says plainly what it reads.
    const bool absolute = std::filesystem::path(*name).is_absolute();
    std::filesystem::path path = absolute ? std::filesystem::path(*name) : ctx.base_directory / *name;
    if (!absolute && !inside(ctx.base_directory, path)) {
        error_at(ctx, node, "properties-file '" + *name + "' is outside the scenario's folder; a relative path must "
                            "stay inside it (give an absolute path to read a file elsewhere)");
        return std::nullopt;
    }
    auto loaded = kafka::load_properties_file(path, into.scope(), into.era());
    std::string shown = path.lexically_normal().string();
    for (const auto& issue : loaded.issues) {
        ctx.sink.add(Diagnostic{issue.severity == kafka::IssueSeverity::error ? Severity::error : Severity::warning,
                                shown, issue.line > 0 ? issue.line : 1, issue.column > 0 ? issue.column : 1,
                                shown_message(into.scope(), issue)});
    }
    // Only valid entries are kept, so typed getters on the result never fail. The
    // entries keep no position of their own (their lines are the file's, not the
    // scenario's); the origin says where they are.
    PropertiesFileOrigin origin{shown, {}};
    for (const auto& e : loaded.properties.entries()) {
        if (kafka::check_entry(into.scope(), e.key, e.value)) continue;
        into.set(e.key, e.value);
        origin.positions[e.key] = SourcePosition{e.line, e.column};
    }
    return origin;
}

const SourcePosition* PropertiesFileOrigin::find(std::string_view key) const {
    auto it = positions.find(key);
    return it == positions.end() ? nullptr : &it->second;
}

void report_key(Context& ctx, Severity severity, const kafka::Properties& properties, std::string_view key,
                const PropertiesFileOrigin* file, const YAML::Node& fallback, std::string message) {
    const auto* entry = properties.entry(key);
    if (entry && entry->line > 0) {
        return severity == Severity::error ? ctx.sink.error(entry->line, entry->column, std::move(message))
                                           : ctx.sink.warning(entry->line, entry->column, std::move(message));
    }
    if (const SourcePosition* at = file ? file->find(key) : nullptr; entry && at) {
        return ctx.sink.add(Diagnostic{severity, file->file, at->line, at->column, std::move(message)});
    }
    return severity == Severity::error ? error_at(ctx, fallback, std::move(message))
                                       : warning_at(ctx, fallback, std::move(message));
}



void check_cross_keys(Context& ctx, const YAML::Node& node, const kafka::Properties& properties) {
    for (const auto& issue : kafka::validate_entries(properties)) {
        if (issue.severity == kafka::IssueSeverity::error) return;  // reported where it was read
    }
    for (const auto& issue : kafka::validate_combination(properties)) {
        if (issue.line > 0) {
            ctx.sink.error(issue.line, issue.column, issue.message);
        } else {
            error_at(ctx, node, issue.message);
        }
    }
}

}  // namespace kafkalab::scenarios::detail
