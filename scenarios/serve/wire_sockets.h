#pragma once
// The TCP side of `kafkalab serve`: one listening socket per simulated broker on
// consecutive ports, the connections real clients open to them, and Kafka's framing
// (a 4-byte big-endian size before every request and response). Non-blocking,
// driven by poll(2) from the serve loop; knows nothing of the simulation.
//
// A frame whose size is negative or above Kafka's socket.request.max.bytes (100 MiB)
// closes its connection, as a broker does; no other connection notices.
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace kafkalab::scenarios {

using ConnectionId = std::uint64_t;

struct SocketEvent {
    enum class Kind { accepted, frame, closed };
    Kind kind = Kind::frame;
    ConnectionId connection = 0;
    std::size_t listener = 0;  // which broker's port
    std::string frame;         // a request, without its size (frame events)
    std::string peer;          // "127.0.0.1:53412" (accepted events)
    std::string reason;        // why it closed (closed events)
};

class WireSockets {
public:
    static constexpr std::int32_t max_frame_bytes = 104'857'600;  // socket.request.max.bytes

    /// Binds `count` ports from `base_port` on `host`. Throws std::runtime_error naming
    /// the address when one cannot be bound (in use, no such address).
    WireSockets(std::string host, std::uint16_t base_port, std::size_t count);
    ~WireSockets();
    WireSockets(const WireSockets&) = delete;
    WireSockets& operator=(const WireSockets&) = delete;

    /// Opens or closes listener `index`'s port: a crashed broker refuses connections.
    void set_listening(std::size_t index, bool listening);
    bool listening(std::size_t index) const { return listeners_[index].fd >= 0; }
    std::uint16_t port(std::size_t index) const { return static_cast<std::uint16_t>(base_port_ + index); }
    const std::string& host() const { return host_; }

    /// Waits up to `timeout` for sockets to be ready, then accepts, reads and writes
    /// what they allow. Returns what happened, in order.
    std::vector<SocketEvent> poll(std::chrono::milliseconds timeout);
    /// Queues bytes for a connection (written by later polls). Ignored once closed.
    void send(ConnectionId connection, std::string bytes);
    /// Closes at once, unsent bytes dropped (a broker's close, or a crash).
    void close(ConnectionId connection);
    /// Closes once every queued byte is written.
    void close_after_sending(ConnectionId connection);
    std::size_t connection_count() const { return connections_.size(); }

private:
    struct Listener {
        int fd = -1;
    };
    struct Connection {
        int fd = -1;
        std::size_t listener = 0;
        std::string input;
        std::deque<std::string> output;
        std::size_t output_offset = 0;  // into output.front()
        bool closing = false;
    };

    void open_listener(std::size_t index);
    void accept_all(std::size_t index, std::vector<SocketEvent>& events);
    /// False once the connection closed (the event is then in `events`).
    bool read_from(ConnectionId id, Connection& connection, std::vector<SocketEvent>& events);
    bool write_to(ConnectionId id, Connection& connection, std::vector<SocketEvent>& events);
    void drop(ConnectionId id, std::string reason, std::vector<SocketEvent>& events);

    std::string host_;
    std::uint16_t base_port_;
    std::vector<Listener> listeners_;
    std::map<ConnectionId, Connection> connections_;
    ConnectionId next_id_ = 1;
    /// Closes noticed outside poll() (a write from send()), reported by the next poll.
    std::vector<SocketEvent> pending_events_;
};

}  // namespace kafkalab::scenarios
