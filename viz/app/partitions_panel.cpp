// The heart of the lab: each partition's replicas as rows of offset cells, the high
// watermark as a line across them, the leader, the ISR, and the consumers' committed
// offsets and positions. Offline partitions say so in words. Records a truncation
// removed are struck through where they were (viz/model/truncations.h).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "viz/app/panels.h"
#include "viz/model/log_cells.h"
#include "viz/model/truncations.h"

namespace kafkalab::viz {

namespace {

constexpr float label_width = 150.0f;
constexpr float tail_width = 170.0f;
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

void draw_header(const PartitionView& p) {
    ImGui::TextUnformatted(p.partition.to_string().c_str());
    ImGui::SameLine(label_width);
    if (p.offline && p.leader == kafka::no_broker) {
        ImGui::TextColored(to_imvec4(palette::offline), "no leader \u2014 partition offline (ISR %s)", isr_text(p).c_str());
        return;
    }
    if (p.offline) {
        // The controller has not noticed yet: it still names the dead broker.
        ImGui::TextColored(to_imvec4(palette::offline), "leader broker-%d is down \u2014 partition offline (ISR %s)",
                           p.leader.value, isr_text(p).c_str());
        return;
    }
    ImGui::Text("leader broker-%d  epoch %d  HW %lld  LEO %lld  ISR %s", p.leader.value, p.leader_epoch,
                static_cast<long long>(p.high_watermark), static_cast<long long>(p.log_end_offset),
                isr_text(p).c_str());
    if (p.under_replicated()) {
        ImGui::SameLine();
        ImGui::TextColored(to_imvec4(palette::out_of_isr), " under-replicated");
    }
}

std::string replica_tail(const ReplicaView& r) {
    if (!r.has_log) return "no log yet";
    std::string membership = r.in_isr ? "in ISR" : "out of ISR";
    std::string state = r.host_up ? "" : "  DOWN";
    return fmt::format("LEO {}  {}{}", r.log_end_offset, membership, state);
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

void draw_replica_row(FrameContext& frame, const PartitionView& p, const ReplicaView& r, const RowGeometry& g) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float line = ImGui::GetTextLineHeight();
    std::string label = "  broker-" + std::to_string(r.broker.value) + (r.is_leader ? "  leader" : "");
    ImVec4 colour = !r.host_up ? to_imvec4(palette::host_crashed)
                               : (r.in_isr ? to_imvec4(palette::text) : to_imvec4(palette::out_of_isr));
    ImGui::TextColored(colour, "%s", label.c_str());
    if (const auto* log = frame.session.replica_log(r.host, p.partition)) {
        auto cells = log_cells(*log, g.window, frame.session.run().ledger(), frame.session.producer_names());
        for (const auto& cell : cells) {
            float x0 = g.x_of(cell.first_offset);
            ImVec2 a(x0 + 1, pos.y + 1), b(x0 + g.cell_width - 1, pos.y + line - 1);
            Rgb c = producer_colour(cell.producer);
            // Committed records are solid; those above this replica's high watermark
            // are faint: they may still be lost.
            draw->AddRectFilled(a, b, to_imgui(c, cell.below_high_watermark ? 255 : 90));
        }
        for (const auto& struck : struck_cells(frame.session.truncations(), r.host, p.partition, r.log_end_offset,
                                               g.window, frame.session.now())) {
            draw_struck_cell(draw, struck, g, pos.y, line);
        }
        float leo_x = g.x_of(r.log_end_offset);
        draw->AddLine(ImVec2(leo_x, pos.y), ImVec2(leo_x, pos.y + line), to_imgui(palette::log_end), 2.0f);
    }
    ImGui::SameLine(g.x - ImGui::GetWindowPos().x + g.cell_width * static_cast<float>(g.window.cell_count()) + 8);
    ImGui::TextColored(colour, "%s", replica_tail(r).c_str());
}

void draw_group_markers(FrameContext& frame, const PartitionView& p, const RowGeometry& g) {
    const ClusterSnapshot& s = frame.session.snapshot();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const auto& consumer : s.consumers) {
        if (!consumer.running) continue;
        for (const auto& a : consumer.assignment) {
            if (a.partition != p.partition) continue;
            ImVec2 pos = ImGui::GetCursorScreenPos();
            float line = ImGui::GetTextLineHeight();
            auto marker = [&](std::int64_t offset, Rgb colour) {
                float x = g.x_of(offset);
                draw->AddTriangleFilled(ImVec2(x - 5, pos.y), ImVec2(x + 5, pos.y), ImVec2(x, pos.y + line * 0.6f),
                                        to_imgui(colour));
            };
            if (a.committed) marker(*a.committed, palette::committed_offset);
            if (a.position) marker(*a.position, palette::consumer_position);
            std::string text = fmt::format("  {} ({}): committed {}  position {}  lag {}", consumer.group, consumer.name,
                                           a.committed ? std::to_string(*a.committed) : "none",
                                           a.position ? std::to_string(*a.position) : "none",
                                           a.lag ? std::to_string(*a.lag) : "?");
            ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y));
            ImGui::TextColored(to_imvec4(palette::muted), "%s", text.c_str());
        }
    }
}

