#include "viz/model/ui_state.h"

#include <algorithm>

#include <fmt/format.h>

#include "viz/model/lab_session.h"

namespace kafkalab::viz {

namespace {

/// Whether `command` would take the run back in time.
bool rewinds(const Command& command, const LabSession& session) {
    switch (command.kind) {
        case Command::Kind::seek_time: return command.time < session.now();
        case Command::Kind::seek_event: return command.event_number < session.event_number();
        case Command::Kind::restart_run: return true;
        default: return false;
    }
}

}  // namespace

void apply(const Command& command, LabSession& session, UiState& ui) {
    using Kind = Command::Kind;
    if (!session.can_rewind() && rewinds(command, session)) {
        ui.status = "real clients are attached: the run only goes forward";
        return;
    }
    switch (command.kind) {
        case Kind::toggle_play:
            if (session.violation()) {
                ui.playback.pause();
                ui.status = "halted: a model invariant is broken (see the banner); rewind to run again";
                break;
            }
            if (session.finished() && !ui.playback.playing()) break;
            ui.playback.toggle();
            break;
        case Kind::faster: ui.playback.faster(); break;
        case Kind::slower: ui.playback.slower(); break;
        case Kind::step_event:
            ui.playback.pause();
            if (!session.step_event()) ui.status = "end of the run";
            break;
        case Kind::step_to_next:
            ui.playback.pause();
            ui.status = session.step_to_next(command.category)
                            ? ""
                            : fmt::format("no further {} before the end of the run", to_string(command.category));
            break;
        case Kind::seek_time:
            session.advance_to(command.time);
            break;
        case Kind::seek_event:
            ui.playback.pause();
            session.rewind_to_event(command.event_number);
            break;
        case Kind::set_speed: ui.playback.set_speed_index(command.speed_index); break;
        case Kind::inject: {
            std::string refused_because;
            const bool typed = command.fault.console_command() != nullptr;
            const bool client = command.fault.adds_client();
            if (!session.inject(command.fault, &refused_because)) {
                ui.status = refused_because;
                if (typed) ui.console_error = refused_because;
                if (client) ui.client_form_error = refused_because;
                break;
            }
            if (typed) ui.console_error.clear();
            if (client) ui.client_form_error.clear();
            ui.status = fmt::format("{} at {} (recorded)", command.fault.describe(), sim::format_duration(session.now()));
            if (command.fault.is(scenarios::FaultKind::partition)) ui.partition_sides = {};
            break;
        }
        case Kind::resume:
            ui.status = session.resume(command.host)
                            ? fmt::format("resume {} at {} (its pause recorded as ending here)", command.host,
                                          sim::format_duration(session.now()))
                            : command.host + " is not paused from the window";
            break;
        case Kind::save_as:
            if (auto error = session.save_as(command.path)) {
                ui.status = *error;
            } else {
                ui.status = fmt::format("saved as {}: the scenario and its {} live fault{}", command.path,
                                        session.live_faults().size(), session.live_faults().size() == 1 ? "" : "s");
            }
            break;
        case Kind::restart_run:
            ui.playback.pause();
            session.rewind_to(sim::Duration{0});
            break;
    }
    ui.answer_revealed = ui.answer_revealed && session.prediction() != nullptr;
}

void play_for(LabSession& session, UiState& ui, double wall_seconds) {
    session.advance_by(ui.playback.advance_for(wall_seconds));
    if (session.violation() && ui.playback.playing()) {
        ui.playback.pause();
        ui.status = "halted: a model invariant is broken (see the banner)";
    }
    if (session.finished()) ui.playback.pause();
}

void toggle_partition_side(UiState& ui, const std::string& host, int side) {
    const int current = partition_side_of(ui, host);
    for (auto& members : ui.partition_sides) std::erase(members, host);
    if (current != side) ui.partition_sides.at(static_cast<std::size_t>(side)).push_back(host);
}

int partition_side_of(const UiState& ui, const std::string& host) {
    for (std::size_t side = 0; side < ui.partition_sides.size(); ++side) {
        const auto& members = ui.partition_sides[side];
        if (std::find(members.begin(), members.end(), host) != members.end()) return static_cast<int>(side);
    }
    return -1;
}

}  // namespace kafkalab::viz
