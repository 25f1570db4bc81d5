// The heart of the lab: each partition's replicas as rows of offset cells, the high
// watermark as a line across them, the leader, the ISR, and the consumers' committed
// offsets and positions. Offline partitions say so in words. Records a truncation
// removed are struck through where they were (viz/model/truncations.h).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "viz/app/panels.h"
#include "viz/app/text_layout.h"
#include "viz/model/log_cells.h"
#include "viz/model/truncations.h"

namespace kafkalab::viz {

namespace {

constexpr float max_cell_width = 18.0f;
constexpr float min_cell_width = 6.0f;

Rgb producer_colour(int producer) {
    if (producer < 0) return palette::muted;
    constexpr std::size_t count = sizeof(palette::producers) / sizeof(palette::producers[0]);
    return palette::producers[static_cast<std::size_t>(producer) % count];
}

std::string isr_text(const PartitionView& p) {
    std::vector<kafka::BrokerId> isr = p.isr;
    return "[" + kafka::join_ids(isr) + "]";
}

/// A run of text that stays whole: a line breaks between pieces, never inside one.
struct Piece {
    std::string text;
    Rgb colour = palette::text;
};

/// The pieces after a partition's name, which flow right of the label column.
std::vector<Piece> header_pieces(const PartitionView& p) {
    if (p.offline && p.leader == kafka::no_broker) {
        return {{"no leader \u2014", palette::offline}, {"partition offline", palette::offline},
                {"(ISR " + isr_text(p) + ")", palette::offline}};
    }
    if (p.offline) {
        // The controller has not noticed yet: it still names the dead broker.
        return {{fmt::format("leader broker-{} is down \u2014", p.leader.value), palette::offline},
                {"partition offline", palette::offline}, {"(ISR " + isr_text(p) + ")", palette::offline}};
    }
    std::vector<Piece> pieces{{fmt::format("leader broker-{}", p.leader.value)},
                              {fmt::format("epoch {}", p.leader_epoch)},
                              {fmt::format("HW {}", p.high_watermark)},
                              {fmt::format("LEO {}", p.log_end_offset)},
                              {"ISR " + isr_text(p)}};
    if (p.under_replicated()) pieces.push_back({"under-replicated", palette::out_of_isr});
    return pieces;
}

/// One line per consumer reading the partition: its group and name, then its offsets.
std::vector<std::vector<Piece>> consumer_lines(const ClusterSnapshot& s, const PartitionView& p) {
    std::vector<std::vector<Piece>> lines;
    for (const auto& consumer : s.consumers) {
        if (!consumer.running) continue;
        for (const auto& a : consumer.assignment) {
            if (a.partition != p.partition) continue;
            auto offset = [](const std::optional<std::int64_t>& o) { return o ? std::to_string(*o) : "none"; };
            lines.push_back({{fmt::format("{} ({}):", consumer.group, consumer.name), palette::muted},
                             {"committed " + offset(a.committed), palette::muted},
                             {"position " + offset(a.position), palette::muted},
                             {"lag " + (a.lag ? std::to_string(*a.lag) : std::string("?")), palette::muted}});
        }
    }
    return lines;
}

/// Lines `pieces` take when the first starts at `first_x` and the rest follow with
/// ImGui's item spacing, wrapping back to `indent` before `right` (window coordinates).
int flowed_lines(const std::vector<Piece>& pieces, float first_x, float indent, float right) {
    int lines = 1;
    float x = first_x;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        float width = ImGui::CalcTextSize(pieces[i].text.c_str()).x;
        if (i > 0 && x + width > right) {
            ++lines;
            x = indent;
        }
        x += width + ImGui::GetStyle().ItemSpacing.x;
    }
    return lines;
}

/// Draws `pieces` as flowed_lines() counts them: the first at the cursor.
void draw_flowed(const std::vector<Piece>& pieces, float indent) {
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (i > 0) same_line_if_fits(ImGui::CalcTextSize(pieces[i].text.c_str()).x, indent);
        ImGui::TextColored(to_imvec4(pieces[i].colour), "%s", pieces[i].text.c_str());
        text_layout().last_item(pieces[i].text);
    }
}

/// The panel's columns, measured on the text they hold so that none is cut at any
/// text size: replica labels, then cells, then each replica's tail.
struct Columns {
    float label_width = 0;
    float tail_width = 0;
    float right = 0;  // the content's right edge, window coordinates
};

std::string replica_label(const ReplicaView& r) {
    return "  broker-" + std::to_string(r.broker.value) + (r.is_leader ? "  leader" : "");
}

std::string replica_tail(const ReplicaView& r) {
    if (!r.has_log) return "no log yet";
    std::string membership = r.in_isr ? "in ISR" : "out of ISR";
    std::string state = r.host_up ? "" : "  DOWN";
    return fmt::format("LEO {}  {}{}", r.log_end_offset, membership, state);
}