std::size_t rows_of(const PartitionView& p) { return p.replicas.size() + 2; }

void draw_partition(FrameContext& frame, const PartitionView& p) {
    draw_header(p);
    std::int64_t first = INT64_MAX, end = 0;
    for (const auto& r : p.replicas) {
        if (!r.has_log) continue;
        first = std::min(first, r.log_start_offset);
        end = std::max(end, r.log_end_offset);
        // Removed offsets past every log's end still get their (struck) cells.
        end = std::max(end, struck_end(frame.session.truncations(), r.host, p.partition, r.log_end_offset,
                                       frame.session.now()));
    }
    if (first == INT64_MAX) first = 0;
    float cells_width = std::max(60.0f, ImGui::GetContentRegionAvail().x - label_width - tail_width);
    auto max_cells = static_cast<std::size_t>(cells_width / min_cell_width);
    RowGeometry g;
    g.window = offset_window(first, std::max(end, first + 1), max_cells);
    g.cell_width = std::min(max_cell_width, cells_width / static_cast<float>(std::max<std::size_t>(g.window.cell_count(), 1)));
    g.x = ImGui::GetCursorScreenPos().x + label_width;
    float top = ImGui::GetCursorScreenPos().y;
    for (const auto& r : p.replicas) draw_replica_row(frame, p, r, g);
    float bottom = ImGui::GetCursorScreenPos().y;
    if (!p.offline) {
        float hw_x = g.x_of(p.high_watermark);
        ImGui::GetWindowDrawList()->AddLine(ImVec2(hw_x, top - 2), ImVec2(hw_x, bottom), to_imgui(palette::high_watermark),
                                            2.5f);
    }
    ImVec2 after = ImGui::GetCursorScreenPos();
    draw_group_markers(frame, p, g);
    ImGui::SetCursorScreenPos(ImVec2(after.x, after.y + ImGui::GetTextLineHeightWithSpacing()));
}

}  // namespace

void draw_partitions_panel(FrameContext& frame) {
    const ClusterSnapshot& s = frame.session.snapshot();
    ImGui::TextColored(to_imvec4(palette::high_watermark), "| high watermark");
    ImGui::SameLine();
    ImGui::TextColored(to_imvec4(palette::log_end), "  | log end offset");
    ImGui::SameLine();
    ImGui::TextColored(to_imvec4(palette::committed_offset), "  v committed");
    ImGui::SameLine();
    ImGui::TextColored(to_imvec4(palette::consumer_position), "  v position");
    ImGui::SameLine();
    ImGui::TextColored(to_imvec4(palette::muted), "  faint cells: above the high watermark");
    if (!frame.session.truncations().empty()) {
        ImGui::SameLine();
        ImGui::TextColored(to_imvec4(palette::muted), "  \u2716 struck: removed by a truncation (hover for why)");
    }
    if (s.partitions.empty()) {
        ImGui::TextColored(to_imvec4(palette::muted), "No topics yet.");
        return;
    }
    std::size_t rows = 0;
    for (const auto& p : s.partitions) rows = std::max(rows, rows_of(p));
    float height = static_cast<float>(rows) * ImGui::GetTextLineHeightWithSpacing() + 6;
    ImGui::BeginChild("partitions", ImVec2(0, 0));
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.partitions.size()), height);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            float y = ImGui::GetCursorPosY();
            ImGui::PushID(i);
            draw_partition(frame, s.partitions[static_cast<std::size_t>(i)]);
            ImGui::PopID();
            ImGui::SetCursorPosY(y + height);
        }
    }
    ImGui::EndChild();
}

}  // namespace kafkalab::viz
