#pragma once
// The lesson library as a list to pick from, shown when kafkalab-viz starts without a
// scenario file.
#include <string>
#include <vector>

#include "viz/app/window.h"

namespace kafkalab::viz {

struct LessonEntry {
    std::string path;
    std::string title;  // "05-replication-and-broker-crash.yaml  Replication factor 3 and a broker crash"
};

/// The lessons of `directory`, by file name.
std::vector<LessonEntry> list_lessons(const std::string& directory);

/// Shows the lessons of `directory` until one is chosen; returns its path, or "" when
/// the window is closed.
std::string pick_lesson(Window& window, const std::string& directory);

}  // namespace kafkalab::viz
