#pragma once
// The GLFW window, its OpenGL 3 context and the Dear ImGui context, as one object. A
// hidden window (headless mode) renders the very same frames, under Xvfb in tests.
#include <cstdint>
#include <string>
#include <vector>

struct GLFWwindow;
struct ImFont;

namespace kafkalab::viz {

class Window {
public:
    /// Throws std::runtime_error when there is no display or no OpenGL 3.
    Window(int width, int height, bool visible, const std::string& title);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    bool should_close() const;
    /// Polls input (waiting up to `wait_seconds` for some when idle) and starts a frame.
    void begin_frame(double wait_seconds = 0);
    /// Renders the frame to the back buffer; `present` swaps it to the screen.
    void end_frame(bool present);
    /// The back buffer as RGBA rows, top row first.
    std::vector<std::uint8_t> read_pixels(int& width, int& height) const;
    void set_title(const std::string& title);
    /// File > Quit: the main loop ends after this frame.
    void request_close();
    /// Classroom mode: the large text font from the next frame on.
    void set_large_font(bool large);

private:
    GLFWwindow* window_ = nullptr;
    ImFont* large_font_ = nullptr;  // owned by ImGui's font atlas
};

}  // namespace kafkalab::viz
