#include "scenarios/cli_tools/option_reader.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

namespace kafkalab::scenarios {
namespace {

// Java's Integer.parseInt and Long.parseLong accept a leading '+', from_chars does not.
template <class Int>
std::optional<Int> parse_integer(std::string_view text) {
    if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
    Int value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

// Kafka's Utils.getPort pattern: anything, then ':' and a decimal port at the end.
bool is_host_port(std::string_view entry) {
    const std::size_t colon = entry.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == entry.size()) return false;
    const std::string_view port = entry.substr(colon + 1);
    return std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string_view without_dashes(std::string_view word) {
    while (!word.empty() && word.front() == '-') word.remove_prefix(1);
    return word;
}

}  // namespace

std::string closest_name(std::string_view typed, std::span<const std::string_view> names) {
    // Two edits catch the usual slips (a dropped, doubled or swapped letter) without
    // suggesting unrelated options for short words.
    const std::size_t allowed = typed.size() <= 4 ? 1 : 2;
    std::string best;
    std::size_t best_distance = allowed + 1;
    for (std::string_view name : names) {
        const std::size_t distance = edit_distance(typed, name);
        if (distance < best_distance) {
            best_distance = distance;
            best = std::string(name);
        }
    }
    return best;
}

OptionReader::OptionReader(std::string_view tool, std::span<const OptionSpec> specs,
                           std::span<const std::string_view> unsimulated)
    : tool_(tool), specs_(specs), unsimulated_(unsimulated) {}

const OptionSpec* OptionReader::find_spec(std::string_view name) const {
    const auto spec = std::find_if(specs_.begin(), specs_.end(), [&](const OptionSpec& s) { return s.name == name; });
    return spec == specs_.end() ? nullptr : &*spec;
}

void OptionReader::scan(std::span<const std::string> words) {
    std::size_t index = 0;
    while (index < words.size() && !failed()) {
        const std::string& word = words[index];
        if (word.size() > 2 && word.starts_with("--")) {
            scan_option(words, index);
        } else if (word.starts_with("-") && word.size() > 1) {
            refuse_unknown(word);
        } else {
            fail("", fmt::format("unexpected argument '{}' (options start with --)", word));
        }
    }
}

void OptionReader::scan_option(std::span<const std::string> words, std::size_t& index) {
    const std::string_view word = words[index++];
    const std::size_t equals = word.find('=');
    const std::string_view name = word.substr(2, equals == std::string_view::npos ? word.npos : equals - 2);
    const OptionSpec* spec = find_spec(name);
    if (spec == nullptr) return refuse_unknown(word.substr(0, equals));

    GivenOption given{std::string(name), std::nullopt};
    if (equals != std::string_view::npos) {
        if (spec->arity == OptionArity::flag)
            return fail(word.substr(0, equals), fmt::format("--{} takes no value, got '{}'", name, word.substr(equals + 1)));
        given.value = std::string(word.substr(equals + 1));
    } else if (spec->arity != OptionArity::flag) {
        // A following word that is one of this tool's options means the value was
        // forgotten; joptsimple would swallow it as the value and confuse everyone.
        const bool next_is_value = index < words.size() &&
                                   !(words[index].starts_with("--") && find_spec(without_dashes(words[index])));
        if (next_is_value && !(spec->arity == OptionArity::optional_value && words[index].starts_with("-")))
            given.value = words[index++];
        else if (spec->arity == OptionArity::required_value)
            return fail(fmt::format("--{}", name), fmt::format("--{} expects {}, got nothing", name, spec->expects));
    }
    if (!spec->repeatable && spec->arity != OptionArity::flag && has(name))
        return fail(fmt::format("--{}", name), fmt::format("--{} was given more than once", name));
    given_.push_back(std::move(given));
}

void OptionReader::refuse_unknown(std::string_view word) {
    const std::string_view bare = without_dashes(word);
    if (std::find(unsimulated_.begin(), unsimulated_.end(), bare) != unsimulated_.end())
        return fail(word, fmt::format("{} is a Kafka option that kafkalab does not simulate", word));
    std::vector<std::string_view> names;
    for (const OptionSpec& spec : specs_) names.push_back(spec.name);
    const std::string suggestion = closest_name(bare, names);
    if (!suggestion.empty())
        return fail(word, fmt::format("unknown option {} (did you mean --{}?)", word, suggestion));
    fail(word, fmt::format("unknown option {}", word));
}

bool OptionReader::has(std::string_view name) const {
    return std::any_of(given_.begin(), given_.end(), [&](const GivenOption& g) { return g.name == name; });
}

std::optional<std::string> OptionReader::text(std::string_view name) const {
    for (const GivenOption& given : given_)
        if (given.name == name) return given.value.value_or("");
    return std::nullopt;
}

std::vector<std::string> OptionReader::texts(std::string_view name) const {
    std::vector<std::string> values;
    for (const GivenOption& given : given_)
        if (given.name == name && given.value) values.push_back(*given.value);
    return values;
}

std::optional<std::int32_t> OptionReader::positive_int32(std::string_view name) {
    const auto raw = text(name);
    if (!raw) return std::nullopt;
    const auto value = parse_integer<std::int32_t>(*raw);
    if (!value || *value < 1) {
        fail_value(name, *raw);
        return std::nullopt;
    }
    return value;
}

std::optional<std::int32_t> OptionReader::non_negative_int32(std::string_view name) {
    const auto raw = text(name);
    if (!raw) return std::nullopt;
    const auto value = parse_integer<std::int32_t>(*raw);
    if (!value || *value < 0) {
        fail_value(name, *raw);
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> OptionReader::int64(std::string_view name) {
    const auto raw = text(name);
    if (!raw) return std::nullopt;
    const auto value = parse_integer<std::int64_t>(*raw);
    if (!value) fail_value(name, *raw);
    return value;
}

std::vector<std::string> OptionReader::servers(std::string_view name) {
    const auto raw = text(name);
    if (!raw) return {};
    std::vector<std::string> entries;
    std::size_t start = 0;
    while (start <= raw->size()) {
        const std::size_t comma = std::min(raw->find(',', start), raw->size());
        entries.push_back(raw->substr(start, comma - start));
        start = comma + 1;
    }
    if (!std::all_of(entries.begin(), entries.end(), [](const std::string& e) { return is_host_port(e); })) {
        fail_value(name, *raw);
        return {};
    }
    return entries;
}

CliProperties OptionReader::properties(std::string_view name) {
    CliProperties result;
    for (const std::string& value : texts(name)) result.push_back(split_key_value(value));
    return result;
}

int OptionReader::count_given(std::span<const std::string_view> names) const {
    return static_cast<int>(std::count_if(names.begin(), names.end(), [&](std::string_view n) { return has(n); }));
}

void OptionReader::refuse_together(std::string_view option, std::span<const std::string_view> others) {
    if (!has(option)) return;
    for (std::string_view other : others)
        if (has(other)) return fail(fmt::format("--{}", option), fmt::format("--{} can't be used with --{}", option, other));
}

void OptionReader::require(std::string_view name, std::string_view context) {
    if (has(name)) return;
    if (context.empty()) return fail(fmt::format("--{}", name), fmt::format("--{} is required", name));
    fail(fmt::format("--{}", name), fmt::format("--{} is required {}", name, context));
}

void OptionReader::fail(std::string_view option, std::string_view message) {
    if (error_) return;
    error_ = CliParseError{tool_, std::string(option), fmt::format("{}: {}", tool_, message)};
}

void OptionReader::fail_value(std::string_view name, std::string_view value) {
    const OptionSpec* spec = find_spec(name);
    const std::string_view expects = spec != nullptr ? spec->expects : std::string_view("a value");
    fail(fmt::format("--{}", name), fmt::format("--{} expects {}, got '{}'", name, expects, value));
}

}  // namespace kafkalab::scenarios
