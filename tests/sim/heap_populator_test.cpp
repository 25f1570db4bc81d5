#include <catch2/catch.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/heap_populator.h"

using kafkalab::sim::HeapPopulator;

#if defined(__SANITIZE_ADDRESS__)
TEST_CASE("under AddressSanitizer's allocator the heap populator stays off") {
    CHECK_FALSE(HeapPopulator::enable());
    CHECK_FALSE(HeapPopulator::enabled());
}
#else
namespace {

/// How many of the pages under [begin, begin + size) are resident.
std::size_t resident_pages(const char* begin, std::size_t size) {
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const std::uintptr_t first = reinterpret_cast<std::uintptr_t>(begin) & ~(page - 1);
    const std::uintptr_t last = reinterpret_cast<std::uintptr_t>(begin) + size;
    std::vector<unsigned char> flags((last - first + page - 1) / page);
    REQUIRE(mincore(reinterpret_cast<void*>(first), last - first, flags.data()) == 0);
    std::size_t resident = 0;
    for (unsigned char flag : flags) resident += flag & 1;
    return resident;
}

}  // namespace

TEST_CASE("the heap populator faults the heap's growth in before the program writes it") {
    REQUIRE(HeapPopulator::enable(std::size_t{8} << 20));
    HeapPopulator::poll();
    // Data already in the heap must come through untouched.
    std::vector<char> earlier(1 << 20, 'k');
    const std::size_t before = HeapPopulator::populated_bytes();

    // Below the 32 MiB mmap threshold it sets, so the block comes from the heap; new[]
    // of char writes nothing, so only the populator can have faulted these pages in.
    constexpr std::size_t size = std::size_t{24} << 20;
    std::unique_ptr<char[]> block(new char[size]);
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    CHECK(resident_pages(block.get(), size) < size / page / 2);
    HeapPopulator::poll();

    CHECK(HeapPopulator::populated_bytes() >= before + size);
    CHECK(resident_pages(block.get(), size) >= size / page);
    CHECK(std::all_of(earlier.begin(), earlier.end(), [](char c) { return c == 'k'; }));
}
#endif
