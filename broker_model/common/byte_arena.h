#pragma once
// Append-only storage for many small byte strings that live as long as their owner:
// the names, keys and values the send ledger keeps. Each string is copied once into a large
// block and handed back as a view; blocks never move, so views stay valid for the
// arena's life, across moves of the arena too. One std::string per entry instead
// would cost 32 bytes of object and, beyond 15 bytes, a heap block of its own.
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace kafkalab::kafka {

class ByteArena {
public:
    ByteArena() = default;
    ByteArena(ByteArena&&) noexcept = default;
    ByteArena& operator=(ByteArena&&) noexcept = default;
    // A copy would hand out views into the original.
    ByteArena(const ByteArena&) = delete;
    ByteArena& operator=(const ByteArena&) = delete;

    /// A stable copy of `bytes`, stored again even if it was stored before.
    std::string_view store(std::string_view bytes) {
        if (bytes.empty()) return {};
        if (bytes.size() > block_bytes / 4) {
            // A large string gets a block of its own, so blocks are not left mostly empty.
            large_.push_back(std::make_unique_for_overwrite<char[]>(bytes.size()));
            std::memcpy(large_.back().get(), bytes.data(), bytes.size());
            return {large_.back().get(), bytes.size()};
        }
        if (blocks_.empty() || used_ + bytes.size() > block_bytes) {
            blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_bytes));
            used_ = 0;
        }
        char* at = blocks_.back().get() + used_;
        std::memcpy(at, bytes.data(), bytes.size());
        used_ += bytes.size();
        return {at, bytes.size()};
    }

    /// Blocks allocated so far, shared and own.
    std::size_t block_count() const { return blocks_.size() + large_.size(); }

private:
    static constexpr std::size_t block_bytes = 64 * 1024;
    std::vector<std::unique_ptr<char[]>> blocks_;  // shared blocks; the last one is open
    std::vector<std::unique_ptr<char[]>> large_;   // one string each
    std::size_t used_ = 0;                         // bytes used of the open block
};

}  // namespace kafkalab::kafka
