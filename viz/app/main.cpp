// kafkalab-viz: the teaching lab's window. Opens a scenario (or offers the lesson
// library), then plays it, steps it, rewinds it and takes faults from the class.
//
//   kafkalab-viz [SCENARIO.yaml] [--at 12s] [--screenshot out.png] [--size 1280x720] [--frames N]
//                [--large-font] [--tab brokers] [--text-layout out.tsv] [--serve [--listen 127.0.0.1] [--base-port 9092] [--serve-for 10s]]
//
// With --screenshot or --frames it renders without a visible window (tests run it
// under xvfb-run) and exits. With --serve each broker also listens on a TCP port for
// real Kafka clients, as `kafkalab serve` does (docs/REAL-CLIENTS.md); the run then
// plays in real time from the start and only goes forward. Exit codes: 0 done, 2 bad
// input, 3 no display or OpenGL.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include <GLFW/glfw3.h>

#include "scenarios/serve/serve_session.h"
#include "scenarios/spec/load_scenario.h"
#include "sim/heap_populator.h"
#include "viz/app/lesson_picker.h"
#include "viz/app/panels.h"
#include "viz/app/screenshot.h"
#include "viz/app/text_layout.h"
#include "viz/app/window.h"

using namespace kafkalab;
using namespace kafkalab::viz;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_bad_input = 2;
constexpr int exit_no_display = 3;

struct Options {
    std::string scenario;
    std::string at;
    std::string screenshot;
    std::string text_layout;  // headless: where the last frame put its text, for tests
    std::string size = "1280x720";
    int frames = 0;
    bool large_font = false;
    std::string tab;  // headless: the bottom-right panel's tab to show, by its --tab name
    bool serve = false;
    std::string listen = "127.0.0.1";
    std::optional<std::uint16_t> base_port;  // none: each broker on its localhost port
    std::string serve_for;  // headless: how long real clients may talk before the screenshot
};

std::unique_ptr<LabSession> open_session(const std::string& path, std::string* error = nullptr,
                                         bool forward_only = false) {
    auto loaded = scenarios::load_scenario(path);
    for (const auto& d : loaded.diagnostics) std::cerr << d.to_string() << "\n";
    if (!loaded.scenario) {
        if (error) *error = loaded.diagnostics.empty() ? path + " does not load" : loaded.diagnostics.front().to_string();
        return nullptr;
    }
    SessionOptions options;
    options.source_file = path;
    options.forward_only = forward_only;
    return std::make_unique<LabSession>(std::move(*loaded.scenario), options);
}

bool parse_size(const std::string& text, int& width, int& height) {
    return std::sscanf(text.c_str(), "%dx%d", &width, &height) == 2 && width >= 320 && height >= 240 &&
           width <= 8192 && height <= 8192;
}

/// Draws one frame, then applies what the panels asked for and plays the clock on.
void frame(Window& window, LabSession& session, UiState& ui, bool present, double wall_seconds,
           const std::vector<LessonEntry>* lessons = nullptr, scenarios::ServeSession* serve = nullptr) {
    window.set_large_font(ui.large_font);
    window.begin_frame(present && !ui.playback.playing() ? 0.05 : 0);
    std::vector<Command> commands;
    FrameContext context{session, ui, commands, lessons};
    draw_frame(context);
    window.end_frame(present);
    for (const auto& command : commands) apply(command, session, ui);
    play_for(session, ui, wall_seconds);
    if (serve) serve->pump(std::chrono::milliseconds(0));
}

/// Headless --serve: plays in real time for `wall`, taking real clients' requests.
void serve_headless(Window& window, LabSession& session, UiState& ui, scenarios::ServeSession& serve,
                    sim::Duration wall) {
    ui.playback.play();
    const auto start = std::chrono::steady_clock::now();
    auto last = start;
    while (std::chrono::steady_clock::now() - start < wall && !session.finished()) {
        serve.pump(std::chrono::milliseconds(10));
        const auto now = std::chrono::steady_clock::now();
        frame(window, session, ui, false, std::chrono::duration<double>(now - last).count(), nullptr, &serve);
        last = now;
    }
    ui.playback.pause();
}

