// kafka-consumer-groups output. Golden strings follow the format strings of Kafka 3.6's
// ConsumerGroupCommand (printOffsets, printMembers, printStates, printGroupStates and
// shouldPrintMemberState): Java's %-Ns pads to N columns and never truncates.
#include <catch2/catch.hpp>

#include "parse_helpers.h"
#include "scenarios/cli_tools/column_text.h"
#include "scenarios/cli_tools/consumer_groups_format.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

const std::string member_1 = "consumer-analytics-1-5e0b2b4c-8a8e-4a0b-9c7e-0d0c2f1b7a11";
const std::string member_2 = "consumer-analytics-2-77aa10de-3b5e-4f43-8d0e-6a3c21f0e9b2";

// A stable group whose second member (in the coordinator's order) holds more partitions.
ConsumerGroupDescription analytics_group() {
    ConsumerGroupDescription group;
    group.group_id = "analytics";
    group.state = ConsumerGroupState::stable;
    group.assignment_strategy = "range";
    group.coordinator = GroupCoordinatorAddress{kafka::BrokerId{2}, "broker-2", 9092};
    group.members.push_back({member_2, "", "consumer-analytics-2", "/10.0.0.12", {{"payments", 1}}});
    group.members.push_back({member_1, "", "consumer-analytics-1", "/10.0.0.11", {{"payments", 2}, {"payments", 0}}});
    group.committed_offsets = {{{"payments", 0}, 5}, {{"payments", 2}, 7}, {{"refunds", 0}, 3}};
    group.log_end_offsets = {{{"payments", 0}, 10}, {{"payments", 1}, 4}, {{"payments", 2}, 7}, {{"refunds", 0}, 9}};
    return group;
}

ConsumerGroupsCommand describe_command(std::string_view extra = "") {
    return parse_as<ConsumerGroupsCommand>("kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group analytics " +
                                           std::string(extra));
}

}  // namespace

TEST_CASE("consumer groups --describe prints lag per partition, biggest member first, unowned commits last (ConsumerGroupCommand.printOffsets)") {
    const ToolOutput output = format_consumer_groups_describe(describe_command(), std::vector{analytics_group()});
    CHECK(output.stdout_text() ==
          "\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID                                               HOST            CLIENT-ID\n"
          "analytics       payments        0          5               10              5               consumer-analytics-1-5e0b2b4c-8a8e-4a0b-9c7e-0d0c2f1b7a11 /10.0.0.11      consumer-analytics-1\n"
          "analytics       payments        2          7               7               0               consumer-analytics-1-5e0b2b4c-8a8e-4a0b-9c7e-0d0c2f1b7a11 /10.0.0.11      consumer-analytics-1\n"
          "analytics       payments        1          -               4               -               consumer-analytics-2-77aa10de-3b5e-4f43-8d0e-6a3c21f0e9b2 /10.0.0.12      consumer-analytics-2\n"
          "analytics       refunds         0          3               9               6               -                                                         -               -\n");
    CHECK(output.stderr_text().empty());
    CHECK(output.exit_code() == 0);
}

TEST_CASE("an empty group says it has no active members on stderr, then shows its committed offsets") {
    ConsumerGroupDescription group;
    group.group_id = "billing";
    group.state = ConsumerGroupState::empty;
    group.committed_offsets = {{{"orders", 1}, 8}, {{"orders", 0}, 12}};
    group.log_end_offsets = {{{"orders", 0}, 12}, {{"orders", 1}, 10}};
    const ToolOutput output = format_group_offsets(group);
    CHECK(output.stderr_text() == "\nConsumer group 'billing' has no active members.\n");
    CHECK(output.stdout_text() ==
          "\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID\n"
          "billing         orders          0          12              12              0               -               -               -\n"
          "billing         orders          1          8               10              2               -               -               -\n");
    // The warning reaches the terminal before the table, as Kafka prints it first.
    CHECK(output.terminal_text().starts_with("\nConsumer group 'billing' has no active members.\n\nGROUP"));
}

TEST_CASE("an unknown group is reported as not existing on stdout, with no table") {
    ConsumerGroupDescription group;
    group.group_id = "ghost";
    group.state = ConsumerGroupState::dead;
    const ToolOutput output = format_group_offsets(group);
    CHECK(output.stdout_text() == "\nError: Consumer group 'ghost' does not exist.\n");
    CHECK(output.stderr_text().empty());
}

TEST_CASE("a rebalancing group warns before its table") {
    ConsumerGroupDescription group = analytics_group();
    group.state = ConsumerGroupState::preparing_rebalance;
    const ToolOutput output = format_group_offsets(group);
    CHECK(output.stderr_text() == "\nWarning: Consumer group 'analytics' is rebalancing.\n");
    CHECK(output.stdout_text().starts_with("\nGROUP           TOPIC"));
}

TEST_CASE("several groups print in group id order, each after its own blank line") {
    ConsumerGroupDescription ghost;
    ghost.group_id = "a-ghost";
    const ToolOutput output = format_consumer_groups_describe(describe_command(), std::vector{analytics_group(), ghost});
    const std::string text = output.stdout_text();
    CHECK(text.starts_with("\nError: Consumer group 'a-ghost' does not exist.\n\nGROUP "));
}

