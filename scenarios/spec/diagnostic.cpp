#include "scenarios/spec/diagnostic.h"

#include "scenarios/spec/invisible_text.h"

namespace kafkalab::scenarios {

std::string Diagnostic::to_string() const {
    // Messages quote what the file says: escaped, a name with a bidi override cannot
    // rewrite the line a terminal shows.
    return escape_invisible(file) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
           (severity == Severity::error ? "error: " : "warning: ") + escape_invisible(message);
}

void DiagnosticSink::error(int line, int column, std::string message) {
    add(Diagnostic{Severity::error, file_, line, column, std::move(message)});
}

void DiagnosticSink::warning(int line, int column, std::string message) {
    add(Diagnostic{Severity::warning, file_, line, column, std::move(message)});
}

void DiagnosticSink::add(Diagnostic diagnostic) {
    // Errors are counted even when dropped, so a full sink still refuses the file.
    if (diagnostic.severity == Severity::error) ++error_count_;
    if (diagnostics_.size() < max_diagnostics) {
        diagnostics_.push_back(std::move(diagnostic));
        return;
    }
    if (!truncated_) {
        truncated_ = true;
        diagnostics_.push_back(Diagnostic{Severity::error, file_, diagnostic.line, diagnostic.column,
                                          "too many problems; stopped reporting after " +
                                              std::to_string(max_diagnostics)});
    }
}

}  // namespace kafkalab::scenarios
