#include <catch2/catch.hpp>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/heap_populator.h"

using kafkalab::sim::HeapPopulator;

#if defined(__SANITIZE_ADDRESS__)
TEST_CASE("under AddressSanitizer's allocator the heap populator stays off") {
    CHECK_FALSE(HeapPopulator::enable());
    CHECK_FALSE(HeapPopulator::enabled());
    // Nor does it rerun the program: this returns.
    char program_name[] = "env";
    char* argv[] = {program_name, nullptr};
    HeapPopulator::rerun_with_huge_page_heap("/usr/bin/env", argv);
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

/// What a child process prints when it asks to be rerun with a huge-page heap, with
/// GLIBC_TUNABLES and KAFKALAB_HEAP_POPULATE as given (null: unset). The rerun is
/// /usr/bin/env, which lists its environment; a child that goes on prints "went on".
std::string rerun_output(const char* tunables, const char* populate_setting, const char* preload = nullptr) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        auto set_or_unset = [](const char* name, const char* value) {
            if (value) {
                setenv(name, value, 1);
            } else {
                unsetenv(name);
            }
        };
        set_or_unset("GLIBC_TUNABLES", tunables);
        set_or_unset("KAFKALAB_HEAP_POPULATE", populate_setting);
        set_or_unset("LD_PRELOAD", preload);
        char program_name[] = "env";
        char* argv[] = {program_name, nullptr};
        HeapPopulator::rerun_with_huge_page_heap("/usr/bin/env", argv);
        constexpr char went_on[] = "went on\n";
        [[maybe_unused]] auto written = write(STDOUT_FILENO, went_on, sizeof went_on - 1);
        _exit(0);
    }
    close(fds[1]);
    std::string output;
    char buffer[4096];
    for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) output.append(buffer, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    return output;
}

}  // namespace

TEST_CASE("a program is rerun once with glibc's malloc heap in huge pages") {
    const std::string plain = rerun_output(nullptr, nullptr);
    CHECK(plain.find("GLIBC_TUNABLES=glibc.malloc.hugetlb=1\n") != std::string::npos);
    CHECK(plain.find("went on") == std::string::npos);
    // The user's other tunables are kept.
    const std::string with_other = rerun_output("glibc.malloc.arena_max=2", nullptr);
    CHECK(with_other.find("GLIBC_TUNABLES=glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1\n") != std::string::npos);
}

TEST_CASE("a program whose environment already sets glibc.malloc.hugetlb goes on without a rerun") {
    CHECK(rerun_output("glibc.malloc.hugetlb=0", nullptr) == "went on\n");
}

TEST_CASE("KAFKALAB_HEAP_POPULATE=0 also keeps the program from being rerun") {
    CHECK(rerun_output(nullptr, "0") == "went on\n");
}

TEST_CASE("a program under a preloaded tool such as valgrind is not rerun") {
    // Under valgrind, exec of /proc/self/exe would start valgrind's tool binary alone.
    CHECK(rerun_output(nullptr, nullptr, "/nonexistent/vgpreload_core-amd64-linux.so") == "went on\n");
}

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