TEST_CASE("consumer groups --members lists every member with its partition count (ConsumerGroupCommand.printMembers)") {
    ConsumerGroupDescription group = analytics_group();
    group.members = {{member_1, "", "consumer-analytics-1", "/10.0.0.11", {{"payments", 2}, {"refunds", 1}, {"payments", 0}}},
                     {member_2, "", "consumer-analytics-2", "/10.0.0.12", {}}};
    const ToolOutput plain = format_consumer_groups_describe(describe_command("--members"), std::vector{group});
    CHECK(plain.stdout_text() ==
          "\nGROUP           CONSUMER-ID                                               HOST            CLIENT-ID            #PARTITIONS     \n"
          "analytics       consumer-analytics-1-5e0b2b4c-8a8e-4a0b-9c7e-0d0c2f1b7a11 /10.0.0.11      consumer-analytics-1 3               \n"
          "analytics       consumer-analytics-2-77aa10de-3b5e-4f43-8d0e-6a3c21f0e9b2 /10.0.0.12      consumer-analytics-2 0               \n");
    const ToolOutput verbose = format_consumer_groups_describe(describe_command("--members --verbose"), std::vector{group});
    CHECK(verbose.stdout_text() ==
          "\nGROUP           CONSUMER-ID                                               HOST            CLIENT-ID            #PARTITIONS     ASSIGNMENT\n"
          "analytics       consumer-analytics-1-5e0b2b4c-8a8e-4a0b-9c7e-0d0c2f1b7a11 /10.0.0.11      consumer-analytics-1 3               payments(0,2), refunds(1)\n"
          "analytics       consumer-analytics-2-77aa10de-3b5e-4f43-8d0e-6a3c21f0e9b2 /10.0.0.12      consumer-analytics-2 0               -\n");
}

TEST_CASE("consumer groups --members adds GROUP-INSTANCE-ID only when a member is static") {
    ConsumerGroupDescription group;
    group.group_id = "g";
    group.state = ConsumerGroupState::stable;
    group.members = {{"c-1", "static-a", "c", "/10.0.0.11", {{"t", 0}}}};
    CHECK(format_group_members(group, false).stdout_text() ==
          "\nGROUP           CONSUMER-ID     GROUP-INSTANCE-ID HOST            CLIENT-ID       #PARTITIONS     \n"
          "g               c-1             static-a          /10.0.0.11      c               1               \n");
}

TEST_CASE("consumer groups --state shows coordinator, strategy, state and member count (ConsumerGroupCommand.printStates)") {
    const ToolOutput output = format_consumer_groups_describe(describe_command("--state"), std::vector{analytics_group()});
    CHECK(output.stdout_text() ==
          "\nGROUP                     COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE           #MEMBERS\n"
          "analytics                 broker-2:9092 (2)         range                Stable          2\n");
}

TEST_CASE("consumer groups --list prints ids one a line, or a GROUP STATE table filtered by --state, in the admin "
          "client's order, not sorted (KafkaAdminClient.ListConsumerGroupsResults' HashMap)") {
    const std::vector<ConsumerGroupListing> groups{{"billing", ConsumerGroupState::empty}, {"analytics", ConsumerGroupState::stable}};
    const auto plain = parse_as<ConsumerGroupsCommand>("kafka-consumer-groups --bootstrap-server h:1 --list");
    CHECK(format_consumer_groups_list(plain, groups).stdout_text() == "billing\nanalytics\n");
    const auto all_states = parse_as<ConsumerGroupsCommand>("kafka-consumer-groups --bootstrap-server h:1 --list --state");
    CHECK(format_consumer_groups_list(all_states, groups).stdout_text() == "GROUP           STATE\nbilling         Empty\nanalytics       Stable\n");
    const auto only_empty = parse_as<ConsumerGroupsCommand>("kafka-consumer-groups --bootstrap-server h:1 --list --state Empty");
    CHECK(format_consumer_groups_list(only_empty, groups).stdout_text() == "GROUP           STATE\nbilling         Empty\n");
}

TEST_CASE("non-ASCII group ids pad by Java's String.length (UTF-16 units), as %-15s does in ConsumerGroupCommand") {
    ConsumerGroupDescription group;
    group.group_id = "fakturering-\xC3\xA5r";  // "fakturering-år": 14 characters, 15 bytes
    group.state = ConsumerGroupState::empty;
    group.committed_offsets = {{{"orders", 0}, 12}};
    group.log_end_offsets = {{{"orders", 0}, 12}};
    const std::string out = format_group_offsets(group).stdout_text();
    // 14 UTF-16 units, so one space of padding to 15 and the separator: two spaces.
    CHECK(out.find("\nfakturering-\xC3\xA5r  orders          0          12") != std::string::npos);

    group.group_id = "bestellingen-\xF0\x9F\x93\xA6\xF0\x9F\x93\xA6";  // two emoji: 13 + 2 * 2 units, 21 bytes
    const std::string wide = format_group_offsets(group).stdout_text();
    // The GROUP column is as wide as the id's Java length, 17, not its 21 bytes.
    CHECK(wide.find("\nGROUP             TOPIC") != std::string::npos);
    CHECK(java_length("bestellingen-\xF0\x9F\x93\xA6\xF0\x9F\x93\xA6") == 17);
    CHECK(java_length("\xC3\x28") == 2);  // a malformed pair: two replacement characters
}
