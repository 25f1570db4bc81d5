// kafka-consumer-groups' options and the checks of Kafka 3.6's
// ConsumerGroupCommandOptions.checkArgs and the action count in ConsumerGroupCommand.main.
#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "scenarios/cli_tools/consumer_group_description.h"
#include "scenarios/cli_tools/option_reader.h"
#include "scenarios/cli_tools/tool_parsers.h"

namespace kafkalab::scenarios {
namespace {

constexpr std::string_view tool_name = "kafka-consumer-groups";

constexpr std::array<OptionSpec, 25> groups_options{{
    {"bootstrap-server", OptionArity::required_value, "host:port[,host:port...]"},
    {"list"}, {"describe"}, {"delete"}, {"reset-offsets"}, {"delete-offsets"},
    {"group", OptionArity::required_value, "a consumer group id", true},
    {"all-groups"},
    {"topic", OptionArity::required_value, "a topic name, or topic:0,1,2", true},
    {"all-topics"},
    {"members"}, {"offsets"}, {"verbose"},
    {"state", OptionArity::optional_value, "a comma-separated list of PreparingRebalance, CompletingRebalance, Stable, Dead, Empty"},
    {"timeout", OptionArity::required_value, "a number of milliseconds"},
    {"dry-run"}, {"execute"},
    {"to-earliest"}, {"to-latest"}, {"to-current"},
    {"to-offset", OptionArity::required_value, "an offset"},
    {"shift-by", OptionArity::required_value, "a number of offsets, possibly negative"},
    {"to-datetime", OptionArity::required_value, "a datetime like 2024-01-31T10:00:00.000"},
    {"by-duration", OptionArity::required_value, "a duration like PT10M"},
    {"from-file", OptionArity::required_value, "a CSV file"},
}};

constexpr std::array<std::string_view, 4> unsimulated_options{"command-config", "export", "help", "version"};

constexpr std::array<std::string_view, 5> actions{"list", "describe", "delete", "reset-offsets", "delete-offsets"};
constexpr std::array<std::string_view, 8> reset_scenarios{"to-earliest", "to-latest",   "to-current",  "to-offset",
                                                          "shift-by",    "to-datetime", "by-duration", "from-file"};

ConsumerGroupsAction action_of(const OptionReader& reader) {
    if (reader.has("describe")) return ConsumerGroupsAction::describe;
    if (reader.has("delete")) return ConsumerGroupsAction::delete_groups;
    if (reader.has("reset-offsets")) return ConsumerGroupsAction::reset_offsets;
    if (reader.has("delete-offsets")) return ConsumerGroupsAction::delete_offsets;
    return ConsumerGroupsAction::list;
}

void check_describe(OptionReader& reader) {
    constexpr std::array<std::string_view, 3> views{"members", "offsets", "state"};
    for (std::string_view view : {"members", "offsets", "verbose"})
        if (reader.has(view) && !reader.has("describe")) reader.fail(fmt::format("--{}", view), fmt::format("--{} needs --describe", view));
    if (reader.has("state") && !reader.has("describe") && !reader.has("list")) reader.fail("--state", "--state needs --describe or --list");
    if (!reader.has("describe")) return;
    if (reader.count_given(views) > 1) reader.fail("", "--describe takes at most one of --members, --offsets, --state");
    if (reader.has("state") && !reader.text("state")->empty()) reader.fail("--state", "--state takes no value with --describe");
}

void check_group_scope(OptionReader& reader) {
    const bool scoped = reader.has("group") || reader.has("all-groups");
    for (std::string_view action : {"describe", "delete", "reset-offsets"})
        if (reader.has(action) && !scoped) reader.fail("", fmt::format("--{} needs --group or --all-groups", action));
    constexpr std::array<std::string_view, 1> all_groups{"all-groups"};
    reader.refuse_together("group", all_groups);
    constexpr std::array<std::string_view, 1> list{"list"};
    reader.refuse_together("group", list);
    constexpr std::array<std::string_view, 2> topicless{"list", "describe"};
    reader.refuse_together("topic", topicless);
    if (reader.has("delete") && reader.has("topic"))
        reader.fail("--topic", "--delete removes whole groups and can't be used with --topic; use --delete-offsets");
    if (reader.has("delete-offsets") && (!reader.has("group") || !reader.has("topic")))
        reader.fail("", "--delete-offsets needs --group and --topic");
}

std::optional<OffsetReset> offset_reset(OptionReader& reader) {
    if (!reader.has("reset-offsets")) return std::nullopt;
    if (reader.has("dry-run") && reader.has("execute")) reader.fail("--execute", "--reset-offsets takes only one of --execute and --dry-run");
    if (reader.count_given(reset_scenarios) != 1)
        reader.fail("", "--reset-offsets needs exactly one of --to-earliest, --to-latest, --to-current, --to-offset, "
                        "--shift-by, --to-datetime, --by-duration, --from-file");
    if (!reader.has("from-file") && !reader.has("topic") && !reader.has("all-topics"))
        reader.fail("", "--reset-offsets needs --topic or --all-topics");
    OffsetReset reset;
    constexpr std::array<OffsetResetKind, 8> kinds{OffsetResetKind::to_earliest, OffsetResetKind::to_latest,
                                                   OffsetResetKind::to_current,  OffsetResetKind::to_offset,
                                                   OffsetResetKind::shift_by,    OffsetResetKind::to_datetime,
                                                   OffsetResetKind::by_duration, OffsetResetKind::from_file};
    for (std::size_t i = 0; i < reset_scenarios.size(); ++i)
        if (reader.has(reset_scenarios[i])) reset.kind = kinds[i];
    if (reset.kind == OffsetResetKind::to_offset) reset.amount = reader.int64("to-offset").value_or(0);
    if (reset.kind == OffsetResetKind::shift_by) reset.amount = reader.int64("shift-by").value_or(0);
    for (std::string_view text_option : {"to-datetime", "by-duration", "from-file"})
        if (const auto text = reader.text(text_option)) reset.text = *text;
    reset.execute = reader.has("execute");
    reset.all_topics = reader.has("all-topics");
    return reset;
}

// --list --state Stable,Empty: Kafka 3.6 matches state names exactly (ConsumerGroupState.parse).
std::optional<std::vector<std::string>> list_states(OptionReader& reader) {
    if (!reader.has("list") || !reader.has("state")) return std::nullopt;
    std::vector<std::string> states;
    const std::string raw = *reader.text("state");
    for (std::size_t start = 0; !raw.empty() && start <= raw.size();) {
        const std::size_t comma = std::min(raw.find(',', start), raw.size());
        std::string name = raw.substr(start, comma - start);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (!parse_consumer_group_state(name)) reader.fail_value("state", raw);
        states.push_back(std::move(name));
        start = comma + 1;
    }
    return states;
}

}  // namespace

CliParseResult parse_consumer_groups_command(std::string program, std::span<const std::string> args) {
    OptionReader reader(tool_name, groups_options, unsimulated_options);
    reader.scan(args);
    if (!reader.failed()) reader.require("bootstrap-server");
    if (!reader.failed() && reader.count_given(actions) != 1)
        reader.fail("", "exactly one of --list, --describe, --delete, --reset-offsets, --delete-offsets is required");
    if (!reader.failed()) check_describe(reader);
    if (!reader.failed()) check_group_scope(reader);

    ConsumerGroupsCommand command;
    command.program = std::move(program);
    command.action = action_of(reader);
    command.servers = reader.servers("bootstrap-server");
    command.groups = reader.texts("group");
    command.all_groups = reader.has("all-groups");
    command.view = reader.has("members")                            ? GroupDescribeView::members
                   : reader.has("describe") && reader.has("state") ? GroupDescribeView::state
                                                                   : GroupDescribeView::offsets;
    command.verbose = reader.has("verbose");
    command.list_states = list_states(reader);
    command.topics = reader.texts("topic");
    if (!reader.failed()) command.reset = offset_reset(reader);
    command.timeout_ms = reader.int64("timeout").value_or(5000);
    if (reader.failed()) return refused(reader.error());
    return CliParseResult{CliCommand{std::move(command)}, std::nullopt};
}

}  // namespace kafkalab::scenarios
