// kafka-consumer-groups command lines.
#include <catch2/catch.hpp>

#include "parse_helpers.h"

using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

TEST_CASE("consumer groups --describe takes repeated --group and defaults to the offsets view") {
    const auto command = parse_as<ConsumerGroupsCommand>(
        R"(.\bin\windows\kafka-consumer-groups.bat --bootstrap-server localhost:9092 --describe --group analytics --group billing)");
    CHECK(command.action == ConsumerGroupsAction::describe);
    CHECK(command.groups == std::vector<std::string>{"analytics", "billing"});
    CHECK(command.view == GroupDescribeView::offsets);
    CHECK_FALSE(command.verbose);
}

TEST_CASE("consumer groups --describe picks the members or state view") {
    const auto members = parse_as<ConsumerGroupsCommand>("kafka-consumer-groups --bootstrap-server h:1 --describe --all-groups --members --verbose");
    CHECK(members.view == GroupDescribeView::members);
    CHECK(members.verbose);
    CHECK(members.all_groups);
    const auto state = parse_as<ConsumerGroupsCommand>("kafka-consumer-groups --bootstrap-server h:1 --describe --group g --state");
    CHECK(state.view == GroupDescribeView::state);
}

TEST_CASE("consumer groups --list with --state keeps the state names to filter by") {
    const auto all = parse_as<ConsumerGroupsCommand>("kafka-consumer-groups --bootstrap-server h:1 --list --state");
    REQUIRE(all.list_states);
    CHECK(all.list_states->empty());
    const auto some = parse_as<ConsumerGroupsCommand>("kafka-consumer-groups --bootstrap-server h:1 --list --state Stable,Empty");
    CHECK(some.list_states == std::vector<std::string>{"Stable", "Empty"});
    CHECK(refusal_message("kafka-consumer-groups --bootstrap-server h:1 --list --state stable") ==
          "kafka-consumer-groups: --state expects a comma-separated list of PreparingRebalance, CompletingRebalance, "
          "Stable, Dead, Empty, got 'stable'");
}

TEST_CASE("consumer groups --reset-offsets records where to, for which topics, and whether to execute") {
    const auto command = parse_as<ConsumerGroupsCommand>(
        "kafka-consumer-groups --bootstrap-server h:1 --reset-offsets --group g --topic payments --to-offset 42 --execute");
    CHECK(command.action == ConsumerGroupsAction::reset_offsets);
    REQUIRE(command.reset);
    CHECK(command.reset->kind == OffsetResetKind::to_offset);
    CHECK(command.reset->amount == 42);
    CHECK(command.reset->execute);
    CHECK(command.topics == std::vector<std::string>{"payments"});
    const auto dry = parse_as<ConsumerGroupsCommand>(
        "kafka-consumer-groups --bootstrap-server h:1 --reset-offsets --group g --all-topics --shift-by -5");
    CHECK(dry.reset->kind == OffsetResetKind::shift_by);
    CHECK(dry.reset->amount == -5);
    CHECK_FALSE(dry.reset->execute);
    CHECK(dry.reset->all_topics);
}

TEST_CASE("consumer groups refuses the combinations ConsumerGroupCommand refuses") {
    CHECK(refusal_message("kafka-consumer-groups --describe --group g") == "kafka-consumer-groups: --bootstrap-server is required");
    CHECK(refusal_message("kafka-consumer-groups --bootstrap-server h:1 --group g") ==
          "kafka-consumer-groups: exactly one of --list, --describe, --delete, --reset-offsets, --delete-offsets is required");
    CHECK(refusal_message("kafka-consumer-groups --bootstrap-server h:1 --describe") ==
          "kafka-consumer-groups: --describe needs --group or --all-groups");
    CHECK(refusal_message("kafka-consumer-groups --bootstrap-server h:1 --describe --group g --members --state") ==
          "kafka-consumer-groups: --describe takes at most one of --members, --offsets, --state");
    CHECK(refusal_message("kafka-consumer-groups --bootstrap-server h:1 --list --members") ==
          "kafka-consumer-groups: --members needs --describe");
    CHECK(refusal_message("kafka-consumer-groups --bootstrap-server h:1 --reset-offsets --group g --topic t") ==
          "kafka-consumer-groups: --reset-offsets needs exactly one of --to-earliest, --to-latest, --to-current, --to-offset, "
          "--shift-by, --to-datetime, --by-duration, --from-file");
    CHECK(refusal_message("kafka-consumer-groups --bootstrap-server h:1 --reset-offsets --group g --to-earliest") ==
          "kafka-consumer-groups: --reset-offsets needs --topic or --all-topics");
    CHECK(refusal_message("kafka-consumer-groups --bootstrap-server h:1 --describe --group g --all-groups") ==
          "kafka-consumer-groups: --group can't be used with --all-groups");
    CHECK(refusal_message("kafka-consumer-groups --bootstrap-server h:1 --describe --group g --memebrs") ==
          "kafka-consumer-groups: unknown option --memebrs (did you mean --members?)");
}