int render_headless(Window& window, LabSession& session, const Options& options,
                    scenarios::ServeSession* serve, sim::Duration serve_for) {
    UiState ui;
    ui.large_font = options.large_font;
    for (const TablesTab& tab : tables_tabs) {
        if (options.tab == tab.name) ui.open_tab = tab.label;
    }
    if (serve) serve_headless(window, session, ui, *serve, serve_for);
    if (!options.text_layout.empty()) text_layout().enable();
    // ImGui sizes tables and text on the first frames; the third one is settled.
    for (int i = 0; i < 3; ++i) frame(window, session, ui, false, 0);
    if (!options.text_layout.empty()) {
        std::ofstream out(options.text_layout);
        text_layout().write(out);
        if (!out.flush()) {
            std::cerr << "kafkalab-viz: --text-layout: cannot write " << options.text_layout << "\n";
            return exit_bad_input;
        }
    }
    if (!options.screenshot.empty()) {
        int width = 0, height = 0;
        auto pixels = window.read_pixels(width, height);
        if (!write_png(options.screenshot, width, height, pixels)) {
            std::cerr << "kafkalab-viz: cannot write " << options.screenshot << "\n";
            return exit_bad_input;
        }
        std::cout << "wrote " << options.screenshot << " (" << width << "x" << height << ", t = "
                  << sim::format_duration(session.now()) << ")\n";
    }
    if (options.frames > 0) {
        std::vector<double> ms;
        for (int i = 0; i < options.frames; ++i) {
            auto begin = std::chrono::steady_clock::now();
            frame(window, session, ui, false, 0);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count());
        }
        std::sort(ms.begin(), ms.end());
        double mean = 0;
        for (double m : ms) mean += m;
        mean /= static_cast<double>(ms.size());
        double p95 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(0.95 * static_cast<double>(ms.size())))];
        std::printf("frames: %d, mean %.2f ms, p95 %.2f ms\n", options.frames, mean, p95);
    }
    return exit_ok;
}

