#pragma once
// One function per panel, each drawing from the session's snapshot and the UI state
// and pushing Commands; draw_frame() places them for the window's size.
#include <vector>

#include <imgui.h>

#include "viz/app/lesson_picker.h"
#include "viz/app/style.h"
#include "viz/model/lab_session.h"
#include "viz/model/ui_state.h"

namespace kafkalab::viz {

struct FrameContext {
    LabSession& session;
    UiState& ui;
    std::vector<Command>& commands;
    const std::vector<LessonEntry>* lessons = nullptr;  // for the Lessons menu
};

/// What the panels that draw the moment read: its snapshot, the messages on the wire
/// and the truncations so far, with the session as const, so that they cannot reach
/// into the live run. What they change they push as Commands, which the session
/// carries out through its named calls (inject, resume, ...).
struct SnapshotFrame {
    const ClusterSnapshot& snapshot;
    const std::vector<InFlightMessage>& in_flight;
    const std::vector<TruncationMark>& truncations;
    const LabSession& session;  // const reads: live pauses, replica logs, the scenario, a violation
    UiState& ui;
    std::vector<Command>& commands;
};

/// Lays the panels out over the whole window (no docking in ImGui 1.86: positions are
/// computed from the window size, so a 1280x720 projector and a large monitor both work).
void draw_frame(FrameContext& frame);

/// File (save the session as a scenario, quit), Lessons (open another), View (classroom
/// mode); returns the bar's height.
float draw_menu_bar(FrameContext& frame);
void draw_toolbar(FrameContext& frame);
void draw_cluster_panel(SnapshotFrame& frame);
void draw_partitions_panel(SnapshotFrame& frame);
void draw_narration_panel(FrameContext& frame);
/// The height the Lesson strip needs, `width` wide, to show all it says now.
float narration_height(const FrameContext& frame, float width);
void draw_timeline_panel(FrameContext& frame);
void draw_event_log(FrameContext& frame);
void draw_brokers_table(FrameContext& frame);
void draw_topics_table(FrameContext& frame);
void draw_groups_table(FrameContext& frame);
void draw_checker(FrameContext& frame);
/// Clients > Add producer / Add consumer: the form, as a modal popup.
void open_client_form(UiState& ui, bool producer);
void draw_client_form(FrameContext& frame);
/// The terminal: Kafka commands typed by the class and the lesson's steps, with output.
void draw_console(FrameContext& frame);
/// Over everything, while a broken model invariant halts the run: which, where, and what to do.
void draw_violation_banner(SnapshotFrame& frame);
/// Space plays and pauses, the right arrow steps one event, the left goes back one,
/// 1 to 9 pick a speed, Ctrl+L toggles classroom mode.
void handle_keys(FrameContext& frame);

/// A tab of the bottom-right panel: the name kafkalab-viz --tab takes, its label, what draws it.
struct TablesTab {
    const char* name;
    const char* label;
    void (*draw)(FrameContext&);
};
inline constexpr TablesTab tables_tabs[] = {{"event-log", "Event log", draw_event_log}, {"console", "Console", draw_console},
                                            {"brokers", "Brokers", draw_brokers_table},  {"topics", "Topics", draw_topics_table},
                                            {"groups", "Groups", draw_groups_table},     {"checker", "Checker", draw_checker}};

/// Keeps the next item, `width` wide, on the current line when it fits the panel;
/// else starts a new line at `indent` (window coordinates; 0: the panel's left edge).
void same_line_if_fits(float width, float indent = 0);
/// The width of a checkbox with `label`, box included.
float checkbox_width(const char* label);

/// Begins a fixed panel at (x, y, w, h); returns false when there is nothing to draw.
bool begin_panel(const char* title, ImVec2 position, ImVec2 size);

}  // namespace kafkalab::viz
