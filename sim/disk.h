#pragma once
// A node's durable storage, kept by the Simulation apart from the node object. When a
// node crashes its object (all of its memory) is destroyed; the disk stays. A process
// crash keeps everything the OS page cache held; a power loss keeps only what was
// flushed, which each stored object decides in lose_unflushed().
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

namespace kafkalab::sim {

class DurableState {
public:
    virtual ~DurableState() = default;
    /// Power loss: forget everything written since the last flush.
    virtual void lose_unflushed() = 0;
};

class Disk {
public:
    /// The object stored under `key`, created with `args` on first use.
    template <class T, class... Args>
    T& get_or_create(std::string_view key, Args&&... args) {
        static_assert(std::is_base_of_v<DurableState, T>);
        auto it = items_.find(key);
        if (it == items_.end()) {
            it = items_.emplace(std::string(key), std::make_unique<T>(std::forward<Args>(args)...)).first;
        }
        return dynamic_cast<T&>(*it->second);
    }

    template <class T>
    T* find(std::string_view key) const {
        auto it = items_.find(key);
        return it == items_.end() ? nullptr : dynamic_cast<T*>(it->second.get());
    }

    void erase(std::string_view key) {
        auto it = items_.find(key);
        if (it != items_.end()) items_.erase(it);
    }

    void lose_unflushed() {
        for (auto& [key, item] : items_) item->lose_unflushed();
    }

private:
    std::map<std::string, std::unique_ptr<DurableState>, std::less<>> items_;
};

}  // namespace kafkalab::sim
