#pragma once
// The lesson library as a list to pick from, shown when kafkalab-viz starts without a
// scenario file.
#include <string>

#include "viz/app/window.h"

namespace kafkalab::viz {

/// Shows the lessons of `directory` until one is chosen; returns its path, or "" when
/// the window is closed.
std::string pick_lesson(Window& window, const std::string& directory);

}  // namespace kafkalab::viz
