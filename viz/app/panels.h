#pragma once
// One function per panel, each drawing from the session's snapshot and the UI state
// and pushing Commands; draw_frame() places them for the window's size.
#include <vector>

#include <imgui.h>

#include "viz/app/style.h"
#include "viz/model/lab_session.h"
#include "viz/model/ui_state.h"

namespace kafkalab::viz {

struct FrameContext {
    LabSession& session;
    UiState& ui;
    std::vector<Command>& commands;
};

/// Lays the panels out over the whole window (no docking in ImGui 1.86: positions are
/// computed from the window size, so a 1280x720 projector and a large monitor both work).
void draw_frame(FrameContext& frame);

void draw_toolbar(FrameContext& frame);
void draw_cluster_panel(FrameContext& frame);
void draw_partitions_panel(FrameContext& frame);
void draw_narration_panel(FrameContext& frame);
void draw_timeline_panel(FrameContext& frame);
void draw_event_log(FrameContext& frame);
void draw_brokers_table(FrameContext& frame);
void draw_topics_table(FrameContext& frame);
void draw_groups_table(FrameContext& frame);
void draw_checker(FrameContext& frame);
/// Space plays and pauses, the right arrow steps one event, the left goes back one.
void handle_keys(FrameContext& frame);

/// Begins a fixed panel at (x, y, w, h); returns false when there is nothing to draw.
bool begin_panel(const char* title, ImVec2 position, ImVec2 size);

}  // namespace kafkalab::viz
