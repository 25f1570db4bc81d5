#pragma once
// What the window remembers between frames, apart from the run itself: playback,
// filters, selection and which panels are open. Panels read it and push Commands; the
// main loop applies the commands between frames, so the model only ever changes there.
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "viz/model/event_log.h"
#include "viz/model/live_fault.h"
#include "viz/model/message_kind.h"
#include "viz/model/playback.h"

namespace kafkalab::viz {

class LabSession;

struct PanelVisibility {
    bool cluster = true;
    bool partitions = true;
    bool narration = true;
    bool timeline = true;
    bool tables = true;
};

struct UiState {
    Playback playback;
    MessageFilter filter;
    PanelVisibility show;
    std::optional<std::string> selected_host;
    std::string menu_host;  // the host whose fault menu is open
    std::optional<kafka::TopicPartition> selected_partition;
    EventCategory step_kind = EventCategory::fault;  // what "next" jumps to
    bool log_notable_only = false;
    bool log_follow = true;          // keep the newest line in view
    bool answer_revealed = false;    // of the current prediction question
    std::string status;              // one line about the last command
};

/// Something a panel asks for. Applied between frames by apply().
struct Command {
    enum class Kind : std::uint8_t {
        toggle_play, faster, slower, step_event, step_to_next, seek_time, seek_event, inject, restart_run,
    };
    Kind kind = Kind::toggle_play;
    EventCategory category = EventCategory::fault;  // step_to_next
    sim::Duration time{0};                          // seek_time
    std::uint64_t event_number = 0;                 // seek_event
    LiveFaultKind fault = LiveFaultKind::crash;     // inject
    std::string host;                               // inject

    static Command of(Kind kind) {
        Command c;
        c.kind = kind;
        return c;
    }
    static Command next(EventCategory category) {
        Command c = of(Kind::step_to_next);
        c.category = category;
        return c;
    }
    static Command seek(sim::Duration time) {
        Command c = of(Kind::seek_time);
        c.time = time;
        return c;
    }
    static Command seek_event(std::uint64_t event_number) {
        Command c = of(Kind::seek_event);
        c.event_number = event_number;
        return c;
    }
    static Command inject(LiveFaultKind fault, std::string host) {
        Command c = of(Kind::inject);
        c.fault = fault;
        c.host = std::move(host);
        return c;
    }
};

void apply(const Command& command, LabSession& session, UiState& ui);

}  // namespace kafkalab::viz
