// `steps:`, `narration:` and `predict:` — the timed parts of a lesson besides faults.
#include <algorithm>
#include <array>
#include <sstream>

#include "broker_model/config/did_you_mean.h"
#include "scenarios/spec/names.h"
#include "scenarios/spec/parse_parts.h"

namespace kafkalab::scenarios::detail {
namespace {

constexpr std::array<std::string_view, 4> step_tools{"kafka-topics", "kafka-console-consumer",
                                                     "kafka-console-producer", "kafka-consumer-groups"};
constexpr std::size_t most_input_lines = 10000;

/// "bin/kafka-topics.sh", ".\bin\windows\kafka-topics.bat" and "kafka-topics" are all
/// "kafka-topics": the folder and the script extension say only which OS typed it.
std::string tool_of(std::string_view command) {
    std::istringstream words{std::string(command)};
    std::string first;
    words >> first;
    std::size_t slash = first.find_last_of("/\\");
    if (slash != std::string::npos) first = first.substr(slash + 1);
    for (std::string_view ext : {".sh", ".bat"}) {
        if (first.ends_with(ext)) first.resize(first.size() - ext.size());
    }
    return first;
}

/// The topic a "kafka-topics --create --topic X" command creates, or "".
std::string created_topic(std::string_view command) {
    std::istringstream words{std::string(command)};
    std::vector<std::string> tokens;
    for (std::string w; words >> w;) tokens.push_back(w);
    bool creates = false;
    std::string topic;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        creates = creates || tokens[i] == "--create";
        if (tokens[i] == "--topic" && i + 1 < tokens.size()) topic = tokens[i + 1];
        if (tokens[i].starts_with("--topic=")) topic = tokens[i].substr(8);
    }
    return creates ? topic : "";
}

/// Checks that every --bootstrap-server (or the older --broker-list) address of a tool
/// step names a broker, by the rule the clients' bootstrap servers follow, and reports
/// at the address's own column when the command is written on one line.
void check_step_servers(Context& ctx, const YAML::Node& run, std::string_view command) {
    SourcePosition at = position_of(run);
    // A quoted scalar's text starts one column after its mark.
    const int text_column = at.column + (run.Tag() == "!" ? 1 : 0);
    auto report = [&](std::size_t offset, const std::string& why) {
        const bool one_line = command.find('\n') == std::string_view::npos;
        ctx.sink.error(at.line, one_line ? text_column + static_cast<int>(offset) : at.column, why);
    };
    std::size_t word_start = 0;
    bool servers_next = false;
    while (word_start < command.size()) {
        word_start = command.find_first_not_of(" \t\n", word_start);
        if (word_start == std::string_view::npos) break;
        std::size_t word_end = std::min(command.find_first_of(" \t\n", word_start), command.size());
        std::string_view word = command.substr(word_start, word_end - word_start);
        std::size_t list_start = std::string_view::npos;
        if (servers_next) {
            list_start = word_start;
            servers_next = false;
        } else if (word == "--bootstrap-server" || word == "--broker-list") {
            servers_next = true;
        } else if (word.starts_with("--bootstrap-server=") || word.starts_with("--broker-list=")) {
            list_start = word_start + word.find('=') + 1;
        }
        for (std::size_t item = list_start; item != std::string_view::npos && item < word_end;) {
            std::size_t comma = std::min(command.find(',', item), word_end);
            std::string_view address = command.substr(item, comma - item);
            auto resolved = resolve_address(ctx.scenario, address);
            if (const auto* why = std::get_if<std::string>(&resolved)) report(item, *why);
            item = comma + 1;
        }
        word_start = word_end;
    }
}

void parse_step(Context& ctx, const YAML::Node& node) {
    if (!is_map(ctx, node, "a step")) return;
    Fields f(ctx, node, "in a step", {"at", "run", "input"});
    StepSpec step;
    step.position = position_of(node);
    if (const auto* n = f.find("at")) step.at = read_time(ctx, *n, "at").value_or(Duration{0});
    const YAML::Node* run = f.find("run");
    if (!run) {
        error_at(ctx, node, "a step needs run: a kafka command line such as \"kafka-topics --list\"");
        return;
    }
    step.run = read_string(ctx, *run, "run").value_or("");
    step.tool = tool_of(step.run);
    if (std::find(step_tools.begin(), step_tools.end(), step.tool) == step_tools.end()) {
        error_at(ctx, *run, "unknown tool '" + step.tool + "'; steps run kafka-topics, kafka-console-consumer, "
                            "kafka-console-producer or kafka-consumer-groups" +
                            kafka::did_you_mean(kafka::closest_match(step.tool, step_tools)));
        return;
    }
    if (const auto* n = f.find("input")) {
        if (step.tool != "kafka-console-producer") {
            error_at(ctx, *f.key_node("input"), "input is typed into kafka-console-producer only; this step runs " +
                                                    step.tool);
        } else if (auto lines = read_string_list(ctx, *n, "input")) {
            if (lines->size() > most_input_lines) error_at(ctx, *n, "input has more than 10000 lines");
            step.input = std::move(*lines);
        }
    }
    check_step_servers(ctx, *run, step.run);
    if (step.tool == "kafka-topics") {
        if (auto topic = created_topic(step.run); !topic.empty()) ctx.topics_created_by_steps.insert(topic);
    }
    ctx.scenario.steps.push_back(std::move(step));
}

}  // namespace

