#pragma once
// The TCP side of `kafkalab serve`: one listening socket per simulated broker on
// consecutive ports, the connections real clients open to them, and Kafka's framing
// (a 4-byte big-endian size before every request and response). Non-blocking,
// driven by poll(2) from the serve loop; knows nothing of the simulation.
//
// What a connection may hold is bounded as Kafka's SocketServer bounds it
// (SocketLimits): a frame whose size is negative or above socket.request.max.bytes
// closes its connection, as a broker does, and no other connection notices; a
// connection is muted after each request until it is answered (Kafka's Selector
// mutes a channel the same way), so pipelined requests wait in the client's socket,
// not here, and at most queued.max.requests connections have a request waiting; a
// connection idle for connections.max.idle.ms is closed. When accept() fails for want
// of file descriptors (EMFILE), the listeners rest for accept_backoff and one
// `notice` event says so, instead of a loop that spins on a readable listener.
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace kafkalab::scenarios {

using ConnectionId = std::uint64_t;

/// Kafka's defaults (kafka.server.KafkaConfig), which the scenario may lower.
struct SocketLimits {
    std::int32_t max_frame_bytes = 104'857'600;         // socket.request.max.bytes
    std::size_t queued_max_requests = 500;               // queued.max.requests
    std::chrono::milliseconds max_idle{600'000};         // connections.max.idle.ms
    std::chrono::milliseconds accept_backoff{100};       // after EMFILE
};

struct SocketEvent {
    enum class Kind { accepted, frame, closed, notice };
    Kind kind = Kind::frame;
    ConnectionId connection = 0;
    std::size_t listener = 0;  // which broker's port
    std::string frame;         // a request, without its size (frame events)
    std::string peer;          // "127.0.0.1:53412" (accepted events)
    std::string reason;        // why it closed (closed events), what happened (notice events)
};

class WireSockets {
public:
    /// Binds `ports` (one per broker, in order) on `host`. Throws std::runtime_error naming
    /// the address when one cannot be bound (in use, no such address).
    WireSockets(std::string host, std::vector<std::uint16_t> ports, SocketLimits limits = {});
    ~WireSockets();
    WireSockets(const WireSockets&) = delete;
    WireSockets& operator=(const WireSockets&) = delete;

    /// Opens or closes listener `index`'s port: a crashed broker refuses connections.
    void set_listening(std::size_t index, bool listening);
    bool listening(std::size_t index) const { return listeners_[index].fd >= 0; }
    std::uint16_t port(std::size_t index) const { return ports_[index]; }
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
    /// Reads the connection's next request: its last one has been answered.
    void unmute(ConnectionId connection);
    std::size_t connection_count() const { return connections_.size(); }
    /// Connections with a request taken and not yet answered.
    std::size_t muted_count() const { return muted_; }
    /// Bytes read from the connection and not yet handed out as a frame.
    std::size_t buffered_bytes(ConnectionId connection) const;
    const SocketLimits& limits() const { return limits_; }

private:
    struct Listener {
        int fd = -1;
    };
    using Clock = std::chrono::steady_clock;
    struct Connection {
        int fd = -1;
        std::size_t listener = 0;
        std::string input;
        std::deque<std::string> output;
        std::size_t output_offset = 0;  // into output.front()
        bool closing = false;
        bool muted = false;  // a request was taken and is not answered yet
        Clock::time_point last_active{};
    };

    void open_listener(std::size_t index);
    void accept_all(std::size_t index, std::vector<SocketEvent>& events);
    /// False once the connection closed (the event is then in `events`).
    bool read_from(ConnectionId id, Connection& connection, std::vector<SocketEvent>& events);
    /// Hands out the connection's next complete request, if it has one, and mutes it.
    /// False once the connection closed (a frame size out of bounds).
    bool take_frame(ConnectionId id, Connection& connection, std::vector<SocketEvent>& events);
    /// Whether the input already holds a whole request (or a size out of bounds).
    bool has_frame(const Connection& connection) const;
    void close_idle(std::vector<SocketEvent>& events);
    bool accepting() const { return Clock::now() >= accept_resumes_; }
    bool write_to(ConnectionId id, Connection& connection, std::vector<SocketEvent>& events);
    void drop(ConnectionId id, std::string reason, std::vector<SocketEvent>& events);

    std::string host_;
    std::vector<std::uint16_t> ports_;
    SocketLimits limits_;
    std::size_t muted_ = 0;
    /// Listeners rest until then after accept() ran out of file descriptors.
    Clock::time_point accept_resumes_{};
    bool accept_failing_ = false;  // the notice is given once per shortage
    std::vector<Listener> listeners_;
    std::map<ConnectionId, Connection> connections_;
    ConnectionId next_id_ = 1;
    /// Closes noticed outside poll() (a write from send()), reported by the next poll.
    std::vector<SocketEvent> pending_events_;
};

}  // namespace kafkalab::scenarios
