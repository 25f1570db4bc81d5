// kafka-console-consumer and kafka-console-producer command lines.
#include <catch2/catch.hpp>

#include "parse_helpers.h"

using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

TEST_CASE("the notes' Windows console consumer --from-beginning parses") {
    const auto command = parse_as<ConsoleConsumerCommand>(
        R"(.\bin\windows\kafka-console-consumer.bat --bootstrap-server localhost:9092 --topic registered_user --from-beginning)");
    CHECK(command.servers == std::vector<std::string>{"localhost:9092"});
    CHECK(command.topic == "registered_user");
    CHECK(command.from_beginning);
    CHECK_FALSE(command.group);
    CHECK_FALSE(command.partition);
    CHECK(command.format == RecordFormat{});
}

TEST_CASE("console consumer --property settings reach the record format") {
    const auto command = parse_as<ConsoleConsumerCommand>(
        "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic t --property print.key=true "
        "--property print.partition=TRUE --property print.offset=yes --property print.timestamp=true "
        "--property 'key.separator= | ' --group analytics --max-messages 10 --timeout-ms 5000");
    CHECK(command.format.print_key);
    CHECK(command.format.print_partition);
    CHECK_FALSE(command.format.print_offset);  // Only "true" counts, as in Kafka.
    CHECK(command.format.print_timestamp);
    CHECK(command.format.key_separator == " | ");
    CHECK(command.group == "analytics");
    CHECK(command.max_messages == 10);
    CHECK(command.timeout_ms == 5000);
}

TEST_CASE("console consumer reads a partition from an offset given as number or word") {
    const auto exact = parse_as<ConsoleConsumerCommand>("kafka-console-consumer --bootstrap-server h:9092 --topic t --partition 1 --offset 42");
    CHECK(exact.partition == 1);
    CHECK(exact.offset == ConsumerStartOffset{ConsumerStartOffset::Kind::exact, 42});
    const auto earliest = parse_as<ConsoleConsumerCommand>("kafka-console-consumer --bootstrap-server h:9092 --topic t --partition 0 --offset EARLIEST");
    CHECK(earliest.offset == ConsumerStartOffset{ConsumerStartOffset::Kind::earliest, 0});
}

TEST_CASE("console consumer refuses the combinations ConsoleConsumer refuses") {
    CHECK(refusal_message("kafka-console-consumer --bootstrap-server h:9092") ==
          "kafka-console-consumer: exactly one of --topic or --include is required");
    CHECK(refusal_message("kafka-console-consumer --bootstrap-server h:9092 --topic t --offset 3") ==
          "kafka-console-consumer: --offset needs --partition");
    CHECK(refusal_message("kafka-console-consumer --bootstrap-server h:9092 --topic t --partition 0 --offset -3") ==
          "kafka-console-consumer: --offset expects 'earliest', 'latest' or a non-negative offset, got '-3'");
    CHECK(refusal_message("kafka-console-consumer --bootstrap-server h:9092 --topic t --partition 0 --group g") ==
          "kafka-console-consumer: --group can't be used with --partition");
    CHECK(refusal_message("kafka-console-consumer --topic t") == "kafka-console-consumer: --bootstrap-server is required");
    CHECK(refusal_message("kafka-console-consumer --bootstrap-server h:9092 --topic t --from-beginning "
                          "--consumer-property auto.offset.reset=latest") ==
          "kafka-console-consumer: Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please remove one option");
    CHECK(refusal_message("kafka-console-consumer --bootstrap-server h:9092 --topic t --group a --consumer-property group.id=b") ==
          "kafka-console-consumer: --group 'a' and --consumer-property group.id=b disagree");
}

TEST_CASE("the console consumer's own consumer settings follow ConsoleConsumer.consumerProps") {
    const auto plain = parse_as<ConsoleConsumerCommand>("kafka-console-consumer --bootstrap-server a:1,b:2 --topic t --from-beginning");
    CHECK(console_consumer_properties(plain) == CliProperties{{"bootstrap.servers", "a:1,b:2"},
                                                              {"auto.offset.reset", "earliest"},
                                                              {"client.id", "console-consumer"},
                                                              {"enable.auto.commit", "false"},
                                                              {"isolation.level", "read_uncommitted"}});
    const auto grouped = parse_as<ConsoleConsumerCommand>(
        "kafka-console-consumer --bootstrap-server a:1 --topic t --consumer-property client.id=me --group g");
    CHECK(console_consumer_properties(grouped) == CliProperties{{"client.id", "me"},
                                                                {"bootstrap.servers", "a:1"},
                                                                {"group.id", "g"},
                                                                {"auto.offset.reset", "latest"},
                                                                {"isolation.level", "read_uncommitted"}});
}

