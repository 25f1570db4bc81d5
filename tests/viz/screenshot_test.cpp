// kafkalab-viz's headless mode, checked the way a person would look at its pictures:
// the screenshot is a real picture, crashed hosts are boxes in the crash colour, and
// at a projector's 1280x720 and a monitor's 1920x1080, in normal and classroom text, no
// text lies over other text or runs out of its panel (the program's --text-layout
// reports where its last frame put each text, host box and cut link).
// Each test runs the real program under xvfb-run and reads back its PNG.
#include <catch2/catch.hpp>

#ifdef KAFKALAB_VIZ

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <map>
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

struct Box {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool contains(float x, float y) const { return x > x0 && x < x1 && y > y0 && y < y1; }
};

struct PlacedText {
    std::string panel;
    std::string text;
    Box rect;
    Box clip;  // the visible part of its panel
    bool scrolls = false;
    bool scrolls_x = false;
    /// What of it is on screen: the part inside its clip rectangle.
    Box shown() const {
        return {std::max(rect.x0, clip.x0), std::max(rect.y0, clip.y0), std::min(rect.x1, clip.x1), std::min(rect.y1, clip.y1)};
    }
};

struct Cut {
    std::string a, b;
    std::vector<std::pair<float, float>> points;
};

/// What kafkalab-viz --text-layout wrote: every text of the last frame, the host
/// boxes and the cut links.
struct TextLayout {
    std::vector<PlacedText> texts;
    std::map<std::string, Box> boxes;
    std::vector<Cut> cuts;

    std::vector<const PlacedText*> find(const std::string& text) const {
        std::vector<const PlacedText*> found;
        for (const auto& t : texts) {
            if (t.text.find(text) != std::string::npos) found.push_back(&t);
        }
        return found;
    }
};

TextLayout read_text_layout(const std::string& path) {
    TextLayout layout;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string kind;
        std::getline(fields, kind, '\t');
        auto number = [&fields] {
            std::string field;
            std::getline(fields, field, '\t');
            return std::stof(field);
        };
        auto word = [&fields] {
            std::string field;
            std::getline(fields, field, '\t');
            return field;
        };
        if (kind == "text") {
            PlacedText t;
            t.panel = word();
            t.rect = {number(), number(), number(), number()};
            t.clip = {number(), number(), number(), number()};
            t.scrolls = word() == "1";
            t.scrolls_x = word() == "1";
            std::getline(fields, t.text);
            layout.texts.push_back(t);
        } else if (kind == "box") {
            std::string host = word();
            layout.boxes[host] = {number(), number(), number(), number()};
        } else if (kind == "cut") {
            Cut cut;
            cut.a = word();
            cut.b = word();
            std::string x, y;
            while (std::getline(fields, x, '\t') && std::getline(fields, y, '\t')) {
                cut.points.emplace_back(std::stof(x), std::stof(y));
            }
            layout.cuts.push_back(cut);
        }
    }
    return layout;
}

struct Render {
    std::string lesson;
    std::string at;
    std::string size = "1280x720";
    bool classroom = false;
    std::string tab{};  // of the bottom-right panel; none: the event log
    std::string name() const {
        return lesson + " at " + at + ", " + size + (classroom ? ", classroom" : "") + (tab.empty() ? "" : ", " + tab);
    }
};

