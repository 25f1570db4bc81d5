#pragma once
// Writes a frame read back from the window to a PNG file.
#include <cstdint>
#include <string>
#include <vector>

namespace kafkalab::viz {

/// `rgba` holds rows top first. Returns false if the file cannot be written.
bool write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba);

}  // namespace kafkalab::viz
