#pragma once
// What one run of a Kafka command-line tool printed, as the terminal received it.
#include <string>
#include <string_view>
#include <vector>

namespace kafkalab::scenarios {

/// The two streams a Kafka tool writes to. Kafka sends some messages to standard error
/// (kafka-consumer-groups' "has no active members", the console consumer's final count),
/// so a lab that shows only one of them would hide what a student sees on a real terminal.
enum class OutputStream { standard_output, standard_error };

/// One write, in the order the tool made it.
struct OutputChunk {
    OutputStream stream = OutputStream::standard_output;
    std::string text;
};

/// Everything one tool invocation printed, plus its exit status.
///
/// Invariant: chunks_ holds no empty text, so two outputs that print the same bytes to
/// the same streams compare equal whatever way they were built.
class ToolOutput {
public:
    /// Appends to standard output; an empty text is dropped.
    void out(std::string_view text);
    /// Appends to standard error; an empty text is dropped.
    void err(std::string_view text);
    /// Appends everything `other` printed, in order, and takes its exit code if non-zero.
    void append(const ToolOutput& other);

    /// Kafka's tools exit with 1 on any failure and 0 otherwise.
    void set_exit_code(int code) { exit_code_ = code; }
    int exit_code() const { return exit_code_; }

    const std::vector<OutputChunk>& chunks() const { return chunks_; }
    std::string stdout_text() const;
    std::string stderr_text() const;
    /// Both streams interleaved in write order, as an unredirected terminal shows them.
    std::string terminal_text() const;

    bool operator==(const ToolOutput&) const = default;

private:
    void write(OutputStream stream, std::string_view text);

    std::vector<OutputChunk> chunks_;  // Only grows; adjacent writes to one stream are merged.
    int exit_code_ = 0;
};

}  // namespace kafkalab::scenarios