/// `session` stays the caller's: a ServeSession there holds its run.
int run_window(Window& window, std::unique_ptr<LabSession>& session, bool large_font,
               scenarios::ServeSession* serve) {
    UiState ui;
    ui.large_font = large_font;
    if (serve) ui.playback.play();  // real clients expect the cluster to run
    const std::vector<LessonEntry> lessons = list_lessons(KAFKALAB_LESSONS_DIR);
    auto last = std::chrono::steady_clock::now();
    while (!window.should_close()) {
        if (!session) {
            std::string chosen = pick_lesson(window, KAFKALAB_LESSONS_DIR);
            if (chosen.empty()) return exit_ok;
            session = open_session(chosen);
            continue;
        }
        auto now = std::chrono::steady_clock::now();
        double wall = std::chrono::duration<double>(now - last).count();
        last = now;
        frame(window, *session, ui, true, wall, &lessons, serve);
        if (ui.quit_requested) window.request_close();
        if (serve && !ui.open_request.empty()) {
            ui.status = "real clients are attached to this run: restart kafkalab-viz to open another";
            ui.open_request.clear();
        }
        if (!ui.open_request.empty()) {
            // Another lesson from the menu: a fresh start, keeping only the classroom setting.
            std::string error;
            auto opened = open_session(ui.open_request, &error);
            UiState fresh;
            fresh.large_font = ui.large_font;
            fresh.status = opened ? "" : error;
            ui = std::move(fresh);
            if (opened) session = std::move(opened);
        }
    }
    return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    // Long runs keep what they log: a heap in huge pages, faulted in bulk
    // (sim/heap_populator.h). May run the program again first, with the same arguments.
    kafkalab::sim::HeapPopulator::enable_for_program(argv);
    CLI::App app{"kafkalab-viz: watch a Kafka cluster work, one message at a time"};
    Options options;
    app.add_option("scenario", options.scenario, "A scenario or lesson file (YAML); none: pick a lesson");
    app.add_option("--at", options.at, "Run to this scenario time first (e.g. 12s)");
    app.add_option("--screenshot", options.screenshot, "Render to this PNG without a visible window, then exit");
    app.add_option("--text-layout", options.text_layout,
                   "With --screenshot: also write where the frame put its text, host boxes and cut links (TSV)");
    app.add_option("--size", options.size, "Window size, WIDTHxHEIGHT")->capture_default_str();
    app.add_option("--frames", options.frames, "Render this many frames headless; print mean and p95 frame time");
    app.add_flag("--large-font", options.large_font, "Classroom mode: large text for a projector (Ctrl+L toggles it)");
    std::vector<std::string> tab_names;
    for (const TablesTab& tab : tables_tabs) tab_names.emplace_back(tab.name);
    app.add_option("--tab", options.tab, "With --screenshot or --frames: show this tab of the bottom-right panel")
        ->check(CLI::IsMember(tab_names));
    app.add_flag("--serve", options.serve,
                 "Also put each broker on a TCP port for real Kafka clients, as kafkalab serve does");
    app.add_option("--listen", options.listen, "With --serve: the IPv4 address to listen on (default 127.0.0.1)");
    app.add_option("--base-port", options.base_port, "With --serve: broker-1's port, the others at their distance "
                                                     "from it (default: the ports localhost:<port> names, 9092, ...)")
        ->check(CLI::Range(1, 65535));
    app.add_option("--serve-for", options.serve_for,
                   "With --serve and --screenshot or --frames: take real clients' requests for this long first");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? exit_ok : exit_bad_input;
    }
    int width = 0, height = 0;
    if (!parse_size(options.size, width, height)) {
        std::cerr << "kafkalab-viz: --size expects WIDTHxHEIGHT such as 1280x720, got '" << options.size << "'\n";
        return exit_bad_input;
    }
    if (!options.text_layout.empty() && options.screenshot.empty()) {
        std::cerr << "kafkalab-viz: --text-layout needs --screenshot\n";
        return exit_bad_input;
    }
    bool headless = !options.screenshot.empty() || options.frames > 0;
    if (!options.tab.empty() && !headless) {
        std::cerr << "kafkalab-viz: --tab needs --screenshot or --frames\n";
        return exit_bad_input;
    }
    if (headless && options.scenario.empty()) {
        std::cerr << "kafkalab-viz: --screenshot and --frames need a scenario file\n";
        return exit_bad_input;
    }
    if (options.serve && options.scenario.empty()) {
        std::cerr << "kafkalab-viz: --serve needs a scenario file\n";
        return exit_bad_input;
    }
    sim::Duration serve_for{0};
    if (!options.serve_for.empty()) {
        auto parsed = sim::parse_duration(options.serve_for);
        if (!parsed || !options.serve || !headless) {
            std::cerr << "kafkalab-viz: --serve-for expects a duration such as 10s, with --serve and --screenshot "
                         "or --frames, got '" << options.serve_for << "'\n";
            return exit_bad_input;
        }
        serve_for = *parsed;
    }
    std::unique_ptr<LabSession> session;
    if (!options.scenario.empty()) {
        session = open_session(options.scenario, nullptr, options.serve);
        if (!session) return exit_bad_input;
        if (!options.at.empty()) {
            auto at = sim::parse_duration(options.at);
            if (!at) {
                std::cerr << "kafkalab-viz: --at expects a duration such as 12s, got '" << options.at << "'\n";
                return exit_bad_input;
            }
            session->advance_to(*at);
        }
    }
    // Declared after the session: it holds the session's run and goes first.
    std::optional<scenarios::ServeSession> serve;
    if (options.serve) {
        try {
            serve.emplace(session->run(), scenarios::ServeOptions{options.listen, options.base_port, 1.0}, std::cout);
        } catch (const std::exception& error) {
            std::cerr << "kafkalab-viz: --listen/--base-port: " << error.what() << "\n";
            return exit_bad_input;
        }
    }
    scenarios::ServeSession* serving = serve ? &*serve : nullptr;
    try {
        Window window(width, height, !headless, "kafkalab-viz");
        if (headless) return render_headless(window, *session, options, serving, serve_for);
        return run_window(window, session, options.large_font, serving);
    } catch (const std::runtime_error& error) {
        std::cerr << "kafkalab-viz: " << error.what() << "\n";
        return exit_no_display;
    }
}
