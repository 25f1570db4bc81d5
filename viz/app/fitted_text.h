#pragma once
// One-line text in a place of fixed width: cut with an ellipsis when the current font
// makes it wider (viz/model/elide.h), the whole text in a tooltip on hover, and
// recorded for --text-layout like every text a panel draws.
#include <optional>
#include <string>

#include "viz/app/style.h"

namespace kafkalab::viz {

/// `text` as it fits in `width` pixels of the current font.
std::string fit_to_width(const std::string& text, float width);
/// Draws `text` at the cursor in at most `width` pixels; `colour` or the text colour.
void text_within(const std::string& text, float width, std::optional<Rgb> colour = std::nullopt);
/// Draws `text` at the cursor, cut at the current panel's right edge.
void text_to_edge(const std::string& text, std::optional<Rgb> colour = std::nullopt);
/// Records the text item ImGui has just laid out, and shows `whole` on hover when
/// `shown` is a cut of it.
void record_item(const std::string& shown, const std::string& whole);

}  // namespace kafkalab::viz
