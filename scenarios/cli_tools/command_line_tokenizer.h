#pragma once
// Splits a typed command line into words the way a shell would, so that quoting works as
// students expect from their terminal.
#include <string>
#include <string_view>
#include <vector>

namespace kafkalab::scenarios {

/// The words of a line, or why it could not be split; error is empty on success.
struct TokenizedLine {
    std::vector<std::string> words;
    std::string error;
};

/// POSIX shell word splitting: blanks separate words; '...' keeps everything literally;
/// "..." keeps everything except that a backslash escapes $ ` " \ and newline; outside
/// quotes a backslash escapes a blank, a quote, a backslash or another shell
/// metacharacter, and a backslash-newline joins lines. A backslash before an ordinary
/// character stays as typed, because that is how Windows shells read it and it lets
/// .\bin\windows\kafka-topics.bat survive.
TokenizedLine tokenize_command_line(std::string_view line);

}  // namespace kafkalab::scenarios
