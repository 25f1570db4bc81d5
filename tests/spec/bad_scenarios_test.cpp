// The corpus of bad scenario files: each one's first line says the diagnostic it must
// produce, as "# expect: <line>:<column>: <start of the message>".
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "spec_helpers.h"

using namespace kafkalab::scenarios;
using kafkalab::scenarios::testing::report;

namespace {

struct Expectation {
    std::string position;  // "12:7"
    std::string message;
};

Expectation expectation_of(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string first;
    std::getline(in, first);
    const std::string marker = "# expect: ";
    REQUIRE(first.starts_with(marker));
    std::string rest = first.substr(marker.size());
    std::size_t second_colon = rest.find(':', rest.find(':') + 1);
    REQUIRE(second_colon != std::string::npos);
    return {rest.substr(0, second_colon), rest.substr(second_colon + 2)};
}

std::vector<std::filesystem::path> corpus() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(KAFKALAB_TEST_DATA "/bad")) {
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("the bad scenario corpus has at least 25 files") { CHECK(corpus().size() >= 25); }

TEST_CASE("every bad scenario file is refused with the error its first line promises") {
    for (const auto& file : corpus()) {
        DYNAMIC_SECTION(file.filename().string()) {
            Expectation expected = expectation_of(file);
            LoadResult result = load_scenario(file);
            INFO(report(result));
            CHECK_FALSE(result.ok());
            std::string wanted = file.string() + ":" + expected.position + ": error: " + expected.message;
            bool found = std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [&](const Diagnostic& d) {
                return d.to_string().starts_with(wanted);
            });
            INFO("wanted: " << wanted);
            CHECK(found);
        }
    }
}

TEST_CASE("several mistakes in one file are all reported in line order") {
    auto result = load_scenario_text("name: many\n"
                                     "duration: forever\n"
                                     "topics:\n"
                                     "  - {name: t, partitions: -1}\n"
                                     "  - {name: u, replication-factor: 2}\n",
                                     "many.yaml");
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.diagnostics.size() == 3);
    CHECK(result.diagnostics[0].to_string() ==
          "many.yaml:2:11: error: duration must be a duration with a unit, such as 250ms, 3s or 1m; found 'forever'");
    CHECK(result.diagnostics[1].to_string() ==
          "many.yaml:4:27: error: partitions must be a whole number from 1 to 10000; found '-1'");
    CHECK(result.diagnostics[2].to_string() ==
          "many.yaml:5:35: error: replication-factor 2 is larger than the number of brokers (1)");
}

TEST_CASE("warnings do not refuse a scenario but are reported") {
    auto result = load_scenario_text("cluster: {brokers: 2}\n"
                                     "topics: [{name: t, replication-factor: 2, configs: {min.insync.replicas: 3}}]\n"
                                     "consumers: [{name: c, topics: [t]}]\n"
                                     "faults:\n"
                                     "  - {at: 5s, restart: broker-1}\n",
                                     "warn.yaml");
    INFO(report(result));
    REQUIRE(result.ok());
    REQUIRE(result.diagnostics.size() == 3);
    CHECK(result.diagnostics[0].to_string() ==
          "warn.yaml:2:17: warning: min.insync.replicas (3) is larger than replication-factor (2): every acks=all "
          "write to 't' will fail");
    CHECK(result.diagnostics[1].to_string().starts_with(
        "warn.yaml:3:13: warning: offsets.topic.replication.factor is 3 but the cluster has 2 broker(s)"));
    CHECK(result.diagnostics[2].to_string() == "warn.yaml:5:5: warning: restart of broker-1 at 5s, but it is running then");
}

TEST_CASE("a properties-file problem is reported at the properties file's own line") {
    auto dir = std::filesystem::temp_directory_path() / "kafkalab-spec-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "broken.properties") << "num.partitions=1\nacks=all\n";
    auto result = load_scenario_text("cluster: {properties-file: broken.properties}\n", "s.yaml", dir);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].to_string() == (dir / "broken.properties").string() +
                                                   ":2:1: error: 'acks' is a producer config key, not a "
                                                   "server.properties key");
    std::filesystem::remove_all(dir);
}
