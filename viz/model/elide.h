#pragma once
// Text that must stay on one line in a fixed width (a log line, a table cell, the
// lesson's name in the toolbar) is cut at the end and marked with an ellipsis, so a
// projector never shows half a letter at a panel's edge; the window shows the whole
// text on hover.
#include <functional>
#include <string>
#include <string_view>

namespace kafkalab::viz {

/// The ellipsis that ends a cut text (U+2026).
inline constexpr std::string_view ellipsis = "\u2026";

/// `text` itself when `measure(text)` <= `width`; else its longest start (cut between
/// UTF-8 characters, trailing spaces dropped) that fits with the ellipsis after it; the
/// ellipsis alone when nothing does.
std::string elide(const std::string& text, float width, const std::function<float(std::string_view)>& measure);

}  // namespace kafkalab::viz