void parse_steps(Context& ctx, const YAML::Node& node) {
    if (!is_list_of_at_most(ctx, node, "steps", 10000)) return;
    for (const auto& entry : node) {
        if (ctx.sink.full()) return;
        parse_step(ctx, entry);
    }
}

void parse_narration(Context& ctx, const YAML::Node& node) {
    if (!is_list_of_at_most(ctx, node, "narration", 10000)) return;
    for (const auto& entry : node) {
        if (ctx.sink.full() || !is_map(ctx, entry, "a narration entry")) continue;
        Fields f(ctx, entry, "in a narration entry", {"at", "say", "expect"});
        NarrationSpec line;
        line.position = position_of(entry);
        if (const auto* n = f.find("at")) line.at = read_time(ctx, *n, "at").value_or(Duration{0});
        const YAML::Node* say = f.find("say");
        if (!say) {
            error_at(ctx, entry, "a narration entry needs say: the text to show");
            continue;
        }
        line.say = read_string(ctx, *say, "say").value_or("");
        // The fact the line states, checked against the run at the line's moment: one
        // expectation or a list, in expect:'s vocabulary.
        if (const auto* facts = f.find("expect")) {
            const auto check = [&](const YAML::Node& fact) {
                parse_expectation(ctx, fact, line.at);
                ++line.checked_facts;
            };
            if (facts->IsSequence()) {
                for (const auto& fact : *facts) check(fact);
            } else {
                check(*facts);
            }
        }
        ctx.scenario.narration.push_back(std::move(line));
    }
}

void parse_predictions(Context& ctx, const YAML::Node& node) {
    if (!is_list_of_at_most(ctx, node, "predict", 10000)) return;
    for (const auto& entry : node) {
        if (ctx.sink.full() || !is_map(ctx, entry, "a predict question")) continue;
        Fields f(ctx, entry, "in a predict question", {"at", "ask", "answer"});
        PredictionSpec question;
        question.position = position_of(entry);
        if (const auto* n = f.find("at")) question.at = read_time(ctx, *n, "at").value_or(Duration{0});
        const YAML::Node* ask = f.find("ask");
        const YAML::Node* answer = f.find("answer");
        if (!ask || !answer) {
            error_at(ctx, entry, "a predict question needs ask: (the question) and answer: (shown afterwards)");
            continue;
        }
        question.ask = read_string(ctx, *ask, "ask").value_or("");
        question.answer = read_string(ctx, *answer, "answer").value_or("");
        ctx.scenario.predictions.push_back(std::move(question));
    }
}

}  // namespace kafkalab::scenarios::detail