/// Renders under Xvfb, then loads the PNG and, when asked, the text layout.
/// xvfb-run -a can lose a race for a display number when tests run in parallel: try
/// again then. Leak checking is off for the windowed program only: Mesa's driver,
/// loaded with dlopen, leaves allocations that LeakSanitizer reports from an unloaded
/// module. The view model's own leaks are still checked by the window-free tests.
Image render(const Render& r, TextLayout* layout = nullptr) {
    const auto stem = std::filesystem::temp_directory_path() / ("kafkalab-viz-test-" + std::to_string(::getpid()));
    const std::string png = stem.string() + ".png", tsv = stem.string() + ".tsv";
    const std::string scenario = r.lesson.find('/') == std::string::npos ? testing::lesson_path(r.lesson) : r.lesson;
    std::string command = "ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s '-screen 0 1920x1200x24' " KAFKALAB_VIZ " " +
                          scenario + " --at " + r.at + " --size " + r.size + " --screenshot " + png +
                          (r.classroom ? " --large-font" : "") +
                          (r.tab.empty() ? "" : " --tab " + r.tab) + (layout ? " --text-layout " + tsv : "") +
                          " > /dev/null 2>&1";
    // KAFKALAB_KEEP_SCREENSHOTS=DIR keeps each picture there, to look at.
    const char* keep = std::getenv("KAFKALAB_KEEP_SCREENSHOTS");
    int status = -1;
    for (int attempt = 0; attempt < 3 && status != 0; ++attempt) status = std::system(command.c_str());
    INFO(r.name());
    REQUIRE(status == 0);
    int channels = 0;
    Image image;
    unsigned char* data = stbi_load(png.c_str(), &image.width, &image.height, &channels, 3);
    REQUIRE(data != nullptr);
    for (int i = 0; i < image.width * image.height; ++i) image.pixels.push_back({data[3 * i], data[3 * i + 1], data[3 * i + 2]});
    stbi_image_free(data);
    if (keep) {
        std::string kept = r.name();
        for (char& c : kept) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
        std::filesystem::copy_file(png, std::filesystem::path(keep) / (kept + ".png"),
                                   std::filesystem::copy_options::overwrite_existing);
    }
    std::filesystem::remove(png);
    if (layout) {
        *layout = read_text_layout(tsv);
        std::filesystem::remove(tsv);
        REQUIRE_FALSE(layout->texts.empty());
    }
    return image;
}

Image screenshot(const std::string& lesson, const std::string& at, const std::string& size = "1280x720") {
    return render(Render{lesson, at, size, false});
}

bool visible(const PlacedText& t) {
    return t.rect.y1 > t.clip.y0 && t.rect.y0 < t.clip.y1 && t.rect.x1 > t.clip.x0 && t.rect.x0 < t.clip.x1;
}

/// Texts whose visible parts lie over one another by more than a pixel each way (a
/// log line scrolled half under the panel's header is hidden there, not over it).
std::vector<std::string> overlapping_texts(const TextLayout& layout) {
    std::vector<std::string> found;
    for (std::size_t i = 0; i < layout.texts.size(); ++i) {
        const auto& a = layout.texts[i];
        if (!visible(a)) continue;
        for (std::size_t j = i + 1; j < layout.texts.size(); ++j) {
            const auto& b = layout.texts[j];
            if (!visible(b)) continue;
            const Box sa = a.shown(), sb = b.shown();
            float w = std::min(sa.x1, sb.x1) - std::max(sa.x0, sb.x0);
            float h = std::min(sa.y1, sb.y1) - std::max(sa.y0, sb.y0);
            if (w > 1 && h > 1) found.push_back("'" + a.text + "' (" + a.panel + ") over '" + b.text + "'");
        }
    }
    return found;
}

/// Texts partly outside their panel: cut at an edge. In a panel that scrolls, rows
/// above or below the visible part are not cut, only scrolled away (and the rest of a
/// long line, in one that scrolls sideways).
std::vector<std::string> cut_texts(const TextLayout& layout) {
    std::vector<std::string> found;
    for (const auto& t : layout.texts) {
        if (!visible(t)) continue;
        bool cut_x = !t.scrolls_x && (t.rect.x0 < t.clip.x0 - 0.5f || t.rect.x1 > t.clip.x1 + 0.5f);
        bool cut_y = !t.scrolls && (t.rect.y0 < t.clip.y0 - 0.5f || t.rect.y1 > t.clip.y1 + 0.5f);
        if (cut_x || cut_y) found.push_back("'" + t.text + "' (" + t.panel + ")");
    }
    return found;
}

/// The panels (top-level ImGui windows) that recorded any text.
std::set<std::string> panels_with_text(const TextLayout& layout) {
    std::set<std::string> panels;
    for (const auto& t : layout.texts) panels.insert(t.panel.substr(0, t.panel.find('/')));
    return panels;
}

