// Hostile input: the loader refuses it with a message and never throws or crashes.
#include <filesystem>
#include <fstream>
#include <random>

#include "spec_helpers.h"

using namespace kafkalab::scenarios;
using kafkalab::scenarios::testing::report;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::filesystem::path temp_file(const std::string& name, const std::string& content) {
    auto dir = std::filesystem::temp_directory_path() / "kafkalab-robustness";
    std::filesystem::create_directories(dir);
    auto path = dir / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

}  // namespace

TEST_CASE("a scenario file over 4 MiB is refused before it is parsed") {
    std::string huge(5 * 1024 * 1024, '#');
    auto path = temp_file("huge.yaml", huge);
    auto result = load_scenario(path);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].to_string() ==
          path.string() + ":1:1: error: the file has 5242880 bytes; scenario files over 4 MiB are refused");
    auto from_text = load_scenario_text(huge, "huge.yaml");
    CHECK(from_text.diagnostics.at(0).message == "the file has 5242880 bytes; scenario files over 4 MiB are refused");
    std::filesystem::remove(path);
}

TEST_CASE("an empty scenario file is refused as empty") {
    auto path = temp_file("empty.yaml", "");
    auto result = load_scenario(path);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].to_string() == path.string() +
                                                   ":1:1: error: the scenario file is empty; expected a mapping with "
                                                   "keys such as name, cluster and topics");
    std::filesystem::remove(path);
}

TEST_CASE("a missing scenario file is one error and no exception") {
    auto result = load_scenario(KAFKALAB_TEST_DATA "/does-not-exist.yaml");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message.starts_with("cannot read the scenario file"));
}

TEST_CASE("seeded random bytes are refused as binary at their first bad byte") {
    std::mt19937 random(1234);
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk += static_cast<char>(random() & 0xFF);
    auto result = load_scenario_text(junk, "junk.bin");
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message.starts_with("this is not a text scenario: byte 0x"));
}

TEST_CASE("ten thousand nested brackets or dashes are refused without deep recursion") {
    auto flow = load_scenario_text("name: x\ntopics: " + std::string(10000, '[') + std::string(10000, ']'), "flow.yaml");
    REQUIRE(flow.diagnostics.size() == 1);
    CHECK(flow.diagnostics[0].to_string() ==
          "flow.yaml:2:73: error: nesting is deeper than 64 levels; scenarios nest a few levels at most");
    std::string dashes;
    for (int i = 0; i < 5000; ++i) dashes += "- ";
    auto block = load_scenario_text("topics:\n  " + dashes + "x\n", "block.yaml");
    REQUIRE(block.diagnostics.size() == 1);
    CHECK(block.diagnostics[0].message.starts_with("nesting is too deep"));
    std::string indented = "a:\n";
    for (int i = 1; i < 300; ++i) indented += std::string(i, ' ') + "b" + std::to_string(i) + ":\n";
    auto deep = load_scenario_text(indented, "deep.yaml");
    CHECK_FALSE(deep.ok());
}

TEST_CASE("a file of two hundred thousand topics is refused quickly by the section bound") {
    std::string text = "topics:\n";
    for (int i = 0; i < 200000; ++i) text += "- {name: t" + std::to_string(i) + "}\n";
    REQUIRE(text.size() < max_scenario_bytes);
    auto result = load_scenario_text(text, "many.yaml");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].to_string() == "many.yaml:2:1: error: topics may have at most 1000 entries; found 200000");
}

TEST_CASE("every prefix of a good scenario loads or fails cleanly") {
    std::string text = read_file(KAFKALAB_TEST_DATA "/good/everything.yaml");
    int refused = 0;
    for (std::size_t length = 0; length <= text.size(); length += 13) {
        auto result = load_scenario_text(text.substr(0, length), "prefix.yaml", KAFKALAB_TEST_DATA "/good");
        if (!result.ok()) {
            ++refused;
            CHECK_FALSE(result.diagnostics.empty());
        }
    }
    CHECK(refused > 0);
}

TEST_CASE("wrong types and absurd numbers and aliases anywhere give errors and no crash") {
    const char* texts[] = {
        "seed: [1, 2]",
        "seed: 99999999999999999999999",
        "duration: 1000000h",
        "cluster: {brokers: 1000000}",
        "cluster: {brokers: {a: b}}",
        "topics: {name: t}",
        "topics: [[t]]",
        "producers: [{name: p, topic: t}]",
        "network: {bandwidth: -5MB/s, loss: 200%}",
        "a: &a [1, 2]\nb: *a\ntopics: *a",
        "faults: [{at: -1s, crash: broker-1}]",
        "expect: [{leader: {partition: t-0, is: [1]}}]",
        "? [complex, key]\n: value",
        "name: \"unterminated",
        "--- \n... \n---\nname: two documents",
    };
    for (const char* text : texts) {
        INFO(text);
        auto result = load_scenario_text(text, "junk.yaml");
        INFO(report(result));
        CHECK_FALSE(result.ok());
        CHECK_FALSE(result.diagnostics.empty());
    }
}

