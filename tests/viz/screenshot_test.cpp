// kafkalab-viz's headless mode, checked the way a person would look at its pictures:
// the screenshot is a real picture, and crashed hosts are boxes in the crash colour.
// Each test runs the real program under xvfb-run and reads back its PNG.
#include <catch2/catch.hpp>

#ifdef KAFKALAB_VIZ

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <stb_image.h>

#include "viz/model/palette.h"
#include "viz_test_support.h"

using namespace kafkalab::viz;

namespace {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<Rgb> pixels;
    const Rgb& at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

/// Renders `lesson` at `at` to a PNG under Xvfb and loads it. xvfb-run -a can lose a
/// race for a display number when tests run in parallel: try again then.
/// Leak checking is off for the windowed program only: Mesa's driver, loaded with
/// dlopen, leaves allocations that LeakSanitizer reports from an unloaded module. The
/// view model's own leaks are still checked by the window-free tests.
Image screenshot(const std::string& lesson, const std::string& at, const std::string& size = "1280x720") {
    std::string png = (std::filesystem::temp_directory_path() /
                       ("kafkalab-viz-test-" + std::to_string(::getpid()) + ".png")).string();
    std::string command = "ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s '-screen 0 1920x1200x24' " KAFKALAB_VIZ " " +
                          testing::lesson_path(lesson) + " --at " + at + " --size " + size + " --screenshot " + png +
                          " > /dev/null 2>&1";
    int status = -1;
    for (int attempt = 0; attempt < 3 && status != 0; ++attempt) status = std::system(command.c_str());
    REQUIRE(status == 0);
    int channels = 0;
    Image image;
    unsigned char* data = stbi_load(png.c_str(), &image.width, &image.height, &channels, 3);
    REQUIRE(data != nullptr);
    for (int i = 0; i < image.width * image.height; ++i) image.pixels.push_back({data[3 * i], data[3 * i + 1], data[3 * i + 2]});
    stbi_image_free(data);
    std::filesystem::remove(png);
    return image;
}

/// Areas (in pixels) of the 4-connected regions drawn exactly in `colour`.
std::vector<int> regions_of(const Image& image, Rgb colour) {
    std::vector<char> seen(image.pixels.size(), 0);
    std::vector<int> areas;
    for (int start = 0; start < image.width * image.height; ++start) {
        if (seen[start] || !(image.pixels[start] == colour)) continue;
        int area = 0;
        std::vector<int> stack{start};
        seen[start] = 1;
        while (!stack.empty()) {
            int p = stack.back();
            stack.pop_back();
            ++area;
            int x = p % image.width, y = p / image.width;
            for (auto [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                int nx = x + dx, ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= image.width || ny >= image.height) continue;
                int q = ny * image.width + nx;
                if (!seen[q] && image.pixels[q] == colour) {
                    seen[q] = 1;
                    stack.push_back(q);
                }
            }
        }
        areas.push_back(area);
    }
    return areas;
}

/// Host boxes are about 120x40 at 1280x720; their labels take a few hundred pixels.
int boxes_in(const Image& image, Rgb colour) {
    int boxes = 0;
    for (int area : regions_of(image, colour)) boxes += area >= 1500 ? 1 : 0;
    return boxes;
}

/// Pixels drawn exactly in `colour` inside [x0, x1) x [y0, y1).
int pixels_in(const Image& image, Rgb colour, int x0, int y0, int x1, int y1) {
    int count = 0;
    for (int y = y0; y < std::min(y1, image.height); ++y) {
        for (int x = x0; x < std::min(x1, image.width); ++x) count += image.at(x, y) == colour ? 1 : 0;
    }
    return count;
}

/// The partitions panel at 1280x720: right of the cluster picture, above the lesson strip.
int struck_pixels(const Image& image) { return pixels_in(image, palette::struck_out, 540, 60, 1280, 410); }

}  // namespace

TEST_CASE("a headless screenshot is a full picture and not a blank window") {
    Image image = screenshot(testing::crash_lesson, "5s");
    REQUIRE(image.width == 1280);
    REQUIRE(image.height == 720);
    std::set<std::uint32_t> colours;
    int not_background = 0;
    for (const auto& p : image.pixels) {
        colours.insert(static_cast<std::uint32_t>(p.r) << 16 | p.g << 8 | p.b);
        if (!(p == palette::background) && !(p == palette::panel)) ++not_background;
    }
    REQUIRE(colours.size() > 100);
    REQUIRE(not_background > image.width * image.height / 20);
    REQUIRE(boxes_in(image, palette::broker_up) == 3);
}

TEST_CASE("lesson 5: after the crash at 10s one broker box is drawn in the crash colour") {
    REQUIRE(boxes_in(screenshot(testing::crash_lesson, "5s"), palette::host_crashed) == 0);
    Image after = screenshot(testing::crash_lesson, "12s");
    REQUIRE(boxes_in(after, palette::host_crashed) == 1);
    REQUIRE(boxes_in(after, palette::broker_up) == 2);
}

TEST_CASE("lesson 5: once broker-2 restarts at 45s no box is in the crash colour") {
    REQUIRE(boxes_in(screenshot(testing::crash_lesson, "46s"), palette::host_crashed) == 0);
}

TEST_CASE("a large window draws the same boxes larger") {
    Image image = screenshot(testing::crash_lesson, "12s", "1600x1000");
    REQUIRE(image.width == 1600);
    REQUIRE(boxes_in(image, palette::host_crashed) == 1);
}

TEST_CASE("lesson 8: the records broker-1 truncates after the unclean election are struck through in its row") {
    REQUIRE(struck_pixels(screenshot("08-unclean-leader-election.yaml", "79s")) == 0);
    Image after = screenshot("08-unclean-leader-election.yaml", "81s");
    // Offsets 50..499 span dozens of cells, each with its bar and its lost-write frame.
    REQUIRE(struck_pixels(after) > 300);
    // Only the partitions panel strikes anything through.
    REQUIRE(pixels_in(after, palette::struck_out, 0, 0, 1280, 720) == struck_pixels(after));
}

#endif  // KAFKALAB_VIZ
