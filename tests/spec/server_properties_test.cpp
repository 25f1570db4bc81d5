// A cluster built from a real broker's server.properties (issue 26, "Building a
// scenario"): keys Kafka knows but the lab does not model load with a warning each,
// real ZooKeeper host names map onto the scenario's nodes through `aliases`, and every
// message about a key of the file points at the file's line.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "spec_helpers.h"

using namespace kafkalab::scenarios;
using kafkalab::scenarios::testing::report;

namespace {

const std::string production = std::string(KAFKALAB_TEST_DATA) + "/good/production";

bool has(const LoadResult& result, const std::string& diagnostic) {
    return std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                       [&](const Diagnostic& d) { return d.to_string() == diagnostic; });
}

/// A scenario next to the production server.properties, in a folder of its own.
std::filesystem::path scenario_beside_file(const std::string& name, const std::string& text) {
    auto dir = std::filesystem::temp_directory_path() / "kafkalab-server-properties-test";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(production + "/server.properties", dir / "server.properties",
                               std::filesystem::copy_options::overwrite_existing);
    std::ofstream(dir / name) << text;
    return dir / name;
}

}  // namespace

TEST_CASE("a rack-outage scenario loads a production server.properties with warnings at the file's lines") {
    LoadResult result = load_scenario(production + "/rack-outage.yaml");
    INFO(report(result));
    REQUIRE(result.ok());
    const std::string file = std::filesystem::path(production + "/server.properties").lexically_normal().string();
    CHECK(has(result, file + ":20:1: warning: ssl.keystore.location: recognised, not modelled (a Kafka broker key "
                             "the simulation has no part for); ignored"));
    CHECK(has(result, file + ":26:1: warning: authorizer.class.name: recognised, not modelled (a Kafka broker key "
                             "the simulation has no part for); ignored"));
    CHECK(has(result, file + ":9:1: warning: listener 'SSL://:9093' uses SSL, which kafkalab does not model: it is "
                             "served as a plaintext listener (no TLS, no SASL)"));
    CHECK(has(result, file + ":6:1: warning: broker.rack 'rack-b' is overridden by the scenario: each broker's rack "
                             "is its own `rack:` (none when it has no `rack:`)"));
    for (const auto& d : result.diagnostics) CHECK(d.severity == Severity::warning);

    const Scenario& s = *result.scenario;
    REQUIRE(s.cluster.brokers.size() == 6);
    // The file's settings apply to every broker; its broker.id and broker.rack do not.
    for (const auto& b : s.cluster.brokers) {
        CHECK(b.properties.get_int("min.insync.replicas") == 2);
        CHECK(b.properties.get_int("default.replication.factor") == 3);
        CHECK(b.properties.get_int("broker.id") == b.id.value);
        CHECK_FALSE(b.properties.contains("ssl.keystore.location"));
        CHECK(b.port == 9092);  // the first listener's
    }
    CHECK(s.cluster.brokers[0].rack == "rack-a");
    CHECK(s.cluster.brokers[0].properties.get_string("broker.rack") == "rack-a");
    CHECK(s.cluster.brokers[5].rack == "rack-c");
    CHECK(s.cluster.zookeeper.aliases ==
          std::vector<std::string>{"zk-a.prod.example.com", "zk-b.prod.example.com", "zk-c.prod.example.com"});
}

TEST_CASE("a real zookeeper.connect without aliases is an error at the file's line that says how to map it") {
    auto path = scenario_beside_file("no-aliases.yaml", "cluster:\n  zookeeper: 3\n  properties-file: server.properties\n"
                                                        "  brokers: 3\n");
    LoadResult result = load_scenario(path);
    INFO(report(result));
    CHECK_FALSE(result.ok());
    const std::string file = (path.parent_path() / "server.properties").lexically_normal().string();
    CHECK(has(result, file + ":54:1: error: zookeeper.connect names 'zk-a.prod.example.com:2181', but the ZooKeeper "
                             "nodes are zk-1 to zk-3 on port 2181 (localhost:2181 is zk-1; give the real host names "
                             "as cluster.zookeeper.aliases to map them)"));
    std::filesystem::remove_all(path.parent_path());
}

TEST_CASE("zookeeper aliases must be distinct host names, one per node at most") {
    auto too_many = load_scenario_text("cluster:\n  zookeeper: {nodes: 1, aliases: [a.example.com, b.example.com]}\n",
                                       "a.yaml");
    REQUIRE(too_many.diagnostics.size() == 1);
    CHECK(too_many.diagnostics[0].to_string() ==
          "a.yaml:2:34: error: zookeeper aliases names 2 hosts, but there are 1 ZooKeeper nodes (one alias per node, "
          "in order)");
    auto clash = load_scenario_text("cluster:\n  zookeeper: {nodes: 3, aliases: [zk-2, x.example.com]}\n", "b.yaml");
    REQUIRE(clash.diagnostics.size() == 1);
    CHECK(clash.diagnostics[0].message ==
          "zookeeper aliases must be distinct host names other than localhost and zk-N; found 'zk-2'");
}

TEST_CASE("inline properties: an unmodelled key and a third-party key warn at their own line and are dropped") {
    auto result = load_scenario_text("cluster:\n"
                                     "  properties:\n"
                                     "    super.users: \"User:admin\"\n"
                                     "    datadog.tags: \"env:prod\"\n"
                                     "    listeners: \"SASL_SSL://:9094\"\n"
                                     "  brokers:\n"
                                     "    - {id: 1, rack: rack-a, properties: {broker.rack: rack-z}}\n",
                                     "inline.yaml");
    INFO(report(result));
    REQUIRE(result.ok());
    CHECK(has(result, "inline.yaml:3:5: warning: super.users: recognised, not modelled (a Kafka broker key the "
                      "simulation has no part for); ignored"));
    CHECK(has(result, "inline.yaml:4:5: warning: datadog.tags: not a Kafka key (its prefix 'datadog.' belongs to a "
                      "plugin or another product); a Kafka broker logs it as unused, and it is ignored"));
    CHECK(has(result, "inline.yaml:5:5: warning: listener 'SASL_SSL://:9094' uses SASL_SSL, which kafkalab does not "
                      "model: it is served as a plaintext listener (no TLS, no SASL)"));
    CHECK(has(result, "inline.yaml:7:42: warning: broker.rack 'rack-z' is overridden by this broker's rack: 'rack-a'"));
    const auto& broker = result.scenario->cluster.brokers.at(0);
    CHECK_FALSE(broker.properties.contains("super.users"));
    CHECK(broker.rack == "rack-a");
    CHECK(broker.port == 9094);
}
