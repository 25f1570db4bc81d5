#pragma once
// kafka-console-consumer as typed. Options follow Kafka's ConsoleConsumer (3.6).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/cli_tools/cli_property.h"
#include "scenarios/cli_tools/record_format.h"

namespace kafkalab::scenarios {

/// Where --offset asks an assigned partition to start.
struct ConsumerStartOffset {
    enum class Kind { earliest, latest, exact };
    Kind kind = Kind::latest;
    std::int64_t offset = 0;  // Meaningful for Kind::exact only; never negative.

    bool operator==(const ConsumerStartOffset&) const = default;
};

struct ConsoleConsumerCommand {
    std::string program;
    std::vector<std::string> servers;   // --bootstrap-server host:port entries, unresolved.
    std::optional<std::string> topic;    // --topic; exactly one of topic and include is set.
    std::optional<std::string> include;  // --include (or the deprecated --whitelist) regex.
    /// --group, or group.id from --consumer-property. Absent: Kafka invents
    /// "console-consumer-<random 0..99999>" and turns auto-commit off; the caller picks
    /// the number from its own seeded stream.
    std::optional<std::string> group;
    bool from_beginning = false;
    std::optional<std::int32_t> partition;  // --partition: assign instead of subscribe.
    /// --offset, only with --partition. Absent with a partition: the end, unless
    /// --from-beginning.
    std::optional<ConsumerStartOffset> offset;
    std::optional<std::int32_t> max_messages;  // Stop after this many records.
    std::optional<std::int32_t> timeout_ms;    // Stop after this long without a record.
    bool skip_message_on_error = false;
    std::optional<std::string> isolation_level;  // read_committed or read_uncommitted.

    CliProperties formatter_properties;  // Every --property, as typed.
    CliProperties consumer_properties;   // Every --consumer-property, as typed.
    RecordFormat format;                 // What formatter_properties ask the formatter to print.

    bool operator==(const ConsoleConsumerCommand&) const = default;
};

/// The consumer configuration the tool builds (ConsoleConsumer.consumerProps): the
/// --consumer-property values, then bootstrap.servers, group.id when known,
/// auto.offset.reset ("earliest" with --from-beginning, else "latest", unless the user
/// set it), client.id "console-consumer" unless set, enable.auto.commit "false" when no
/// group was given and the user did not set it, and isolation.level when given.
CliProperties console_consumer_properties(const ConsoleConsumerCommand& command);

}  // namespace kafkalab::scenarios
