#pragma once
// A one-line progress bar on standard error for runs that take more than a moment. It
// reads the wall clock only to decide whether to draw, never to change the run, and
// when the timeline shares the terminal it erases itself before the simulation runs
// on, so the two never mix.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include <unistd.h>

#include "sim/time.h"

namespace kafkalab::cli {

class ProgressBar {
public:
    /// Draws nothing unless standard error is a terminal.
    explicit ProgressBar(sim::Duration end)
        : end_(end), enabled_(isatty(fileno(stderr)) == 1), stdout_is_terminal_(isatty(fileno(stdout)) == 1) {}
    ~ProgressBar() { erase(); }

    /// Called between slices of the run with the scenario time reached.
    void update(sim::Duration now) {
        // Quick runs finish before a bar would be worth seeing.
        if (!enabled_ || Clock::now() - started_ < std::chrono::milliseconds(500)) return;
        const double done = end_.count() > 0 ? static_cast<double>(now.count()) / static_cast<double>(end_.count()) : 1.0;
        const int filled = static_cast<int>(done * width);
        // Tenths of a second are enough, and keep the text from changing at every slice.
        const auto shown_time = std::chrono::floor<std::chrono::milliseconds>(now) / 100 * 100;
        std::string text = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " +
                           std::to_string(static_cast<int>(done * 100)) + "%  " + sim::format_duration(shown_time) +
                           " of " + sim::format_duration(end_);
        if (shown_ && text == text_) return;
        std::cout.flush();  // what the run printed goes first, then the bar below it
        std::cerr << "\r" << text << "\033[K" << std::flush;
        text_ = std::move(text);
        shown_ = true;
    }
    /// Before the run goes on: clears the bar if the run's timeline shares the terminal.
    void make_room() {
        if (stdout_is_terminal_) erase();
    }
    /// Clears the bar's line, if it is on screen.
    void erase() {
        if (!shown_) return;
        std::cerr << "\r\033[K" << std::flush;
        shown_ = false;
    }

private:
    using Clock = std::chrono::steady_clock;
    static constexpr int width = 40;

    sim::Duration end_;
    bool enabled_;
    bool stdout_is_terminal_;
    bool shown_ = false;
    std::string text_;  // what is on screen while shown_
    Clock::time_point started_ = Clock::now();
};

}  // namespace kafkalab::cli
