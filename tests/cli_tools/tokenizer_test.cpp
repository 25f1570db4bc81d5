#include <catch2/catch.hpp>

#include "scenarios/cli_tools/command_line_tokenizer.h"

using namespace kafkalab::scenarios;
using Words = std::vector<std::string>;

TEST_CASE("a typed line splits into words at blanks, however many") {
    CHECK(tokenize_command_line("  kafka-topics   --list\t--bootstrap-server localhost:9092 ").words ==
          Words{"kafka-topics", "--list", "--bootstrap-server", "localhost:9092"});
}

TEST_CASE("quotes keep a value with spaces or tabs in one word, as a shell does") {
    CHECK(tokenize_command_line(R"(x --property "key.separator= | " --topic 'my topic')").words ==
          Words{"x", "--property", "key.separator= | ", "--topic", "my topic"});
    CHECK(tokenize_command_line(R"(x --property key.separator='	')").words == Words{"x", "--property", "key.separator=\t"});
    CHECK(tokenize_command_line(R"(x "")").words == Words{"x", ""});
}

TEST_CASE("Windows script paths keep their backslashes") {
    CHECK(tokenize_command_line(R"(.\bin\windows\kafka-topics.bat --list)").words ==
          Words{R"(.\bin\windows\kafka-topics.bat)", "--list"});
}

TEST_CASE("a backslash escapes what a POSIX shell lets it escape") {
    CHECK(tokenize_command_line(R"(x my\ topic a\"b c\\d)").words == Words{"x", "my topic", "a\"b", "c\\d"});
    CHECK(tokenize_command_line("x --list \\\n --zookeeper z:2181").words == Words{"x", "--list", "--zookeeper", "z:2181"});
    CHECK(tokenize_command_line(R"(x "a\"b\n")").words == Words{"x", "a\"b\\n"});
    CHECK(tokenize_command_line(R"(x 'a\"b')").words == Words{"x", "a\\\"b"});
}

TEST_CASE("an unterminated quote is refused instead of guessed") {
    const TokenizedLine line = tokenize_command_line(R"(kafka-topics --topic "orders)");
    CHECK(line.error == "unterminated double quote");
    CHECK(line.words.empty());
    CHECK(tokenize_command_line("x 'a").error == "unterminated single quote");
}
