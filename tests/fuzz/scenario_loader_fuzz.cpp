// libFuzzer entry point for the scenario loader: any bytes, loaded as a scenario file.
// The loader promises never to throw or crash, to refuse with at least one error that
// has a position, and to accept only when no diagnostic is an error; a broken promise
// aborts, so the fuzzer keeps the input as a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "scenarios/spec/load_scenario.h"

using namespace kafkalab::scenarios;

namespace {

[[noreturn]] void broken_promise(const char* what, const LoadResult& result) {
    std::fprintf(stderr, "scenario loader: %s\n", what);
    for (const auto& d : result.diagnostics) std::fprintf(stderr, "  %s\n", d.to_string().c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // properties-file names resolve against the good corpus, so that real files load.
    LoadResult result = load_scenario_text(text, "fuzz.yaml", KAFKALAB_FUZZ_DATA "/good");
    bool has_error = false;
    for (const auto& d : result.diagnostics) {
        if (d.line < 1 || d.column < 1) broken_promise("a diagnostic without a position", result);
        if (d.message.empty()) broken_promise("a diagnostic without a message", result);
        has_error |= d.severity == Severity::error;
    }
    if (result.ok() == has_error) broken_promise("ok() disagrees with the diagnostics", result);
    return 0;
}
