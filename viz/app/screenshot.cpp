#include "viz/app/screenshot.h"

// Debian's libstb already holds stb_image_write's implementation: only the declarations here.
#include <stb_image_write.h>

namespace kafkalab::viz {

bool write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba) {
    // The alpha channel of the back buffer is meaningless: write it opaque.
    std::vector<std::uint8_t> opaque = rgba;
    for (std::size_t i = 3; i < opaque.size(); i += 4) opaque[i] = 255;
    return stbi_write_png(path.c_str(), width, height, 4, opaque.data(), width * 4) != 0;
}

}  // namespace kafkalab::viz
