#pragma once
// Play, pause and speed: how much simulated time one frame of wall-clock time is
// worth. Speeds run from a thousandth of real time (a 1 ms network hop takes a second
// on screen, so messages can be followed by eye) to ten thousand times real time.
#include <array>
#include <string>

#include "sim/time.h"

namespace kafkalab::viz {

class Playback {
public:
    static constexpr std::array<double, 11> speeds{0.001, 0.01, 0.1, 0.25, 0.5, 1, 2, 10, 100, 1000, 10000};

    bool playing() const { return playing_; }
    void toggle() { playing_ = !playing_; }
    void pause() { playing_ = false; }
    void play() { playing_ = true; }

    double speed() const { return speeds[speed_index_]; }
    std::size_t speed_index() const { return speed_index_; }
    void set_speed_index(std::size_t index) { speed_index_ = index < speeds.size() ? index : speeds.size() - 1; }
    void faster() { set_speed_index(speed_index_ + 1); }
    void slower() { if (speed_index_ > 0) --speed_index_; }
    /// Classroom keys: digit 1 is 0.01×, 5 real time, 9 is 1000×; the extremes (0.001×
    /// and 10000×) stay on the arrow keys. The index for set_speed_index().
    static std::size_t speed_index_for_digit(int digit) { return static_cast<std::size_t>(digit < 1 ? 1 : digit > 9 ? 9 : digit); }
    /// "0.001×", "1×", "1000×"
    std::string speed_label() const;

    /// The simulated time to run for a frame that took `wall_seconds`; zero while
    /// paused. A stalled frame (a dragged window) counts as at most a tenth of a second,
    /// so the run never leaps ahead of the class.
    sim::Duration advance_for(double wall_seconds) const;

private:
    bool playing_ = false;
    std::size_t speed_index_ = 5;  // real time
};

}  // namespace kafkalab::viz
