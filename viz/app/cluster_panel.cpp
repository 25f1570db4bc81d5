// The cluster as a picture: hosts, switches and links, racks, the controller, crashed
// hosts and cut links, and the messages on the wire moving along their paths.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "viz/app/fault_menu.h"
#include "viz/app/panels.h"
#include "viz/app/text_layout.h"
#include "viz/model/cluster_layout.h"

namespace kafkalab::viz {

namespace {

ImVec2 to_screen(Point p) { return ImVec2(p.x, p.y); }

/// Text in a host box is not drawn smaller than this (pixels): below it, it is a smudge.
constexpr float smallest_box_text = 11.0f;

Rgb fill_of(const HostView& host) {
    if (host.state == sim::HostState::crashed) return palette::host_crashed;
    if (host.state == sim::HostState::powered_off) return palette::host_powered_off;
    if (host.state == sim::HostState::exited) return palette::host_stopped;
    switch (host.role) {
        case HostRole::broker: return palette::broker_up;
        case HostRole::zookeeper: return palette::zookeeper_up;
        default: return palette::client;
    }
}

/// How a host is drawn apart from its snapshot: paused from the window, or picked for
/// a side of the partition being built.
struct HostMarks {
    bool selected = false;
    bool paused = false;
    int partition_side = -1;
};

const char* state_line(const HostView& host, bool paused) {
    if (const char* down = down_label(host.state)) return down;
    if (paused) return "PAUSED";
    if (host.is_controller) return "controller";
    return nullptr;
}

/// Text on the canvas at `at` (its top left), in the current font at `font_size`.
void draw_text(ImDrawList* draw, ImVec2 at, ImU32 colour, const std::string& text, float font_size = 0) {
    if (font_size <= 0) font_size = ImGui::GetFontSize();
    draw->AddText(ImGui::GetFont(), font_size, at, colour, text.c_str());
    text_layout().drawn(text, at, font_size);
}

ImVec2 text_size(const std::string& text, float font_size) {
    return ImGui::GetFont()->CalcTextSizeA(font_size, FLT_MAX, 0.0f, text.c_str());
}

void draw_text_centered(ImDrawList* draw, ImVec2 centre, ImU32 colour, const std::string& text, float font_size = 0) {
    if (font_size <= 0) font_size = ImGui::GetFontSize();
    ImVec2 size = text_size(text, font_size);
    draw_text(draw, ImVec2(centre.x - size.x / 2, centre.y - size.y / 2), colour, text, font_size);
}

void draw_dashed(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour, float thickness) {
    float length = std::hypot(b.x - a.x, b.y - a.y);
    int dashes = std::max(1, static_cast<int>(length / 8));
    for (int i = 0; i < dashes; i += 2) {
        float t0 = static_cast<float>(i) / dashes, t1 = static_cast<float>(i + 1) / dashes;
        draw->AddLine(ImVec2(a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0),
                      ImVec2(a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1), colour, thickness);
    }
}

std::string vertex_name(const ClusterSnapshot& s, sim::VertexId v) {
    for (const auto& host : s.hosts) {
        if (host.vertex == v) return host.name;
    }
    for (const auto& sw : s.switches) {
        if (sw.vertex == v) return sw.name;
    }
    return "?";
}

/// A quadratic curve from `a` to `b` whose middle lies `bow` pixels to the side of the
/// straight line (0: the straight line), as points close enough to draw and to test.
std::vector<ImVec2> bowed(ImVec2 a, ImVec2 b, float bow) {
    float length = std::max(1.0f, std::hypot(b.x - a.x, b.y - a.y));
    float nx = -(b.y - a.y) / length, ny = (b.x - a.x) / length;
    // A quadratic Bezier passes half-way to its control point.
    ImVec2 control((a.x + b.x) / 2 + 2 * bow * nx, (a.y + b.y) / 2 + 2 * bow * ny);
    constexpr int samples = 48;
    std::vector<ImVec2> points;
    for (int i = 0; i <= samples; ++i) {
        float t = static_cast<float>(i) / samples, u = 1 - t;
        points.emplace_back(u * u * a.x + 2 * u * t * control.x + t * t * b.x,
                            u * u * a.y + 2 * u * t * control.y + t * t * b.y);
        if (bow == 0) i += samples - 1;  // a straight line needs its two ends only
    }
    return points;
}

bool passes_through_a_box(const std::vector<ImVec2>& points, const ClusterLayout& layout, sim::VertexId a,
                          sim::VertexId b) {
    for (const auto& [vertex, box] : layout.boxes) {
        if (vertex == a || vertex == b) continue;
        Rect around{box.x - 4, box.y - 4, box.width + 8, box.height + 8};
        for (std::size_t i = 1; i < points.size(); ++i) {
            // Segments are short next to a box: eight steps along each find any crossing.
            for (int k = 0; k <= 8; ++k) {
                float t = static_cast<float>(k) / 8;
                Point p{points[i - 1].x + (points[i].x - points[i - 1].x) * t,
                        points[i - 1].y + (points[i].y - points[i - 1].y) * t};
                if (around.contains(p)) return true;
            }
        }
    }
    return false;
}

/// How a cut between `a` and `b` is drawn: straight when that touches no other host,
/// else bowed to one side and then the other, further each time, so that a cut between
/// broker-1 and broker-3 is not read as a cut of broker-2 as well.
std::vector<ImVec2> cut_path(const ClusterLayout& layout, sim::VertexId a, sim::VertexId b, const Rect& canvas) {
    ImVec2 from = to_screen(layout.centers.at(a)), to = to_screen(layout.centers.at(b));
    const float step = std::max(12.0f, layout.box_height);
    std::vector<ImVec2> first;
    for (int attempt = 0; attempt < 12; ++attempt) {
        float bow = step * static_cast<float>((attempt + 1) / 2) * (attempt % 2 == 1 ? -1.0f : 1.0f);
        auto points = bowed(from, to, bow);
        if (attempt == 0) first = points;
        bool inside = std::all_of(points.begin(), points.end(), [&](ImVec2 p) { return canvas.contains({p.x, p.y}); });
        if (inside && !passes_through_a_box(points, layout, a, b)) return points;
    }
    return first;
}

void draw_dashed_path(ImDrawList* draw, const std::vector<ImVec2>& points, ImU32 colour, float thickness) {
    for (std::size_t i = 1; i < points.size(); ++i) draw_dashed(draw, points[i - 1], points[i], colour, thickness);
}

void draw_links(ImDrawList* draw, const ClusterSnapshot& s, const ClusterLayout& layout, const Rect& canvas) {
    for (const auto& link : s.links) {
        auto a = layout.centers.find(link.a), b = layout.centers.find(link.b);
        if (a == layout.centers.end() || b == layout.centers.end()) continue;
        if (link.up) {
            draw->AddLine(to_screen(a->second), to_screen(b->second), to_imgui(palette::link_up), 1.5f);
        } else {
            auto points = cut_path(layout, link.a, link.b, canvas);
            draw_dashed_path(draw, points, to_imgui(palette::link_cut), 2.5f);
            text_layout().cut(vertex_name(s, link.a), vertex_name(s, link.b), points);
            draw_text_centered(draw, points[points.size() / 2], to_imgui(palette::link_cut), "cut");
        }
    }
    for (const auto& [va, vb] : s.blocked) {
        if (!layout.centers.contains(va) || !layout.centers.contains(vb)) continue;
        auto points = cut_path(layout, va, vb, canvas);
        draw_dashed_path(draw, points, to_imgui(palette::link_cut), 2.0f);
        text_layout().cut(vertex_name(s, va), vertex_name(s, vb), points);
    }
}

void draw_switches(ImDrawList* draw, const ClusterSnapshot& s, const ClusterLayout& layout) {
    for (const auto& sw : s.switches) {
        ImVec2 c = to_screen(layout.centers.at(sw.vertex));
        draw->AddCircleFilled(c, 6, to_imgui(palette::link_up));
        // Above the switch: the clients' row is right below it.
        ImVec2 size = ImGui::CalcTextSize(sw.name.c_str());
        draw_text(draw, ImVec2(c.x - size.x / 2, c.y - 8 - size.y), to_imgui(palette::muted), sw.name);
    }
    for (const auto& rack : layout.racks) {
        const Rect& r = rack.area;
        draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.width, r.y + r.height), to_imgui(palette::muted), 4.0f);
        draw_text(draw, ImVec2(r.x + 4, r.y + 2), to_imgui(palette::muted), rack.name);
    }
}

