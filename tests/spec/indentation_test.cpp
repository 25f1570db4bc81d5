// A wrong indentation gets more than yaml-cpp's "end of map not found": the error names
// the key whose indentation is off and the indentation of its siblings.
#include "scenarios/spec/indentation_hint.h"
#include "spec_helpers.h"

using namespace kafkalab::scenarios;
using kafkalab::scenarios::testing::load_bad_text;

TEST_CASE("a key indented less than its siblings is named with the siblings' indentation") {
    const std::string report = load_bad_text(R"(name: x
cluster:
  brokers: 3
 properties: {num.partitions: 3}
duration: 10s
)");
    INFO(report);
    CHECK(report.find("test.yaml:4:2: error: malformed YAML: 'properties' is indented 1 space, matching none of "
                      "the keys above it: its siblings are indented 2 spaces (like 'brokers', line 3)") !=
          std::string::npos);
}

TEST_CASE("a key indented deeper than the entry it belongs to is named") {
    const std::string report = load_bad_text(R"(name: x
duration: 10s
topics:
  - name: t
     partitions: 3
)");
    INFO(report);
    CHECK(report.find("test.yaml:5:6: error: malformed YAML: 'partitions' is indented 5 spaces, deeper than the "
                      "line above allows; its siblings are indented 4 spaces (like 'name', line 4)") !=
          std::string::npos);
}

TEST_CASE("consistent indentation, flow collections and block scalars give no hint") {
    CHECK_FALSE(detail::find_misindented_line(R"(name: x
description: >
  A text
    indented freely.
cluster:
  brokers: 3
  properties: {a: 1,
     b: 2}
topics:
  - name: t
    partitions: 3
  - {name: u}
faults:
- {at: 1s, crash: broker-1}
)"));
}
