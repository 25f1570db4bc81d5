#include "scenarios/cli_tools/group_state_report.h"

#include <fmt/format.h>

namespace kafkalab::scenarios {

bool report_group_state(const ConsumerGroupDescription& group, std::size_t row_count, ToolOutput& output) {
    switch (group.state) {
        case ConsumerGroupState::dead:
            // printError writes "\nError: ..." with println to standard output.
            output.out(fmt::format("\nError: Consumer group '{}' does not exist.\n", group.group_id));
            return false;
        case ConsumerGroupState::empty:
            output.err(fmt::format("\nConsumer group '{}' has no active members.\n", group.group_id));
            break;
        case ConsumerGroupState::preparing_rebalance:
        case ConsumerGroupState::completing_rebalance:
            output.err(fmt::format("\nWarning: Consumer group '{}' is rebalancing.\n", group.group_id));
            break;
        case ConsumerGroupState::stable: break;
    }
    return row_count > 0;
}

}  // namespace kafkalab::scenarios
