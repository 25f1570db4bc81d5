#pragma once
// A move-only `void()` callable stored inline when it fits. Events are created and
// fired millions of times per second; std::function would allocate for most of our
// closures (a `this` pointer plus a shared message pointer already exceeds its buffer).
#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace kafkalab::sim {

class Callback {
public:
    static constexpr std::size_t inline_size = 48;

    Callback() = default;

    template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Callback>>>
    Callback(F&& f) {  // NOLINT(google-explicit-constructor): closures convert implicitly
        using Fn = std::decay_t<F>;
        if constexpr (sizeof(Fn) <= inline_size && alignof(Fn) <= alignof(std::max_align_t) &&
                      std::is_nothrow_move_constructible_v<Fn>) {
            ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(f));
            ops_ = &inline_ops<Fn>;
        } else {
            *reinterpret_cast<Fn**>(storage_) = new Fn(std::forward<F>(f));
            ops_ = &heap_ops<Fn>;
        }
    }

    Callback(Callback&& other) noexcept { take(other); }
    Callback& operator=(Callback&& other) noexcept {
        if (this != &other) {
            reset();
            take(other);
        }
        return *this;
    }
    Callback(const Callback&) = delete;
    Callback& operator=(const Callback&) = delete;
    ~Callback() { reset(); }

    explicit operator bool() const { return ops_ != nullptr; }
    void operator()() { ops_->invoke(storage_); }

    void reset() {
        if (ops_) {
            if (ops_->destroy) ops_->destroy(storage_);
            ops_ = nullptr;
        }
    }

private:
    /// A null `move` means the callable may be relocated by copying its bytes, and a
    /// null `destroy` that it needs no destructor. Events move their callback twice
    /// (into the queue, out when firing); for the common closures of pointers and
    /// integers a 48-byte copy is much cheaper than two indirect calls.
    struct Ops {
        void (*invoke)(void*);
        void (*move)(void* from, void* to);  // leaves `from` destroyed
        void (*destroy)(void*);
    };

    template <class Fn>
    static constexpr bool trivial_v = std::is_trivially_copyable_v<Fn> && std::is_trivially_destructible_v<Fn>;

    template <class Fn>
    static constexpr Ops inline_ops{
        [](void* p) { (*static_cast<Fn*>(p))(); },
        trivial_v<Fn> ? nullptr
                      : +[](void* from, void* to) {
                            ::new (to) Fn(std::move(*static_cast<Fn*>(from)));
                            static_cast<Fn*>(from)->~Fn();
                        },
        trivial_v<Fn> ? nullptr : +[](void* p) { static_cast<Fn*>(p)->~Fn(); },
    };

    // A callable too big for the buffer lives on the heap; the buffer holds only its
    // pointer, which relocates by copying.
    template <class Fn>
    static constexpr Ops heap_ops{
        [](void* p) { (**static_cast<Fn**>(p))(); },
        nullptr,
        [](void* p) { delete *static_cast<Fn**>(p); },
    };

    void take(Callback& other) noexcept {
        if (other.ops_) {
            if (other.ops_->move) {
                other.ops_->move(other.storage_, storage_);
            } else {
                std::memcpy(storage_, other.storage_, inline_size);
            }
            ops_ = other.ops_;
            other.ops_ = nullptr;
        }
    }

    alignas(std::max_align_t) unsigned char storage_[inline_size];
    const Ops* ops_ = nullptr;
};

}  // namespace kafkalab::sim
