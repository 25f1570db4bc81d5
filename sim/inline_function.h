#pragma once
// A move-only callable that keeps closures of up to `inline_size` bytes in itself.
// std::function puts any closure that is not trivially copyable, or larger than 16
// bytes, on the heap; events (sim::Callback) and request callbacks are created and
// fired millions of times per second, and their usual closures (`this`, a shared
// message pointer, a few integers) would each cost a malloc and a free.
#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace kafkalab::sim {

template <class Signature, std::size_t InlineSize = 48>
class InlineFunction;

template <class R, class... Args, std::size_t InlineSize>
class InlineFunction<R(Args...), InlineSize> {
public:
    static constexpr std::size_t inline_size = InlineSize;

    InlineFunction() = default;
    InlineFunction(std::nullptr_t) {}  // NOLINT(google-explicit-constructor)

    template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, InlineFunction> &&
                                                std::is_invocable_r_v<R, std::decay_t<F>&, Args...>>>
    InlineFunction(F&& f) {  // NOLINT(google-explicit-constructor): closures convert implicitly
        using Fn = std::decay_t<F>;
        if constexpr (stored_inline<Fn>) {
            ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(f));
            ops_ = &inline_ops<Fn>;
        } else {
            *reinterpret_cast<Fn**>(storage_) = new Fn(std::forward<F>(f));
            ops_ = &heap_ops<Fn>;
        }
    }

    InlineFunction(InlineFunction&& other) noexcept { take(other); }
    InlineFunction& operator=(InlineFunction&& other) noexcept {
        if (this != &other) {
            reset();
            take(other);
        }
        return *this;
    }
    InlineFunction(const InlineFunction&) = delete;
    InlineFunction& operator=(const InlineFunction&) = delete;
    ~InlineFunction() { reset(); }

    explicit operator bool() const { return ops_ != nullptr; }
    R operator()(Args... args) { return ops_->invoke(storage_, std::forward<Args>(args)...); }

    void reset() {
        if (ops_) {
            if (ops_->destroy) ops_->destroy(storage_);
            ops_ = nullptr;
        }
    }

    /// True if a closure of type Fn lives in the object itself (no allocation).
    template <class Fn>
    static constexpr bool stored_inline = sizeof(Fn) <= InlineSize && alignof(Fn) <= alignof(std::max_align_t) &&
                                          std::is_nothrow_move_constructible_v<Fn>;

private:
    /// A null `move` means the callable relocates by copying its bytes, and a null
    /// `destroy` that it needs no destructor. Events move their callback twice (into
    /// the queue, out when firing); for the common closures of pointers and integers a
    /// 48-byte copy is much cheaper than two indirect calls.
    struct Ops {
        R (*invoke)(void*, Args&&...);
        void (*move)(void* from, void* to);  // leaves `from` destroyed
        void (*destroy)(void*);
    };

    template <class Fn>
    static constexpr bool trivial_v = std::is_trivially_copyable_v<Fn> && std::is_trivially_destructible_v<Fn>;

    template <class Fn>
    static constexpr Ops inline_ops{
        [](void* p, Args&&... args) -> R { return (*static_cast<Fn*>(p))(std::forward<Args>(args)...); },
        trivial_v<Fn> ? nullptr
                      : +[](void* from, void* to) {
                            ::new (to) Fn(std::move(*static_cast<Fn*>(from)));
                            static_cast<Fn*>(from)->~Fn();
                        },
        trivial_v<Fn> ? nullptr : +[](void* p) { static_cast<Fn*>(p)->~Fn(); },
    };

    // Too big for the buffer: the buffer holds only the pointer, which relocates by copying.
    template <class Fn>
    static constexpr Ops heap_ops{
        [](void* p, Args&&... args) -> R { return (**static_cast<Fn**>(p))(std::forward<Args>(args)...); },
        nullptr,
        [](void* p) { delete *static_cast<Fn**>(p); },
    };

    void take(InlineFunction& other) noexcept {
        if (other.ops_) {
            if (other.ops_->move) {
                other.ops_->move(other.storage_, storage_);
            } else {
                std::memcpy(storage_, other.storage_, InlineSize);
            }
            ops_ = other.ops_;
            other.ops_ = nullptr;
        }
    }

    alignas(std::max_align_t) unsigned char storage_[InlineSize];
    const Ops* ops_ = nullptr;
};

}  // namespace kafkalab::sim