void draw_host(ImDrawList* draw, const HostView& host, const Rect& box, const HostMarks& marks) {
    ImVec2 a(box.x, box.y), b(box.x + box.width, box.y + box.height);
    draw->AddRectFilled(a, b, to_imgui(fill_of(host)), 5.0f);
    if (host.is_controller) draw->AddRect(a, b, to_imgui(palette::controller_mark), 5.0f, 0, 3.0f);
    if (marks.selected) draw->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), IM_COL32_WHITE, 6.0f, 0, 2.0f);
    if (marks.partition_side >= 0) {
        // Being picked for a partition: dashed in the cut colour, with its side's letter.
        draw->AddRect(ImVec2(a.x - 5, a.y - 5), ImVec2(b.x + 5, b.y + 5), to_imgui(palette::link_cut), 6.0f, 0, 2.0f);
        const char* letter = marks.partition_side == 0 ? "A" : "B";
        draw_text(draw, ImVec2(a.x - 4, a.y - 5 - ImGui::GetTextLineHeight()), to_imgui(palette::link_cut), letter);
    }
    text_layout().box(host.name, a, b);
    ImVec2 centre((a.x + b.x) / 2, (a.y + b.y) / 2);
    // The name and the state (CRASHED, POWER LOST, STOPPED, controller) both fit the
    // box: classroom text shrinks to the box, down to a legible size; only below it is
    // the state left to the box's colour, a long name wrapped after a hyphen, and, if
    // even that does not fit, "broker-13" shortened to "13".
    std::string name = host.name;
    const char* state = state_line(host, marks.paused);
    const float room_x = box.width - 6, room_y = box.height - 2;
    auto fitting = [&](const std::string& text, float lines) {
        ImVec2 at_one = text_size(text, 1.0f);
        return std::min(room_x / std::max(at_one.x, 0.01f), room_y / (lines * std::max(at_one.y, 0.01f)));
    };
    float size = ImGui::GetFontSize();
    if (state) size = std::min({size, fitting(name, 2), fitting(state, 2)});
    if (state && size < smallest_box_text) {
        state = nullptr;
        size = ImGui::GetFontSize();
    }
    if (!state) size = std::min(size, fitting(name, 1));
    // A long client name ("console-consumer-1") goes on two lines, broken after a
    // hyphen, before anything of it is left out.
    std::string second_line;
    if (!state && size < smallest_box_text) {
        float best = size;
        for (std::size_t at = name.find('-'); at != std::string::npos; at = name.find('-', at + 1)) {
            const std::string head = name.substr(0, at + 1), tail = name.substr(at + 1);
            const float both = std::min({ImGui::GetFontSize(), fitting(head, 2), fitting(tail, 2)});
            if (both > best) {
                best = both;
                second_line = tail;
            }
        }
        if (!second_line.empty() && best >= smallest_box_text) {
            name.resize(name.size() - second_line.size());
            size = best;
        } else {
            second_line.clear();
        }
    }
    if (size < smallest_box_text && name.find('-') != std::string::npos) {
        name = name.substr(name.rfind('-') + 1);
        size = std::min(ImGui::GetFontSize(), std::max(smallest_box_text, fitting(name, 1)));
    }
    if (!second_line.empty()) {
        float line = std::max(text_size(name, size).y, text_size(second_line, size).y);
        draw_text_centered(draw, ImVec2(centre.x, centre.y - line / 2), IM_COL32_WHITE, name, size);
        draw_text_centered(draw, ImVec2(centre.x, centre.y + line / 2), IM_COL32_WHITE, second_line, size);
    } else if (state) {
        float line = text_size(name, size).y;
        draw_text_centered(draw, ImVec2(centre.x, centre.y - line / 2), IM_COL32_WHITE, name, size);
        ImU32 colour = host.is_controller && host.state == sim::HostState::up ? to_imgui(palette::controller_mark)
                                                                                : IM_COL32_WHITE;
        draw_text_centered(draw, ImVec2(centre.x, centre.y + line / 2), colour, state, size);
    } else {
        draw_text_centered(draw, centre, IM_COL32_WHITE, name, size);
    }
    if (host.partition_group > 0) {
        std::string group = fmt::format("net {}", static_cast<char>('A' + host.partition_group - 1));
        draw_text(draw, ImVec2(b.x - ImGui::CalcTextSize(group.c_str()).x, b.y + 1), to_imgui(palette::link_cut), group);
    }
}

