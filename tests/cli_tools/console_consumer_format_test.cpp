// kafka-console-consumer output. Golden strings come from Kafka 3.6's
// DefaultMessageFormatterTest and ConsoleConsumer.reportRecordCount.
#include <catch2/catch.hpp>

#include "parse_helpers.h"
#include "scenarios/cli_tools/console_consumer_format.h"

using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

// The record of DefaultMessageFormatterTest.consumerRecord().
ConsumedRecord test_record() {
    ConsumedRecord record;
    record.topic = "someTopic";
    record.partition = 9;
    record.offset = 9876;
    record.timestamp_ms = 1234;
    record.timestamp_type = TimestampType::create_time;
    record.key = "someKey";
    record.value = "someValue";
    record.headers = {{"h1", "v1"}, {"h2", "v2"}};
    return record;
}

RecordFormat format_from(const CliProperties& properties) { return record_format_from_properties(properties); }

}  // namespace

TEST_CASE("the console consumer prints the value alone by default (DefaultMessageFormatterTest)") {
    CHECK(format_consumer_record(RecordFormat{}, test_record()) == "someValue\n");
    CHECK(format_consumer_record(format_from({{"print.value", "false"}}), test_record()).empty());
    CHECK(format_consumer_record(format_from({{"print.key", "true"}, {"print.value", "false"}}), test_record()) == "someKey\n");
}

TEST_CASE("each print property renders its field as DefaultMessageFormatter does") {
    const auto only = [](const char* key) { return format_from({{key, "true"}, {"print.value", "false"}}); };
    CHECK(format_consumer_record(only("print.timestamp"), test_record()) == "CreateTime:1234\n");
    CHECK(format_consumer_record(only("print.partition"), test_record()) == "Partition:9\n");
    CHECK(format_consumer_record(only("print.offset"), test_record()) == "Offset:9876\n");
    CHECK(format_consumer_record(only("print.headers"), test_record()) == "h1:v1,h2:v2\n");
    ConsumedRecord appended = test_record();
    appended.timestamp_type = TimestampType::log_append_time;
    CHECK(format_consumer_record(only("print.timestamp"), appended) == "LogAppendTime:1234\n");
    ConsumedRecord bare = test_record();
    bare.timestamp_type = TimestampType::no_timestamp;
    bare.headers.clear();
    CHECK(format_consumer_record(only("print.timestamp"), bare) == "NO_TIMESTAMP\n");
    CHECK(format_consumer_record(only("print.headers"), bare) == "NO_HEADERS\n");
}

TEST_CASE("all fields print in Kafka's order, with default and with custom separators") {
    const CliProperties everything{{"print.key", "true"},     {"print.timestamp", "true"}, {"print.partition", "true"},
                                   {"print.offset", "true"},  {"print.headers", "true"},   {"print.value", "true"}};
    CHECK(format_consumer_record(format_from(everything), test_record()) ==
          "CreateTime:1234\tPartition:9\tOffset:9876\th1:v1,h2:v2\tsomeKey\tsomeValue\n");
    CliProperties custom = everything;
    custom.insert(custom.end(), {{"key.separator", "|"}, {"line.separator", "^"}, {"headers.separator", "#"}});
    CHECK(format_consumer_record(format_from(custom), test_record()) == "CreateTime:1234|Partition:9|Offset:9876|h1:v1#h2:v2|someKey|someValue^");
}

TEST_CASE("a null key prints as null, as a student sees with print.key=true") {
    ConsumedRecord record = test_record();
    record.key.reset();
    record.value = "{\"name\": \"Ada\"}";
    CHECK(format_consumer_record(format_from({{"print.key", "true"}}), record) == "null\t{\"name\": \"Ada\"}\n");
    CHECK(format_consumer_record(format_from({{"print.key", "true"}, {"null.literal", "<none>"}}), record) == "<none>\t{\"name\": \"Ada\"}\n");
}

TEST_CASE("a console consumer run prints its records on stdout and the total on stderr") {
    const auto command = parse_as<ConsoleConsumerCommand>(
        "kafka-console-consumer --bootstrap-server localhost:9092 --topic t --from-beginning --max-messages 2 "
        "--property print.timestamp=true --property print.partition=true --property print.offset=true --property print.key=true");
    ConsumedRecord first = test_record();
    first.partition = 0;
    first.offset = 5;
    first.timestamp_ms = 1700000000000;
    first.key = "key";
    first.value = "value";
    ConsumedRecord second = first;
    second.offset = 6;
    ConsumedRecord third = first;
    third.offset = 7;
    const ToolOutput output = format_console_consumer_output(command, std::vector{first, second, third});
    CHECK(output.stdout_text() ==
          "CreateTime:1700000000000\tPartition:0\tOffset:5\tkey\tvalue\n"
          "CreateTime:1700000000000\tPartition:0\tOffset:6\tkey\tvalue\n");
    CHECK(output.stderr_text() == "Processed a total of 2 messages\n");
}

TEST_CASE("a console consumer that received nothing still reports zero messages") {
    const auto command = parse_as<ConsoleConsumerCommand>("kafka-console-consumer --bootstrap-server localhost:9092 --topic t");
    const ToolOutput output = format_console_consumer_output(command, {});
    CHECK(output.stdout_text().empty());
    CHECK(output.stderr_text() == "Processed a total of 0 messages\n");
}