TEST_CASE("producers that would send over ten million records are refused unless count bounds them") {
    const std::string base = "duration: 1h\ntopics: [{name: t}]\nproducers:\n";
    auto flood = load_scenario_text(base + "  - {name: a, topic: t, rate: 2000/s}\n  - {name: b, topic: t, rate: 1000/s}\n",
                                    "flood.yaml");
    INFO(report(flood));
    REQUIRE(flood.diagnostics.size() == 1);
    CHECK(flood.diagnostics[0].to_string() ==
          "flood.yaml:5:5: error: producer 'b' would send about 3.6e+06 records in 1h; a scenario may send at most "
          "10000000 records in all (lower the rate, shorten the run or set count)");
    auto counted = load_scenario_text(base + "  - {name: a, topic: t, rate: 1000000/ms, count: 5000}\n", "counted.yaml");
    INFO(report(counted));
    CHECK(counted.ok());
    auto windowed = load_scenario_text(base + "  - {name: a, topic: t, rate: 100000/s, start: 10s, stop: 20s}\n",
                                       "windowed.yaml");
    INFO(report(windowed));
    CHECK(windowed.ok());
}

TEST_CASE("network faults at one instant that override each other contradict") {
    const std::string base = "cluster: {brokers: 3}\nfaults:\n";
    auto same_instant = load_scenario_text(base + "  - {at: 5s, partition: {groups: [[broker-1]]}}\n"
                                                  "  - {at: 5s, heal: all}\n",
                                           "a.yaml");
    REQUIRE(same_instant.diagnostics.size() == 1);
    CHECK(same_instant.diagnostics[0].to_string() == "a.yaml:4:5: error: contradictory faults: partition (line 3) and heal both at 5s");
    auto in_turn = load_scenario_text(base + "  - {at: 5s, partition: {groups: [[broker-1]]}}\n"
                                             "  - {at: 6s, partition: {groups: [[broker-2]]}}\n"
                                             "  - {at: 7s, heal: all}\n"
                                             "  - {at: 8s, cut: [broker-1, broker-2]}\n",
                                      "b.yaml");
    INFO(report(in_turn));
    CHECK(in_turn.ok());
    auto heal_and_cut = load_scenario_text(base + "  - {at: 7s, cut: [broker-1, broker-2]}\n"
                                                  "  - {at: 7s, heal: all}\n",
                                           "c.yaml");
    REQUIRE(heal_and_cut.diagnostics.size() == 1);
    CHECK(heal_and_cut.diagnostics[0].to_string() ==
          "c.yaml:4:5: error: contradictory faults: cut (line 3) and heal of broker-1 - broker-2 both at 7s");
}

TEST_CASE("a properties-file that is not a properties file is refused without its content echoed") {
    auto secret = temp_file("not-a-properties-file.txt",
                            "root:x:0:0:root:/root:/bin/bash\nhunter2-token-9f3e\nnum.partitons=3\n");
    auto scenario = temp_file("points-at-junk.yaml", "cluster:\n  properties-file: not-a-properties-file.txt\n");
    LoadResult result = load_scenario(scenario);
    INFO(report(result));
    CHECK_FALSE(result.ok());
    REQUIRE(result.diagnostics.size() >= 3);
    for (const auto& d : result.diagnostics) {
        CHECK(d.to_string().find("root") == std::string::npos);
        CHECK(d.to_string().find("hunter2") == std::string::npos);
    }
    // A near miss of a real key still gets its suggestion, which names only the catalog's key.
    CHECK(result.diagnostics[2].to_string().ends_with(
        "not-a-properties-file.txt:3:1: error: this line's key is not a known server.properties key; did you mean "
        "'num.partitions'?"));
}

TEST_CASE("a properties-file is read inside the scenario's folder unless its path is absolute") {
    auto props = temp_file("cluster.properties", "num.partitions=4\n");
    auto nested = props.parent_path() / "lessons";
    std::filesystem::create_directories(nested);
    auto escaping = nested / "escaping.yaml";
    std::ofstream(escaping) << "cluster:\n  properties-file: ../cluster.properties\n";
    LoadResult refused = load_scenario(escaping);
    REQUIRE(refused.diagnostics.size() == 1);
    CHECK(refused.diagnostics[0].message.starts_with("properties-file '../cluster.properties' is outside the scenario's folder"));
    auto absolute = nested / "absolute.yaml";
    std::ofstream(absolute) << "cluster:\n  properties-file: " << props.string() << "\n";
    LoadResult read = load_scenario(absolute);
    INFO(report(read));
    REQUIRE(read.ok());
    CHECK(read.scenario->cluster.properties.get_int("num.partitions") == 4);
}

TEST_CASE("invisible characters in a message are written as escapes, never printed raw") {
    LoadResult result = load_scenario_text("\"na\\u202Eme\": x\n", "bidi.yaml");
    REQUIRE_FALSE(result.ok());
    const std::string shown = result.diagnostics.front().to_string();
    CHECK(shown.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(shown.find("na\\u{202E}me") != std::string::npos);
}

TEST_CASE("names may not hide characters, prose may join letters") {
    CHECK_FALSE(load_scenario_text("name: \"lesson\\u2066\"\n", "x.yaml").ok());
    CHECK(load_scenario_text("name: lesson\ndescription: \"a \\u200D joined word\"\n", "x.yaml").ok());
    CHECK_FALSE(load_scenario_text("name: lesson\ndescription: \"a \\u202E reversed word\"\n", "x.yaml").ok());
}
