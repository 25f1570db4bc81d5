#pragma once
// Joining asynchronous work: every ZooKeeper read, request fan-out or tool query here
// completes through a callback, and often several must finish before the next step.
#include <cstddef>
#include <functional>
#include <memory>

namespace kafkalab::kafka {

/// Returns a callback to call once per finished piece of work; `then` runs when it has
/// been called `count` times. With count 0, `then` runs at once.
inline std::function<void()> after_all(std::size_t count, std::function<void()> then) {
    if (count == 0) {
        then();
        return [] {};
    }
    auto remaining = std::make_shared<std::size_t>(count);
    return [remaining, then = std::move(then)] {
        if (--*remaining == 0) then();
    };
}

}  // namespace kafkalab::kafka
