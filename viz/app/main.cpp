// kafkalab-viz: the teaching lab's window. Opens a scenario (or offers the lesson
// library), then plays it, steps it, rewinds it and takes faults from the class.
//
//   kafkalab-viz [SCENARIO.yaml] [--at 12s] [--screenshot out.png] [--size 1280x720] [--frames N]
//
// With --screenshot or --frames it renders without a visible window (tests run it
// under xvfb-run) and exits. Exit codes: 0 done, 2 bad input, 3 no display or OpenGL.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include <GLFW/glfw3.h>

#include "scenarios/spec/load_scenario.h"
#include "viz/app/lesson_picker.h"
#include "viz/app/panels.h"
#include "viz/app/screenshot.h"
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
    std::string size = "1280x720";
    int frames = 0;
};

std::optional<scenarios::Scenario> load(const std::string& path) {
    auto loaded = scenarios::load_scenario(path);
    for (const auto& d : loaded.diagnostics) std::cerr << d.to_string() << "\n";
    if (!loaded.scenario) return std::nullopt;
    return std::move(*loaded.scenario);
}

bool parse_size(const std::string& text, int& width, int& height) {
    return std::sscanf(text.c_str(), "%dx%d", &width, &height) == 2 && width >= 320 && height >= 240 &&
           width <= 8192 && height <= 8192;
}

/// Draws one frame, then applies what the panels asked for and plays the clock on.
void frame(Window& window, LabSession& session, UiState& ui, bool present, double wall_seconds) {
    window.begin_frame(present && !ui.playback.playing() ? 0.05 : 0);
    std::vector<Command> commands;
    FrameContext context{session, ui, commands};
    draw_frame(context);
    window.end_frame(present);
    for (const auto& command : commands) apply(command, session, ui);
    session.advance_by(ui.playback.advance_for(wall_seconds));
    if (session.finished()) ui.playback.pause();
}

int render_headless(Window& window, LabSession& session, const Options& options) {
    UiState ui;
    // ImGui sizes tables and text on the first frames; the third one is settled.
    for (int i = 0; i < 3; ++i) frame(window, session, ui, false, 0);
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

int run_window(Window& window, std::unique_ptr<LabSession> session) {
    UiState ui;
    auto last = std::chrono::steady_clock::now();
    while (!window.should_close()) {
        if (!session) {
            std::string chosen = pick_lesson(window, KAFKALAB_LESSONS_DIR);
            if (chosen.empty()) return exit_ok;
            auto scenario = load(chosen);
            if (scenario) session = std::make_unique<LabSession>(std::move(*scenario));
            continue;
        }
        auto now = std::chrono::steady_clock::now();
        double wall = std::chrono::duration<double>(now - last).count();
        last = now;
        frame(window, *session, ui, true, wall);
    }
    return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"kafkalab-viz: watch a Kafka cluster work, one message at a time"};
    Options options;
    app.add_option("scenario", options.scenario, "A scenario or lesson file (YAML); none: pick a lesson");
    app.add_option("--at", options.at, "Run to this scenario time first (e.g. 12s)");
    app.add_option("--screenshot", options.screenshot, "Render to this PNG without a visible window, then exit");
    app.add_option("--size", options.size, "Window size, WIDTHxHEIGHT")->capture_default_str();
    app.add_option("--frames", options.frames, "Render this many frames headless; print mean and p95 frame time");
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
    bool headless = !options.screenshot.empty() || options.frames > 0;
    if (headless && options.scenario.empty()) {
        std::cerr << "kafkalab-viz: --screenshot and --frames need a scenario file\n";
        return exit_bad_input;
    }
    std::unique_ptr<LabSession> session;
    if (!options.scenario.empty()) {
        auto scenario = load(options.scenario);
        if (!scenario) return exit_bad_input;
        session = std::make_unique<LabSession>(std::move(*scenario));
        if (!options.at.empty()) {
            auto at = sim::parse_duration(options.at);
            if (!at) {
                std::cerr << "kafkalab-viz: --at expects a duration such as 12s, got '" << options.at << "'\n";
                return exit_bad_input;
            }
            session->advance_to(*at);
        }
    }
    try {
        Window window(width, height, !headless, "kafkalab-viz");
        if (headless) return render_headless(window, *session, options);
        return run_window(window, std::move(session));
    } catch (const std::runtime_error& error) {
        std::cerr << "kafkalab-viz: " << error.what() << "\n";
        return exit_no_display;
    }
}
