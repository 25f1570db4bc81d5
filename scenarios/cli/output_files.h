#pragma once
// The files the flags name (--out, --trace, --metrics, --perfetto, --dot) and standard
// output: a write that fails (a full disk, /dev/full, a closed pipe) must not end in
// exit code 0, or a sweep shard on a full disk would "pass". Streams remember a failed
// write; each output is flushed and closed at the end and checked, and the command
// exits with exit_output_failed naming the flag and the file.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "scenarios/cli/exit_codes_and_loading.h"

namespace kafkalab::cli {

/// Why the last write failed, as the system said it, when it did.
inline std::string last_write_error() {
    return errno != 0 ? std::string(": ") + std::strerror(errno) : std::string();
}

/// Opens an output file named by `flag`; prints why not and returns false on failure.
/// An empty path opens nothing and succeeds.
inline bool open_output(const char* flag, const std::string& path, std::ofstream& file) {
    if (path.empty()) return true;
    file.open(path, std::ios::binary);
    if (file) return true;
    std::cerr << "kafkalab: " << flag << ": cannot write " << path << last_write_error() << "\n";
    return false;
}

/// Flushes and closes `file` if open; false after printing why a write failed.
inline bool close_output(const char* flag, const std::string& path, std::ofstream& file) {
    if (!file.is_open()) return true;
    errno = 0;
    file.flush();
    file.close();
    if (!file.fail()) return true;
    std::cerr << "kafkalab: " << flag << ": cannot write " << path << last_write_error() << "\n";
    return false;
}

/// Flushes standard output; false after printing why a write to it failed.
inline bool flush_standard_output() {
    errno = 0;
    std::cout.flush();
    if (std::cout.good()) return true;
    std::cerr << "kafkalab: cannot write to standard output" << last_write_error() << "\n";
    return false;
}

}  // namespace kafkalab::cli