TEST_CASE("console producer parses keyed input settings and producer properties") {
    const auto command = parse_as<ConsoleProducerCommand>(
        "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic payments --property parse.key=true "
        "--property key.separator=: --producer-property acks=all");
    CHECK(command.topic == "payments");
    CHECK(command.reader.parse_key);
    CHECK(command.reader.key_separator == ":");
    CHECK(command.producer_properties == CliProperties{{"acks", "all"}});
    CHECK(command.input_lines.empty());
}

TEST_CASE("console producer accepts the deprecated --broker-list only without --bootstrap-server") {
    const auto legacy = parse_as<ConsoleProducerCommand>(R"(.\bin\windows\kafka-console-producer.bat --broker-list localhost:9092 --topic t)");
    CHECK(legacy.used_broker_list);
    CHECK(legacy.servers == std::vector<std::string>{"localhost:9092"});
    const auto both = parse_as<ConsoleProducerCommand>("kafka-console-producer --broker-list old:1 --bootstrap-server new:2 --topic t");
    CHECK_FALSE(both.used_broker_list);
    CHECK(both.servers == std::vector<std::string>{"new:2"});
    CHECK(refusal_message("kafka-console-producer --topic t") == "kafka-console-producer: --bootstrap-server is required");
    CHECK(refusal_message("kafka-console-producer --bootstrap-server h:1") == "kafka-console-producer: --topic is required");
}

TEST_CASE("console producer acks come from the tool option, then --producer-property, then the tool default") {
    const auto by_default = parse_as<ConsoleProducerCommand>("kafka-console-producer --bootstrap-server h:1 --topic t");
    CHECK(property_value(console_producer_properties(by_default), "acks") == "-1");
    CHECK(property_value(console_producer_properties(by_default), "linger.ms") == "1000");
    CHECK(property_value(console_producer_properties(by_default), "client.id") == "console-producer");
    const auto by_property = parse_as<ConsoleProducerCommand>("kafka-console-producer --bootstrap-server h:1 --topic t --producer-property acks=1");
    CHECK(property_value(console_producer_properties(by_property), "acks") == "1");
    const auto by_option = parse_as<ConsoleProducerCommand>(
        "kafka-console-producer --bootstrap-server h:1 --topic t --producer-property acks=1 --request-required-acks 0");
    CHECK(property_value(console_producer_properties(by_option), "acks") == "0");
    CHECK(refusal_message("kafka-console-producer --bootstrap-server h:1 --topic t --producer-property acks=2") ==
          "kafka-console-producer: --producer-property acks expects one of all, -1, 0, 1, got '2'");
}

TEST_CASE("console producer splits keyed lines as LineMessageReader does") {
    LineReaderConfig reader;
    reader.parse_key = true;
    reader.key_separator = ":";
    const ProducerLine keyed = read_producer_line(reader, "user-1:signed up", 1);
    CHECK(keyed.key == "user-1");
    CHECK(keyed.value == "signed up");
    CHECK(keyed.error.empty());
    CHECK(read_producer_line(reader, "no separator", 2).error == "No key separator found on line number 2: 'no separator'");
    reader.ignore_error = true;
    const ProducerLine ignored = read_producer_line(reader, "no separator", 3);
    CHECK_FALSE(ignored.key);
    CHECK(ignored.value == "no separator");
    const ProducerLine unkeyed = read_producer_line(LineReaderConfig{}, "a:b", 1);
    CHECK_FALSE(unkeyed.key);
    CHECK(unkeyed.value == "a:b");
}

TEST_CASE("console producer refuses a null marker equal to the key separator") {
    CHECK(refusal_message("kafka-console-producer --bootstrap-server h:1 --topic t --property null.marker=: --property key.separator=:") ==
          "kafka-console-producer: null.marker and key.separator may not be equal");
}
