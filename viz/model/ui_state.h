#pragma once
// What the window remembers between frames, apart from the run itself: playback,
// filters, selection and which panels are open. Panels read it and push Commands; the
// main loop applies the commands between frames, so the model only ever changes there.
#include <array>
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

/// The Clients menu's form: a producer (name, topic, acks, rate) or a consumer (name,
/// topic, group id), added at the current moment of the run.
struct ClientForm {
    bool producer = true;
    std::string name;
    std::string topic;
    std::string acks = "all";
    int records_per_second = 5;
    std::string group_id;
    /// The live fault that adds it.
    LiveFault to_fault() const {
        return producer ? LiveFault::add_producer(name, topic, acks, records_per_second)
                        : LiveFault::add_consumer(name, topic, group_id);
    }
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
    /// The two sides of a network partition being picked host by host, before it is applied.
    std::array<std::vector<std::string>, 2> partition_sides;
    bool large_font = false;         // classroom mode: everything bigger for a projector
    std::string open_tab;            // the bottom-right panel's tab to bring forward, by its label
    std::string save_path;           // File > Save session as: where, as last typed
    std::string console_line;        // the command being typed in the console
    std::string console_input;       // lines for kafka-console-producer, one per record
    bool console_follow = true;      // keep the newest console line in view
    std::string console_error;       // why the last typed command was refused
    ClientForm client_form;
    bool client_form_requested = false;  // the Clients menu asked for the form this frame
    std::string client_form_error;       // why the last client was refused
    /// A scenario the File or Lessons menu asked to open; the main loop opens it.
    std::string open_request;
    bool quit_requested = false;
};

/// Puts `host` on side 0 or 1 of the partition being picked, or takes it off if it is
/// there already; a host is on one side at most.
void toggle_partition_side(UiState& ui, const std::string& host, int side);
/// The side `host` is on in the partition being picked: 0, 1, or -1 for none.
int partition_side_of(const UiState& ui, const std::string& host);

/// Something a panel asks for. Applied between frames by apply().
struct Command {
    enum class Kind : std::uint8_t {
        toggle_play, faster, slower, set_speed, step_event, step_to_next, seek_time, seek_event, inject, resume,
        restart_run, save_as,
    };
    Kind kind = Kind::toggle_play;
    EventCategory category = EventCategory::fault;  // step_to_next
    sim::Duration time{0};                          // seek_time
    std::uint64_t event_number = 0;                 // seek_event
    LiveFault fault;                                // inject (its position is set when applied)
    std::string host;                               // resume
    std::size_t speed_index = 0;                    // set_speed
    std::string path;                               // save_as

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
    static Command inject(scenarios::FaultKind fault, std::string host) {
        return inject(LiveFault::on_host(fault, std::move(host)));
    }
    static Command inject(LiveFault fault) {
        Command c = of(Kind::inject);
        c.fault = std::move(fault);
        return c;
    }
    static Command resume(std::string host) {
        Command c = of(Kind::resume);
        c.host = std::move(host);
        return c;
    }
    static Command save_as(std::string path) {
        Command c = of(Kind::save_as);
        c.path = std::move(path);
        return c;
    }
    static Command speed(std::size_t index) {
        Command c = of(Kind::set_speed);
        c.speed_index = index;
        return c;
    }
};

void apply(const Command& command, LabSession& session, UiState& ui);

/// Plays the clock on for a frame that took `wall_seconds`; pauses at the end of the
/// run, and when a broken model invariant halted it (the status line says so).
void play_for(LabSession& session, UiState& ui, double wall_seconds);

}  // namespace kafkalab::viz
