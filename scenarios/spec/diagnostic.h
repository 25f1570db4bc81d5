#pragma once
// What the loader says about a scenario file: errors (the scenario is refused) and
// warnings (it loads, but something looks wrong), each at a file position.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kafkalab::scenarios {

enum class Severity : std::uint8_t { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    std::string file;
    int line = 1;    // 1-based
    int column = 1;  // 1-based
    std::string message;

    /// "file:line:column: error: message", as compilers print them.
    std::string to_string() const;
};

/// Collects diagnostics for one file, up to a bound so a file of junk cannot produce
/// an unbounded report. Invariant: diagnostics().size() <= max_diagnostics + 1 (the
/// extra one says that more were dropped).
class DiagnosticSink {
public:
    static constexpr std::size_t max_diagnostics = 50;

    explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}

    const std::string& file() const { return file_; }
    void error(int line, int column, std::string message);
    void warning(int line, int column, std::string message);
    /// A diagnostic for another file (a properties-file the scenario points at).
    void add(Diagnostic diagnostic);

    bool has_errors() const { return error_count_ > 0; }
    std::size_t error_count() const { return error_count_; }
    bool full() const { return diagnostics_.size() >= max_diagnostics; }
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    std::vector<Diagnostic> take() { return std::move(diagnostics_); }

private:
    std::string file_;
    std::vector<Diagnostic> diagnostics_;
    std::size_t error_count_ = 0;
    bool truncated_ = false;
};

}  // namespace kafkalab::scenarios
