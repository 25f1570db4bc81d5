#pragma once
// Reads the options of one Kafka tool from its words, the way Kafka's option parser
// (joptsimple, abbreviations off) accepts them, and collects the first mistake as a
// sentence for the student. Internal to the cli_tools parsers.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/cli_tools/cli_command.h"

namespace kafkalab::scenarios {

/// How an option takes its value.
enum class OptionArity {
    flag,            // --list
    required_value,  // --topic t, or --topic=t
    optional_value,  // --state, or --state Stable
};

/// One option a tool accepts. `expects` words the value for error messages:
/// "--partitions expects a positive integer, got 'two'".
struct OptionSpec {
    std::string_view name;  // Without the leading "--".
    OptionArity arity = OptionArity::flag;
    std::string_view expects = {};
    bool repeatable = false;
};

/// One option as the user gave it.
struct GivenOption {
    std::string name;
    std::optional<std::string> value;
};

/// Scans words against a tool's options, then answers typed questions about them.
/// Every question that finds a problem records it; only the first problem is reported,
/// because later ones are often consequences of it.
class OptionReader {
public:
    /// `unsimulated` lists real Kafka options of this tool that kafkalab does not model,
    /// so they are refused with that reason rather than called unknown.
    OptionReader(std::string_view tool, std::span<const OptionSpec> specs,
                 std::span<const std::string_view> unsimulated);

    /// Reads the words after the program name. Call once, before any question.
    void scan(std::span<const std::string> words);

    bool has(std::string_view name) const;
    /// The value of a single-valued option, or of an optional-value option given bare ("").
    std::optional<std::string> text(std::string_view name) const;
    /// Every value of a repeatable option, in typed order.
    std::vector<std::string> texts(std::string_view name) const;

    std::optional<std::int32_t> positive_int32(std::string_view name);
    std::optional<std::int32_t> non_negative_int32(std::string_view name);
    std::optional<std::int64_t> int64(std::string_view name);
    /// A comma-separated host:port list, split but not resolved.
    std::vector<std::string> servers(std::string_view name);
    /// Every value of a repeatable key=value option.
    CliProperties properties(std::string_view name);

    /// How many of `names` were given.
    int count_given(std::span<const std::string_view> names) const;
    /// Refuses `option` when any of `others` was also given.
    void refuse_together(std::string_view option, std::span<const std::string_view> others);
    /// Refuses the command when `name` is missing; `context` completes "is required".
    void require(std::string_view name, std::string_view context = {});

    /// Records a problem with `option` ("" for the command as a whole).
    void fail(std::string_view option, std::string_view message);
    /// Records "--<name> expects <what>, got '<value>'".
    void fail_value(std::string_view name, std::string_view value);

    bool failed() const { return error_.has_value(); }
    const CliParseError& error() const { return *error_; }
    const std::string& tool() const { return tool_; }

private:
    const OptionSpec* find_spec(std::string_view name) const;
    void scan_option(std::span<const std::string> words, std::size_t& index);
    void refuse_unknown(std::string_view word);

    std::string tool_;
    std::span<const OptionSpec> specs_;
    std::span<const std::string_view> unsimulated_;
    std::vector<GivenOption> given_;       // In typed order.
    std::optional<CliParseError> error_;   // The first problem found; never replaced.
};

/// The known name closest to `typed` within a small edit distance, or "" if none is close.
std::string closest_name(std::string_view typed, std::span<const std::string_view> names);

}  // namespace kafkalab::scenarios
