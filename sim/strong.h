#pragma once
// A value wrapped in a distinct type, so an offset is never passed where an epoch is
// expected. Arithmetic is only what ids and counters need.
#include <compare>
#include <cstddef>
#include <functional>
#include <ostream>

namespace kafkalab {

template <class T, class Tag>
struct Strong {
    T value{};

    constexpr Strong() = default;
    constexpr explicit Strong(T v) : value(v) {}

    constexpr auto operator<=>(const Strong&) const = default;

    constexpr Strong& operator++() { ++value; return *this; }
    constexpr Strong operator+(T delta) const { return Strong(value + delta); }
    constexpr Strong operator-(T delta) const { return Strong(value - delta); }
    constexpr T operator-(Strong other) const { return value - other.value; }
    constexpr Strong& operator+=(T delta) { value += delta; return *this; }

    friend std::ostream& operator<<(std::ostream& out, Strong s) { return out << s.value; }
};

}  // namespace kafkalab

template <class T, class Tag>
struct std::hash<kafkalab::Strong<T, Tag>> {
    std::size_t operator()(kafkalab::Strong<T, Tag> s) const noexcept { return std::hash<T>{}(s.value); }
};