/// Where a message is: `progress` of the way along the polyline of its path.
ImVec2 along(const std::vector<ImVec2>& points, double progress) {
    if (points.size() == 1) return points[0];
    std::vector<float> lengths;
    float total = 0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        lengths.push_back(std::hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y));
        total += lengths.back();
    }
    float left = static_cast<float>(progress) * total;
    for (std::size_t i = 1; i < points.size(); ++i) {
        if (left <= lengths[i - 1] || i + 1 == points.size()) {
            float t = lengths[i - 1] > 0 ? std::min(1.0f, left / lengths[i - 1]) : 1.0f;
            return ImVec2(points[i - 1].x + (points[i].x - points[i - 1].x) * t,
                          points[i - 1].y + (points[i].y - points[i - 1].y) * t);
        }
        left -= lengths[i - 1];
    }
    return points.back();
}

void draw_messages(ImDrawList* draw, SnapshotFrame& frame, const ClusterLayout& layout) {
    for (const auto& m : frame.in_flight) {
        if (!frame.ui.filter.shows(m.kind)) continue;
        std::vector<ImVec2> points;
        for (sim::VertexId v : m.route) {
            if (auto c = layout.centers.find(v); c != layout.centers.end()) points.push_back(to_screen(c->second));
        }
        if (points.empty()) {
            // The route broke under it: draw it on the straight line it was taking.
            auto a = layout.centers.find(m.from_vertex), b = layout.centers.find(m.to_vertex);
            if (a == layout.centers.end() || b == layout.centers.end()) continue;
            points = {to_screen(a->second), to_screen(b->second)};
        }
        ImVec2 p = along(points, m.progress);
        draw->AddCircleFilled(p, 5.0f, to_imgui(colour_of(m.kind)));
        draw->AddCircle(p, 5.0f, IM_COL32(0, 0, 0, 200), 0, 1.0f);
    }
}

