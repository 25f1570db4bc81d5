#include "viz/app/window.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "viz/app/style.h"

namespace kafkalab::viz {

namespace {

constexpr const char* text_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr float text_size = 15.0f;
/// Classroom mode: big enough to read from the back of a room on a 1280x720 projector.
constexpr float large_text_size = 22.0f;

/// Loads the text font at its normal size (the default) and its classroom size;
/// returns the classroom one, or null when only the built-in font is there.
ImFont* load_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    // ImGui asserts on a missing font file, so look first; the built-in font will do.
    if (!std::filesystem::exists(text_font)) return nullptr;
    // Latin text plus the few symbols the panels use (arrows, dashes, the times sign,
    // the ellipsis that ends a text cut to fit).
    static ImVector<ImWchar> ranges;  // read when the atlas is built, so it must live on
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddText("\u2192\u2190\u2014\u00d7\u2605\u2716\u25bc\u25b2\u2026");
    builder.BuildRanges(&ranges);
    io.Fonts->AddFontFromFileTTF(text_font, text_size, nullptr, ranges.Data);
    return io.Fonts->AddFontFromFileTTF(text_font, large_text_size, nullptr, ranges.Data);
}

}  // namespace

Window::Window(int width, int height, bool visible, const std::string& title) {
    if (!glfwInit()) throw std::runtime_error("no display: set DISPLAY, or run under xvfb-run -a");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
    window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
    if (!window_) {
        glfwTerminate();
        throw std::runtime_error("cannot open an OpenGL 3.3 window");
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(visible ? 1 : 0);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is computed, not remembered
    large_font_ = load_fonts();
    apply_style();
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 330");
}

Window::~Window() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
}

bool Window::should_close() const { return glfwWindowShouldClose(window_); }

void Window::set_title(const std::string& title) { glfwSetWindowTitle(window_, title.c_str()); }

void Window::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

void Window::set_large_font(bool large) {
    ImGuiIO& io = ImGui::GetIO();
    if (large_font_) {
        io.FontDefault = large ? large_font_ : nullptr;  // null: the first font loaded
    } else {
        io.FontGlobalScale = large ? large_text_size / text_size : 1.0f;  // the built-in font, scaled
    }
}

void Window::begin_frame(double wait_seconds) {
    if (wait_seconds > 0) {
        glfwWaitEventsTimeout(wait_seconds);
    } else {
        glfwPollEvents();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

void Window::end_frame(bool present) {
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    glViewport(0, 0, width, height);
    Rgb bg = palette::background;
    glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (present) {
        glfwSwapBuffers(window_);
    } else {
        glFinish();  // a headless frame is done when its pixels are
    }
}

std::vector<std::uint8_t> Window::read_pixels(int& width, int& height) const {
    glfwGetFramebufferSize(window_, &width, &height);
    std::vector<std::uint8_t> bottom_up(static_cast<std::size_t>(width) * height * 4);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
    // OpenGL's first row is the bottom one; a PNG's is the top one.
    std::vector<std::uint8_t> top_down(bottom_up.size());
    std::size_t row = static_cast<std::size_t>(width) * 4;
    for (int y = 0; y < height; ++y) {
        std::copy_n(bottom_up.begin() + static_cast<long>((height - 1 - y) * row), row,
                    top_down.begin() + static_cast<long>(y * row));
    }
    return top_down;
}

}  // namespace kafkalab::viz
