// What kafka-consumer-groups --describe prints when the admin client gives up on a
// group, say while its coordinator is unavailable (Kafka 3.6's ConsumerGroupCommand.run
// catches the ExecutionException of describeConsumerGroups and calls printError).
#include <fmt/format.h>

#include "scenarios/cli_tools/consumer_groups_format.h"

namespace kafkalab::scenarios {

ToolOutput format_consumer_groups_timeout(std::string_view message) {
    const std::string timeout = fmt::format("org.apache.kafka.common.errors.TimeoutException: {}", message);
    ToolOutput output;
    // printError: println("\nError: " + msg) to standard output...
    output.out(fmt::format("\nError: Executing consumer group command failed due to {}\n", timeout));
    // ...then the exception's stack trace to standard error; the JVM's frames are left out.
    output.err(fmt::format("java.util.concurrent.ExecutionException: {}\nCaused by: {}\n", timeout, timeout));
    // run() returns normally after printError, so the command exits 0.
    return output;
}

}  // namespace kafkalab::scenarios
