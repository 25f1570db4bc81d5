#pragma once
// Asynchronous work that runs itself again: the next item of a sequence once the
// previous item's callback arrives, or the same item after a retry timer. A step that
// captured a strong pointer to itself would own itself forever; here only the pending
// callbacks and timers that will run it again keep it alive, so it is freed as soon as
// nothing can run it any more.
#include <functional>
#include <memory>
#include <utility>

namespace kafkalab::kafka {

/// Returns a function that runs `body(again, args...)`, where `again` runs the body once
/// more, with new arguments. Capture `again` by value in whatever callback or timer
/// continues the work.
template <class... Args, class Body>
std::function<void(Args...)> recurring_step(Body body) {
    using Step = std::function<void(Args...)>;
    auto step = std::make_shared<Step>();
    *step = [weak = std::weak_ptr<Step>(step), body = std::move(body)](Args... args) mutable {
        // Whoever runs the step holds it, so the lock succeeds; `again` keeps it alive
        // for the rest of this run even if that holder goes away meanwhile.
        Step again = [self = weak.lock()](Args... next) { (*self)(std::move(next)...); };
        body(again, std::move(args)...);
    };
    return [step](Args... args) { (*step)(std::move(args)...); };
}

}  // namespace kafkalab::kafka