bool ends_with_ellipsis(const std::string& text) {
    const std::string ellipsis = "\u2026";
    return text.size() >= ellipsis.size() && text.compare(text.size() - ellipsis.size(), ellipsis.size(), ellipsis) == 0;
}

/// Hosts whose box a cut link is drawn through, other than the two it joins.
std::vector<std::string> hosts_crossed_by_cuts(const TextLayout& layout) {
    std::vector<std::string> found;
    for (const auto& cut : layout.cuts) {
        for (const auto& [host, box] : layout.boxes) {
            if (host == cut.a || host == cut.b) continue;
            for (std::size_t i = 1; i < cut.points.size(); ++i) {
                bool crossed = false;
                for (int k = 0; k <= 16 && !crossed; ++k) {
                    float t = static_cast<float>(k) / 16;
                    crossed = box.contains(cut.points[i - 1].first + (cut.points[i].first - cut.points[i - 1].first) * t,
                                           cut.points[i - 1].second + (cut.points[i].second - cut.points[i - 1].second) * t);
                }
                if (crossed) {
                    found.push_back(cut.a + " - " + cut.b + " through " + host);
                    break;
                }
            }
        }
    }
    return found;
}

/// The text drawn inside `host`'s box in the cluster picture.
std::vector<std::string> texts_in_box(const TextLayout& layout, const std::string& host) {
    std::vector<std::string> found;
    const Box& box = layout.boxes.at(host);
    for (const auto& t : layout.texts) {
        float cx = (t.rect.x0 + t.rect.x1) / 2, cy = (t.rect.y0 + t.rect.y1) / 2;
        if (box.contains(cx, cy)) {
            CHECK(t.rect.x0 >= box.x0);
            CHECK(t.rect.x1 <= box.x1);
            CHECK(t.rect.y0 >= box.y0 - 0.5f);
            CHECK(t.rect.y1 <= box.y1 + 0.5f);
            found.push_back(t.text);
        }
    }
    return found;
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

TEST_CASE("the viewer's text neither overlaps nor leaves its panel, at 1280x720 and 1920x1080, in both text sizes") {
    // Groups (4, 11, 21), a clean stop next to a crash (14), cut links and a partition (15).
    const Render base = GENERATE(Render{"04-consumer-groups.yaml", "25s"}, Render{"11-consumer-crash-and-rebalance.yaml", "70s"},
                                 Render{"14-kill-vs-controlled-shutdown.yaml", "45s"},
                                 Render{"15-jepsen-2013-replay.yaml", "35s"}, Render{"21-rebalance-timeline.yaml", "30s"});
    const std::string size = GENERATE(as<std::string>{}, "1280x720", "1920x1080");
    const bool classroom = GENERATE(false, true);
    Render r = base;
    r.size = size;
    r.classroom = classroom;
    INFO(r.name());
    TextLayout layout;
    render(r, &layout);
    // Every panel's text is recorded and checked, not only the cluster picture's.
    CHECK(panels_with_text(layout) ==
          std::set<std::string>{"##toolbar", "Cluster", "Partitions", "Lesson", "Timeline", "##tables"});
    CHECK(overlapping_texts(layout) == std::vector<std::string>{});
    CHECK(cut_texts(layout) == std::vector<std::string>{});
    CHECK(hosts_crossed_by_cuts(layout) == std::vector<std::string>{});
    // The toolbar is one row that fits its bar: no scrollbar beside the lesson's name.
    for (const auto& t : layout.texts) {
        if (t.panel == "##toolbar") CHECK_FALSE(t.scrolls);
    }
    // The four plots have the same width and their titles say what and how much, whole.
    for (const char* title : {"ISR replicas: ", "under-replicated: ", "consumer lag: ", "acknowledged/s: "}) {
        INFO(title);
        auto found = layout.find(title);
        REQUIRE(found.size() == 1);
        CHECK_FALSE(ends_with_ellipsis(found.front()->text));
    }
    // Every host's box says whose it is, in full: on one line, or a long client name
    // ("console-consumer-1" in lesson 4) on two, broken after a hyphen.
    for (const auto& [host, box] : layout.boxes) {
        INFO(host);
        std::string said;
        for (const std::string& text : texts_in_box(layout, host)) {
            if (host.rfind(said + text, 0) == 0) said += text;
        }
        CHECK(said == host);
    }
}

TEST_CASE("the tables, the console and the checker's report fit the panel at 1280x720 and 1920x1080, in both text sizes") {
    // Lesson 4 has two groups and a console consumer; lesson 14's report is there at its end.
    const Render base = GENERATE(Render{"04-consumer-groups.yaml", "25s", "", false, "brokers"},
                                 Render{"04-consumer-groups.yaml", "25s", "", false, "topics"},
                                 Render{"04-consumer-groups.yaml", "25s", "", false, "groups"},
                                 Render{"04-consumer-groups.yaml", "25s", "", false, "console"},
                                 Render{"14-kill-vs-controlled-shutdown.yaml", "90s", "", false, "checker"});
    const std::string size = GENERATE(as<std::string>{}, "1280x720", "1920x1080");
    const bool classroom = GENERATE(false, true);
    Render r = base;
    r.size = size;
    r.classroom = classroom;
    INFO(r.name());
    TextLayout layout;
    render(r, &layout);
    CHECK(overlapping_texts(layout) == std::vector<std::string>{});
    CHECK(cut_texts(layout) == std::vector<std::string>{});
    std::vector<std::string> cut_numbers;
    for (const auto& t : layout.texts) {
        if (t.panel.rfind("##tables", 0) != 0) continue;
        // A number is never shortened: a "1…" lag would mislead.
        bool digits = !t.text.empty() && std::isdigit(static_cast<unsigned char>(t.text.front()));
        if (digits && ends_with_ellipsis(t.text)) cut_numbers.push_back(t.text);
    }
    CHECK(cut_numbers == std::vector<std::string>{});
    if (r.tab == "groups") {
        // The audit group's lag (100 at 25 s) and its coordinator.
        CHECK_FALSE(layout.find("100").empty());
        CHECK_FALSE(layout.find("broker-1").empty());
    } else if (r.tab == "brokers") {
        CHECK_FALSE(layout.find("yes").empty());  // which broker is the controller
    } else if (r.tab == "topics") {
        CHECK_FALSE(layout.find("high watermark").empty());
    } else if (r.tab == "console") {
        // The lesson's console consumer at 20 s, its command wrapped rather than cut.
        CHECK(layout.find("$ kafka-console-consumer --bootstrap-server localhost:9092").size() == 1);
        CHECK(layout.find("Processed a total of 3 messages").size() == 1);
    } else if (r.tab == "checker") {
        CHECK_FALSE(layout.find("sent 1800").empty());
    }
}

TEST_CASE("at 1280x720 in classroom text a long event-log line or lesson name ends in an ellipsis inside its panel") {
    TextLayout layout;
    render(Render{"14-kill-vs-controlled-shutdown.yaml", "90s", "1280x720", true}, &layout);
    int cut_lines = 0;
    for (const auto& t : layout.texts) {
        if (t.panel.rfind("##tables/log", 0) == 0 && visible(t) && ends_with_ellipsis(t.text)) ++cut_lines;
    }
    CHECK(cut_lines > 0);
    // "Controlled shutdown against kill -9" does not fit after the time and the event number.
    auto name = layout.find("Controlled shut");
    REQUIRE(name.size() == 1);
    CHECK(name.front()->panel == "##toolbar");
    CHECK(ends_with_ellipsis(name.front()->text));
    CHECK(cut_texts(layout) == std::vector<std::string>{});
}

TEST_CASE("lesson 13 in classroom text at 1280x720: the Lesson strip grows to show a three-line caption and the question") {
    TextLayout layout;
    render(Render{"13-isr-shrink.yaml", "69500ms", "1280x720", true}, &layout);
    std::vector<const PlacedText*> lesson;
    for (const auto& t : layout.texts) {
        if (t.panel == "Lesson") lesson.push_back(&t);
    }
    REQUIRE(lesson.size() == 3);  // the caption of 45 s, the question, its button
    CHECK(lesson[0]->text.rfind("45s  broker-3 has not caught up", 0) == 0);
    CHECK(lesson[1]->text.rfind("Predict: ", 0) == 0);
    CHECK(lesson[2]->text == "Show the answer");
    for (const PlacedText* t : lesson) {
        INFO(t->text);
        // Whole and in view, not scrolled out of the strip.
        CHECK_FALSE(t->scrolls);
        CHECK(t->rect.y0 >= t->clip.y0 - 0.5f);
        CHECK(t->rect.y1 <= t->clip.y1 + 0.5f);
        CHECK(t->rect.x1 <= t->clip.x1 + 0.5f);
    }
    CHECK(overlapping_texts(layout) == std::vector<std::string>{});
    CHECK(cut_texts(layout) == std::vector<std::string>{});
}

TEST_CASE("lesson 4: each consumer's line sits under its partition's replica, above the next partition") {
    for (bool classroom : {false, true}) {
        TextLayout layout;
        render(Render{"04-consumer-groups.yaml", "25s", "1280x720", classroom}, &layout);
        // billing's two members and audit each read their partitions: a line each.
        auto billing = layout.find("billing (billing-");
        auto audit = layout.find("audit (audit-1):");
        REQUIRE(billing.size() + audit.size() >= 2);
        CHECK(overlapping_texts(layout) == std::vector<std::string>{});
    }
}

TEST_CASE("classroom text at 1280x720: the controller and the crashed broker keep their names and labels") {
    TextLayout layout;
    render(Render{testing::crash_lesson, "12s", "1280x720", true}, &layout);
    REQUIRE(layout.boxes.size() >= 3);
    std::vector<std::string> crashed = texts_in_box(layout, "broker-2");
    CHECK(crashed == std::vector<std::string>{"broker-2", "CRASHED"});
    bool a_controller = false;
    for (const char* host : {"broker-1", "broker-3"}) {
        auto texts = texts_in_box(layout, host);
        REQUIRE(!texts.empty());
        CHECK(texts.front() == host);
        a_controller = a_controller || (texts.size() == 2 && texts[1] == "controller");
    }
    CHECK(a_controller);
    // broker-2's rows end in DOWN, whole, inside the partitions panel.
    auto down = layout.find("DOWN");
    REQUIRE(!down.empty());
    CHECK(cut_texts(layout) == std::vector<std::string>{});
}

TEST_CASE("lesson 15: the cuts from broker-1 to broker-2 and to broker-3 are drawn clear of the other broker") {
    TextLayout layout;
    render(Render{"15-jepsen-2013-replay.yaml", "12s"}, &layout);
    std::set<std::pair<std::string, std::string>> cuts;
    for (const auto& c : layout.cuts) cuts.insert(std::minmax(c.a, c.b));
    CHECK(cuts.contains({"broker-1", "broker-3"}));
    CHECK(cuts.contains({"broker-1", "broker-2"}));
    CHECK(hosts_crossed_by_cuts(layout) == std::vector<std::string>{});
}

TEST_CASE("a host that lost power is labelled POWER LOST, apart from a crashed and a cleanly stopped one") {
    for (bool classroom : {false, true}) {
        TextLayout layout;
        Image image = render(Render{KAFKALAB_TEST_DATA "/../viz/power-loss.yaml", "7s", "1280x720", classroom}, &layout);
        CHECK(texts_in_box(layout, "broker-2") == std::vector<std::string>{"broker-2", "POWER LOST"});
        CHECK(texts_in_box(layout, "broker-3") == std::vector<std::string>{"broker-3", "CRASHED"});
        CHECK(texts_in_box(layout, "broker-4") == std::vector<std::string>{"broker-4", "STOPPED"});
        CHECK(boxes_in(image, palette::host_powered_off) == 1);
        CHECK(boxes_in(image, palette::host_crashed) == 1);
        CHECK(boxes_in(image, palette::host_stopped) == 1);
    }
}

#endif  // KAFKALAB_VIZ
