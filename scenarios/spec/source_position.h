#pragma once
// Where an item of a scenario was written (1-based), for messages at load and at run time.
namespace kafkalab::scenarios {

/// {0, 0} for items filled in by default or made outside a file (the viewer's live faults).
struct SourcePosition {
    int line = 0;
    int column = 0;
    bool operator==(const SourcePosition&) const = default;
};

}  // namespace kafkalab::scenarios
