#pragma once
// Colours and spacing of the window, from the palette (viz/model/palette.h).
#include <imgui.h>

#include "viz/model/palette.h"

namespace kafkalab::viz {

inline ImU32 to_imgui(Rgb c, std::uint8_t alpha = 255) { return IM_COL32(c.r, c.g, c.b, alpha); }
inline ImVec4 to_imvec4(Rgb c) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f); }

/// Dark theme with the palette's background and panel colours.
void apply_style();

}  // namespace kafkalab::viz
