#include "viz/model/ui_state.h"

#include <fmt/format.h>

#include "viz/model/lab_session.h"

namespace kafkalab::viz {

void apply(const Command& command, LabSession& session, UiState& ui) {
    using Kind = Command::Kind;
    switch (command.kind) {
        case Kind::toggle_play:
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
        case Kind::inject:
            ui.status = session.inject(command.fault, command.host)
                            ? fmt::format("{} {} at {} (recorded)", to_string(command.fault), command.host,
                                          sim::format_duration(session.now()))
                            : "unknown host " + command.host;
            break;
        case Kind::restart_run:
            ui.playback.pause();
            session.rewind_to(sim::Duration{0});
            break;
    }
    ui.answer_revealed = ui.answer_revealed && session.prediction() != nullptr;
}

}  // namespace kafkalab::viz
