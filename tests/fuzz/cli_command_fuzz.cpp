// libFuzzer entry point for the command-line parser of scenario steps: any bytes, as
// one line a student typed. The parser promises exactly one of a command and an error,
// and an error that says something.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "scenarios/cli_tools/cli_command.h"

using namespace kafkalab::scenarios;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view line(reinterpret_cast<const char*>(data), size);
    CliParseResult result = parse_cli_command(line);
    if (result.command.has_value() == result.error.has_value()) {
        std::fprintf(stderr, "cli parser: a result must hold exactly one of a command and an error\n");
        std::abort();
    }
    if (result.error && result.error->message.empty()) {
        std::fprintf(stderr, "cli parser: an error without a message\n");
        std::abort();
    }
    return 0;
}