void draw_legend(SnapshotFrame& frame) {
    for (std::size_t i = 0; i < message_kind_count; ++i) {
        auto kind = static_cast<MessageKind>(i);
        bool shown = frame.ui.filter.shows(kind);
        ImGui::PushStyleColor(ImGuiCol_CheckMark, to_imvec4(colour_of(kind)));
        ImGui::PushStyleColor(ImGuiCol_Text, to_imvec4(colour_of(kind)));
        if (i > 0) same_line_if_fits(checkbox_width(to_string(kind)));
        if (ImGui::Checkbox(to_string(kind), &shown)) frame.ui.filter.set(kind, shown);
        text_layout().last_item(to_string(kind));
        ImGui::PopStyleColor(2);
    }
}

}  // namespace

void draw_cluster_panel(SnapshotFrame& frame) {
    const ClusterSnapshot& s = frame.snapshot;
    draw_legend(frame);
    draw_partition_bar(frame);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < 50 || avail.y < 50) return;
    Rect canvas{origin.x, origin.y, avail.x, avail.y};
    ClusterLayout layout = layout_cluster(s, canvas);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw_links(draw, s, layout, canvas);
    draw_switches(draw, s, layout);
    draw_messages(draw, frame, layout);
    for (const auto& host : s.hosts) {
        if (auto box = layout.boxes.find(host.vertex); box != layout.boxes.end()) {
            HostMarks marks{frame.ui.selected_host == host.name, frame.session.live_pause(host.name) != nullptr,
                            partition_side_of(frame.ui, host.name)};
            draw_host(draw, host, box->second, marks);
        }
    }
    if (s.controller == kafka::no_broker) {
        draw_text(draw, ImVec2(origin.x + 4, origin.y + 4), to_imgui(palette::offline),
                  "no controller: ZooKeeper unreachable or no broker registered");
    }
    // Clicks: left selects a host, right opens its fault menu.
    ImGui::InvisibleButton("canvas", avail, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    ImVec2 mouse = ImGui::GetIO().MousePos;
    auto hit_vertex = layout.host_at({mouse.x, mouse.y});
    const HostView* hit = hit_vertex ? s.host_at(*hit_vertex) : nullptr;
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
        frame.ui.selected_host = hit ? std::optional<std::string>(hit->name) : std::nullopt;
    }
    if (hit && ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
        frame.ui.menu_host = hit->name;
        ImGui::OpenPopup("host menu");
    }
    if (ImGui::BeginPopup("host menu")) {
        if (const HostView* host = s.find_host(frame.ui.menu_host)) draw_host_fault_menu(frame, *host);
        ImGui::EndPopup();
    }
}

}  // namespace kafkalab::viz