Columns measure_columns(const ClusterSnapshot& s) {
    Columns c;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    c.label_width = ImGui::CalcTextSize("  broker-00  leader").x;
    c.tail_width = ImGui::CalcTextSize("LEO 0000  out of ISR  DOWN").x;
    for (const auto& p : s.partitions) {
        c.label_width = std::max(c.label_width, ImGui::CalcTextSize(p.partition.to_string().c_str()).x);
        for (const auto& r : p.replicas) {
            c.label_width = std::max(c.label_width, ImGui::CalcTextSize(replica_label(r).c_str()).x);
            c.tail_width = std::max(c.tail_width, ImGui::CalcTextSize(replica_tail(r).c_str()).x);
        }
    }
    c.label_width += ImGui::GetStyle().WindowPadding.x + 2 * spacing;
    c.tail_width += 8 + 2 * spacing;  // 8: the gap after the cells
    c.right = ImGui::GetWindowContentRegionMax().x;
    return c;
}

/// Lines a partition takes: its header, one per replica, one per consumer reading it,
/// and a blank one before the next partition.
int lines_of(const ClusterSnapshot& s, const PartitionView& p, const Columns& c) {
    int lines = flowed_lines(header_pieces(p), c.label_width, c.label_width, c.right);
    lines += static_cast<int>(p.replicas.size());
    const float indent = ImGui::GetStyle().WindowPadding.x + ImGui::CalcTextSize("    ").x;
    for (const auto& line : consumer_lines(s, p)) lines += flowed_lines(line, indent, indent, c.right);
    return lines + 1;
}

void draw_header(const PartitionView& p, const Columns& c) {
    std::string name = p.partition.to_string();
    ImGui::TextUnformatted(name.c_str());
    text_layout().last_item(name);
    ImGui::SameLine(c.label_width);
    draw_flowed(header_pieces(p), c.label_width);
}

struct RowGeometry {
    float x = 0;          // where cells start
    float cell_width = 0;
    OffsetWindow window;
    float x_of(std::int64_t offset) const {
        return x + static_cast<float>(offset - window.first) / static_cast<float>(window.per_cell) * cell_width;
    }
};

/// A cross and a bar through the cell: over the dim ghost of removed records, or over
/// the new records that refilled the offsets. A lost acknowledged write is framed too.
void draw_struck_cell(ImDrawList* draw, const StruckCell& s, const RowGeometry& g, float y, float line) {
    float x0 = g.x_of(s.first_offset);
    ImVec2 a(x0 + 1, y + 1), b(x0 + g.cell_width - 1, y + line - 1);
    const ImU32 strike = to_imgui(palette::struck_out);
    if (!s.refilled) draw->AddRectFilled(a, b, to_imgui(palette::muted, 60));
    // In narrow cells a cross is a smudge: the bar alone says it.
    if (g.cell_width >= 8) {
        draw->AddLine(a, b, strike, 1.5f);
        draw->AddLine(ImVec2(a.x, b.y), ImVec2(b.x, a.y), strike, 1.5f);
    }
    if (s.lost_acknowledged) draw->AddRect(a, b, strike, 0, 0, 1.0f);
    // Last and axis-aligned, so its pixels keep the exact colour.
    float mid = std::floor((a.y + b.y) / 2);
    draw->AddRectFilled(ImVec2(a.x, mid - 1), ImVec2(b.x, mid + 1), strike);
    if (ImGui::IsMouseHoveringRect(a, b)) ImGui::SetTooltip("%s", s.mark->describe().c_str());
}

void draw_replica_row(SnapshotFrame& frame, const PartitionView& p, const ReplicaView& r, const RowGeometry& g) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float line = ImGui::GetTextLineHeight();
    std::string label = replica_label(r);
    ImVec4 colour = !r.host_up ? to_imvec4(palette::host_crashed)
                               : (r.in_isr ? to_imvec4(palette::text) : to_imvec4(palette::out_of_isr));
    ImGui::TextColored(colour, "%s", label.c_str());
    text_layout().last_item(label);
    if (const auto* log = frame.session.replica_log(r.host, p.partition)) {
        auto cells = log_cells(*log, g.window, frame.session.ledger(), frame.session.producer_names());
        for (const auto& cell : cells) {
            float x0 = g.x_of(cell.first_offset);
            ImVec2 a(x0 + 1, pos.y + 1), b(x0 + g.cell_width - 1, pos.y + line - 1);
            Rgb c = producer_colour(cell.producer);
            // Committed records are solid; those above this replica's high watermark
            // are faint: they may still be lost.
            draw->AddRectFilled(a, b, to_imgui(c, cell.below_high_watermark ? 255 : 90));
        }
        for (const auto& struck : struck_cells(frame.truncations, r.host, p.partition, r.log_end_offset,
                                               g.window, frame.snapshot.time)) {
            draw_struck_cell(draw, struck, g, pos.y, line);
        }
        float leo_x = g.x_of(r.log_end_offset);
        draw->AddLine(ImVec2(leo_x, pos.y), ImVec2(leo_x, pos.y + line), to_imgui(palette::log_end), 2.0f);
    }
    ImGui::SameLine(g.x - ImGui::GetWindowPos().x + g.cell_width * static_cast<float>(g.window.cell_count()) + 8);
    std::string tail = replica_tail(r);
    ImGui::TextColored(colour, "%s", tail.c_str());
    text_layout().last_item(tail);
}

