#pragma once
// Where a frame put its text, host boxes and cut links, kept only when asked for
// (kafkalab-viz --text-layout FILE), so that tests can check what a person would see:
// no text over other text, none cut off at a panel's edge, no cut link drawn through
// a host it does not touch. Each panel records what it draws as it draws it.
#include <iosfwd>
#include <string>
#include <vector>

#include <imgui.h>

namespace kafkalab::viz {

struct PlacedText {
    std::string panel;  // the ImGui window it is in
    std::string text;
    ImVec2 min, max;            // where it was drawn
    ImVec2 clip_min, clip_max;  // what of its window is visible
    bool scrolls = false;       // its window scrolls vertically: rows below the edge are not cut
    bool scrolls_x = false;     // its window scrolls sideways: the rest of a long line is not cut
};

struct PlacedBox {
    std::string host;
    ImVec2 min, max;
};

/// A cut link or a blocked pair, as the polyline it is drawn along.
struct PlacedCut {
    std::string a, b;  // the hosts or switches it joins
    std::vector<ImVec2> points;
};

class TextLayout {
public:
    /// Off by default: drawing records nothing and costs nothing.
    void enable() { enabled_ = true; }
    bool enabled() const { return enabled_; }
    /// Called at the start of each frame: only the last frame is kept.
    void clear();

    /// The text item ImGui has just laid out (Text, TextColored, Checkbox...).
    void last_item(const std::string& text);
    /// Text drawn straight onto the current window's draw list at `min`.
    void drawn(const std::string& text, ImVec2 min, float font_size);
    /// Text ImGui clips to a rectangle of its own inside the window (a plot's title
    /// to the plot's frame, a table header to its cell).
    void drawn_within(const std::string& text, ImVec2 min, ImVec2 clip_min, ImVec2 clip_max);
    void box(const std::string& host, ImVec2 min, ImVec2 max);
    void cut(const std::string& a, const std::string& b, std::vector<ImVec2> points);

    /// One line per record, tab-separated: "text" panel x0 y0 x1 y1 cx0 cy0 cx1 cy1
    /// scrolls scrolls_x text; "box" host x0 y0 x1 y1; "cut" a b x y x y ...
    void write(std::ostream& out) const;

private:
    void add(const std::string& text, ImVec2 min, ImVec2 max);

    bool enabled_ = false;
    std::vector<PlacedText> texts_;
    std::vector<PlacedBox> boxes_;
    std::vector<PlacedCut> cuts_;
};

/// The window's one layout record.
TextLayout& text_layout();

}  // namespace kafkalab::viz
