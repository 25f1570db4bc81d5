#pragma once
// An append-only sequence stored in fixed-size chunks: appending never moves what is
// already there. The run-long record of every send (the ledger) grows to millions of
// entries; a std::vector would copy all of them
// at each doubling and briefly hold both copies, which made growth the largest cost of
// a long run. References to elements stay valid for the container's life.
#include <cassert>
#include <compare>
#include <cstddef>
#include <iterator>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace kafkalab::kafka {

template <typename T, std::size_t chunk_size = 1024>
class ChunkedVector {
    template <typename Owner, typename Value>
    class Iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = Value*;
        using reference = Value&;

        Iterator() = default;
        Iterator(Owner* owner, std::size_t index) : owner_(owner), index_(index) {}

        reference operator*() const { return (*owner_)[index_]; }
        pointer operator->() const { return &(*owner_)[index_]; }
        reference operator[](difference_type n) const { return (*owner_)[index_ + n]; }
        Iterator& operator++() { ++index_; return *this; }
        Iterator operator++(int) { Iterator old = *this; ++index_; return old; }
        Iterator& operator--() { --index_; return *this; }
        Iterator operator--(int) { Iterator old = *this; --index_; return old; }
        Iterator& operator+=(difference_type n) { index_ += n; return *this; }
        Iterator& operator-=(difference_type n) { index_ -= n; return *this; }
        friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
        friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
        friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const Iterator& a, const Iterator& b) {
            return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
        }
        friend bool operator==(const Iterator& a, const Iterator& b) { return a.index_ == b.index_; }
        friend auto operator<=>(const Iterator& a, const Iterator& b) { return a.index_ <=> b.index_; }

    private:
        Owner* owner_ = nullptr;
        std::size_t index_ = 0;
    };

public:
    using value_type = T;
    using size_type = std::size_t;
    using iterator = Iterator<ChunkedVector, T>;
    using const_iterator = Iterator<const ChunkedVector, const T>;

    ChunkedVector() = default;
    ChunkedVector(const ChunkedVector& other) {
        for (const T& element : other) emplace_back(element);
    }
    ChunkedVector(ChunkedVector&& other) noexcept
        : chunks_(std::move(other.chunks_)), size_(std::exchange(other.size_, 0)) {}
    ChunkedVector& operator=(ChunkedVector other) noexcept {
        std::swap(chunks_, other.chunks_);
        std::swap(size_, other.size_);
        return *this;
    }
    ~ChunkedVector() { clear(); }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    T& operator[](std::size_t i) {
        assert(i < size_);
        return slot(i);
    }
    const T& operator[](std::size_t i) const {
        assert(i < size_);
        return const_cast<ChunkedVector*>(this)->slot(i);
    }
    T& back() { return (*this)[size_ - 1]; }
    const T& back() const { return (*this)[size_ - 1]; }
    T& front() { return (*this)[0]; }
    const T& front() const { return (*this)[0]; }

    template <typename... Args>
    T& emplace_back(Args&&... args) {
        if (size_ == chunks_.size() * chunk_size) chunks_.emplace_back(new Storage[chunk_size]);
        T* element = new (&slot(size_)) T(std::forward<Args>(args)...);
        ++size_;
        return *element;
    }
    void push_back(T value) { emplace_back(std::move(value)); }

    void clear() {
        for (std::size_t i = 0; i < size_; ++i) slot(i).~T();
        size_ = 0;
        chunks_.clear();
    }

    iterator begin() { return {this, 0}; }
    iterator end() { return {this, size_}; }
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size_}; }

private:
    // Raw storage: a chunk's elements are constructed one by one as they are appended.
    struct Storage {
        alignas(T) unsigned char bytes[sizeof(T)];
    };

    T& slot(std::size_t i) {
        return *std::launder(reinterpret_cast<T*>(chunks_[i / chunk_size][i % chunk_size].bytes));
    }

    std::vector<std::unique_ptr<Storage[]>> chunks_;
    std::size_t size_ = 0;
};

}  // namespace kafkalab::kafka