/// Each consumer's committed offset and position as marks over the cells, and its line
/// of text under the replicas.
void draw_group_markers(SnapshotFrame& frame, const PartitionView& p, const RowGeometry& g, float marks_y) {
    const ClusterSnapshot& s = frame.snapshot;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    for (const auto& consumer : s.consumers) {
        if (!consumer.running) continue;
        for (const auto& a : consumer.assignment) {
            if (a.partition != p.partition) continue;
            auto marker = [&](std::int64_t offset, Rgb colour) {
                float x = g.x_of(offset);
                draw->AddTriangleFilled(ImVec2(x - 5, marks_y), ImVec2(x + 5, marks_y),
                                        ImVec2(x, marks_y + line * 0.6f), to_imgui(colour));
            };
            if (a.committed) marker(*a.committed, palette::committed_offset);
            if (a.position) marker(*a.position, palette::consumer_position);
        }
    }
    const float indent = ImGui::GetStyle().WindowPadding.x + ImGui::CalcTextSize("    ").x;
    for (const auto& text : consumer_lines(s, p)) {
        ImGui::SetCursorPosX(indent);
        draw_flowed(text, indent);
    }
}

void draw_partition(SnapshotFrame& frame, const PartitionView& p, const Columns& c) {
    draw_header(p, c);
    std::int64_t first = INT64_MAX, end = 0;
    for (const auto& r : p.replicas) {
        if (!r.has_log) continue;
        first = std::min(first, r.log_start_offset);
        end = std::max(end, r.log_end_offset);
        // Removed offsets past every log's end still get their (struck) cells.
        end = std::max(end, struck_end(frame.truncations, r.host, p.partition, r.log_end_offset,
                                       frame.snapshot.time));
    }
    if (first == INT64_MAX) first = 0;
    float cells_width = std::max(60.0f, c.right - c.label_width - c.tail_width);
    auto max_cells = static_cast<std::size_t>(cells_width / min_cell_width);
    RowGeometry g;
    g.window = offset_window(first, std::max(end, first + 1), max_cells);
    g.cell_width = std::min(max_cell_width, cells_width / static_cast<float>(std::max<std::size_t>(g.window.cell_count(), 1)));
    g.x = ImGui::GetWindowPos().x + c.label_width;
    float top = ImGui::GetCursorScreenPos().y;
    for (const auto& r : p.replicas) draw_replica_row(frame, p, r, g);
    float bottom = ImGui::GetCursorScreenPos().y;
    if (!p.offline) {
        float hw_x = g.x_of(p.high_watermark);
        ImGui::GetWindowDrawList()->AddLine(ImVec2(hw_x, top - 2), ImVec2(hw_x, bottom), to_imgui(palette::high_watermark),
                                            2.5f);
    }
    // The marks sit at the top of the first consumer line, under the last replica's cells.
    draw_group_markers(frame, p, g, bottom);
}

void draw_legend(SnapshotFrame& frame) {
    std::vector<Piece> legend{{"| high watermark", palette::high_watermark},
                              {"| log end offset", palette::log_end},
                              {"v committed", palette::committed_offset},
                              {"v position", palette::consumer_position},
                              {"faint cells: above the high watermark", palette::muted}};
    if (!frame.truncations.empty()) {
        legend.push_back({"\u2716 struck: removed by a truncation (hover for why)", palette::muted});
    }
    for (auto& piece : legend) piece.text += "  ";
    draw_flowed(legend, 0);
}

}  // namespace

void draw_partitions_panel(SnapshotFrame& frame) {
    const ClusterSnapshot& s = frame.snapshot;
    draw_legend(frame);
    if (s.partitions.empty()) {
        ImGui::TextColored(to_imvec4(palette::muted), "No topics yet.");
        return;
    }
    ImGui::BeginChild("partitions", ImVec2(0, 0));
    const Columns columns = measure_columns(s);
    // The clipper needs one height for every partition: the tallest one's.
    int lines = 0;
    for (const auto& p : s.partitions) lines = std::max(lines, lines_of(s, p, columns));
    float height = static_cast<float>(lines) * ImGui::GetTextLineHeightWithSpacing() + 6;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.partitions.size()), height);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            float y = ImGui::GetCursorPosY();
            ImGui::PushID(i);
            draw_partition(frame, s.partitions[static_cast<std::size_t>(i)], columns);
            ImGui::PopID();
            ImGui::SetCursorPosY(y + height);
        }
    }
    ImGui::EndChild();
}

}  // namespace kafkalab::viz
