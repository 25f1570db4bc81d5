// Peer for the message-passing workload: SimGrid S4U on a 100-host cluster platform.
// Each host runs a sender that puts 10,000 messages of 100 bytes, one at a time (put
// blocks until the transfer completes, so one is outstanding per sender), into the
// mailbox of a uniformly random other host, and a receiver that takes from its own
// mailbox. Prints messages delivered per wall second.
//
// Usage: simgrid_mailboxes [messages-per-sender]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <fstream>
#include <string>

#include <simgrid/s4u.hpp>

#include "bench/result_line.h"

namespace sg4 = simgrid::s4u;

namespace {

constexpr int hosts = 100;
constexpr std::uint64_t message_bytes = 100;
int messages_per_sender = 10'000;
int payload = 0;

/// A flat cluster like the simulated network's default star: one link per host to a
/// backbone, 1 Gb/s class links, microsecond latencies.
std::string write_platform() {
    std::string path = "/tmp/kafkalab-simgrid-cluster-" + std::to_string(::getpid()) + ".xml";
    std::ofstream file(path);
    file << "<?xml version='1.0'?>\n"
            "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
            "<platform version=\"4.1\">\n"
            "  <cluster id=\"cluster\" prefix=\"host-\" suffix=\"\" radical=\"0-"
         << hosts - 1
         << "\" speed=\"1Gf\" bw=\"125MBps\" lat=\"50us\" bb_bw=\"2.25GBps\" bb_lat=\"500us\"/>\n"
            "</platform>\n";
    return path;
}

void sender(int self, unsigned seed) {
    std::uint64_t state = seed;
    for (int i = 0; i < messages_per_sender; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        int to = static_cast<int>((state >> 33) % (hosts - 1));
        if (to >= self) ++to;  // never itself
        sg4::Mailbox::by_name("mailbox-" + std::to_string(to))->put(&payload, message_bytes);
    }
}

void receiver(int self) {
    auto* mailbox = sg4::Mailbox::by_name("mailbox-" + std::to_string(self));
    for (;;) mailbox->get<int>();
}

}  // namespace

int main(int argc, char** argv) {
    sg4::Engine engine(&argc, argv);
    if (argc > 1) messages_per_sender = std::atoi(argv[1]);
    std::string platform = write_platform();
    engine.load_platform(platform);
    std::remove(platform.c_str());
    for (int i = 0; i < hosts; ++i) {
        auto* host = sg4::Host::by_name("host-" + std::to_string(i));
        sg4::Actor::create("receiver-" + std::to_string(i), host, receiver, i)->daemonize();
        sg4::Actor::create("sender-" + std::to_string(i), host, sender, i, static_cast<unsigned>(i + 1));
    }
    auto start = std::chrono::steady_clock::now();
    engine.run();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double messages = static_cast<double>(hosts) * messages_per_sender;
    std::printf("SimGrid S4U: %.0f messages in %.2f s wall: %.2f M messages/s\n", messages, seconds,
                messages / seconds / 1e6);
    kafkalab::bench::print_result("network messages", "SimGrid 3.32 S4U", messages / seconds, "messages/s");
    return 0;
}
