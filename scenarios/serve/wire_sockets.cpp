#include "scenarios/serve/wire_sockets.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "broker_model/wire/wire_reader.h"

namespace kafkalab::scenarios {

namespace {

void set_non_blocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK); }

}  // namespace

WireSockets::WireSockets(std::string host, std::vector<std::uint16_t> ports, SocketLimits limits)
    : host_(std::move(host)), ports_(std::move(ports)), limits_(limits), listeners_(ports_.size()) {
    for (std::size_t i = 0; i < ports_.size(); ++i) open_listener(i);
}

WireSockets::~WireSockets() {
    for (auto& listener : listeners_) {
        if (listener.fd >= 0) ::close(listener.fd);
    }
    for (auto& [id, connection] : connections_) ::close(connection.fd);
}

void WireSockets::open_listener(std::size_t index) {
    const std::uint16_t listen_port = port(index);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(listen_port);
    if (inet_pton(AF_INET, host_.c_str(), &address.sin_addr) != 1) {
        throw std::runtime_error(fmt::format("--listen {}: not an IPv4 address", host_));
    }
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error(fmt::format("socket: {}", std::strerror(errno)));
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 || listen(fd, 64) != 0) {
        const int error = errno;
        ::close(fd);
        throw std::runtime_error(fmt::format("cannot listen on {}:{}: {}", host_, listen_port, std::strerror(error)));
    }
    set_non_blocking(fd);
    listeners_[index].fd = fd;
}

void WireSockets::set_listening(std::size_t index, bool listening_now) {
    if (listening_now == listening(index)) return;
    if (listening_now) {
        open_listener(index);
    } else {
        ::close(listeners_[index].fd);
        listeners_[index].fd = -1;
    }
}

std::vector<SocketEvent> WireSockets::poll(std::chrono::milliseconds timeout) {
    std::vector<SocketEvent> events = std::move(pending_events_);
    pending_events_.clear();
    // Requests read before their connection was unmuted go first, in connection order.
    std::vector<ConnectionId> ready;
    for (const auto& [id, connection] : connections_) {
        if (!connection.muted && has_frame(connection)) ready.push_back(id);
    }
    for (ConnectionId id : ready) {
        if (muted_ >= limits_.queued_max_requests) break;
        if (auto found = connections_.find(id); found != connections_.end()) take_frame(id, found->second, events);
    }
    if (!events.empty()) timeout = std::chrono::milliseconds(0);

    std::vector<pollfd> fds;
    std::vector<std::size_t> listener_of;  // per fds entry before the connections
    const auto now = Clock::now();
    if (accepting()) {
        for (std::size_t i = 0; i < listeners_.size(); ++i) {
            if (listeners_[i].fd < 0) continue;
            fds.push_back({listeners_[i].fd, POLLIN, 0});
            listener_of.push_back(i);
        }
    } else {
        // Resting after EMFILE: wake when the listeners may try again, not before.
        timeout = std::min(timeout, std::chrono::ceil<std::chrono::milliseconds>(accept_resumes_ - now));
    }
    const bool reading = muted_ < limits_.queued_max_requests;
    std::vector<ConnectionId> connection_of;
    for (const auto& [id, connection] : connections_) {
        const bool wants_input = reading && !connection.muted && !has_frame(connection);
        const short wanted = static_cast<short>((wants_input ? POLLIN : 0) | (connection.output.empty() ? 0 : POLLOUT));
        fds.push_back({connection.fd, wanted, 0});
        connection_of.push_back(id);
    }
    if (::poll(fds.data(), fds.size(), static_cast<int>(std::max<std::int64_t>(0, timeout.count()))) > 0) {
        for (std::size_t i = 0; i < listener_of.size(); ++i) {
            if (fds[i].revents & POLLIN) accept_all(listener_of[i], events);
        }
        for (std::size_t i = 0; i < connection_of.size(); ++i) {
            const short revents = fds[listener_of.size() + i].revents;
            if (revents == 0) continue;
            auto found = connections_.find(connection_of[i]);
            if (found == connections_.end()) continue;  // closed meanwhile
            if ((revents & POLLOUT) && !write_to(found->first, found->second, events)) continue;
            if (revents & (POLLIN | POLLHUP | POLLERR)) read_from(found->first, found->second, events);
        }
    }
    close_idle(events);
    return events;
}

void WireSockets::accept_all(std::size_t index, std::vector<SocketEvent>& events) {
    for (;;) {
        sockaddr_in peer{};
        socklen_t length = sizeof peer;
        const int fd = accept4(listeners_[index].fd, reinterpret_cast<sockaddr*>(&peer), &length,
                               SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // The connection stays in the listen backlog; trying again at once would spin.
                accept_resumes_ = Clock::now() + limits_.accept_backoff;
                if (!accept_failing_) {
                    SocketEvent notice;
                    notice.kind = SocketEvent::Kind::notice;
                    notice.listener = index;
                    notice.reason = fmt::format("cannot accept connections: {}; new ones wait until a connection "
                                                "closes (retried every {} ms)",
                                                std::strerror(errno), limits_.accept_backoff.count());
                    events.push_back(std::move(notice));
                }
                accept_failing_ = true;
            }
            return;
        }
        if (accept_failing_) {
            accept_failing_ = false;
            SocketEvent notice;
            notice.kind = SocketEvent::Kind::notice;
            notice.listener = index;
            notice.reason = "accepting connections again";
            events.push_back(std::move(notice));
        }
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        const ConnectionId id = next_id_++;
        Connection connection;
        connection.fd = fd;
        connection.listener = index;
        connection.last_active = Clock::now();
        connections_[id] = std::move(connection);
        char text[INET_ADDRSTRLEN] = {};
        inet_ntop(AF_INET, &peer.sin_addr, text, sizeof text);
        SocketEvent event;
        event.kind = SocketEvent::Kind::accepted;
        event.connection = id;
        event.listener = index;
        event.peer = fmt::format("{}:{}", text, ntohs(peer.sin_port));
        events.push_back(std::move(event));
    }
}

bool WireSockets::has_frame(const Connection& connection) const {
    if (connection.input.size() < 4) return false;
    const std::int32_t size = kafka::wire::WireReader(std::string_view(connection.input).substr(0, 4)).int32();
    return size < 0 || size > limits_.max_frame_bytes || connection.input.size() - 4 >= static_cast<std::size_t>(size);
}

bool WireSockets::read_from(ConnectionId id, Connection& connection, std::vector<SocketEvent>& events) {
    // Reads only up to one whole request: what a client pipelines beyond it waits in
    // its socket (TCP's flow control), never here.
    char buffer[65536];
    bool ended = false;  // a request read before the client's close still counts
    while (!has_frame(connection)) {
        const ssize_t got = ::read(connection.fd, buffer, sizeof buffer);
        if (got == 0) {
            ended = true;
            break;
        }
        if (got < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            if (errno == EINTR) continue;
            drop(id, fmt::format("read failed: {}", std::strerror(errno)), events);
            return false;
        }
        connection.input.append(buffer, static_cast<std::size_t>(got));
        connection.last_active = Clock::now();
    }
    if (!connection.muted && muted_ < limits_.queued_max_requests && !take_frame(id, connection, events)) return false;
    if (ended) {
        drop(id, "closed by the client", events);
        return false;
    }
    return true;
}

bool WireSockets::take_frame(ConnectionId id, Connection& connection, std::vector<SocketEvent>& events) {
    if (!has_frame(connection)) return true;
    const std::int32_t size = kafka::wire::WireReader(std::string_view(connection.input).substr(0, 4)).int32();
    if (size < 0 || size > limits_.max_frame_bytes) {
        drop(id, fmt::format("a frame of {} bytes (a request is 0 to {} bytes, socket.request.max.bytes)", size,
                             limits_.max_frame_bytes),
             events);
        return false;
    }
    SocketEvent event;
    event.kind = SocketEvent::Kind::frame;
    event.connection = id;
    event.listener = connection.listener;
    event.frame = connection.input.substr(4, static_cast<std::size_t>(size));
    events.push_back(std::move(event));
    connection.input.erase(0, 4 + static_cast<std::size_t>(size));
    connection.muted = true;
    ++muted_;
    return true;
}

void WireSockets::close_idle(std::vector<SocketEvent>& events) {
    const auto now = Clock::now();
    std::vector<ConnectionId> idle;
    for (const auto& [id, connection] : connections_) {
        // A muted connection waits for the simulation's answer: it is not idle.
        if (!connection.muted && connection.output.empty() && now - connection.last_active > limits_.max_idle) {
            idle.push_back(id);
        }
    }
    for (ConnectionId id : idle) {
        drop(id, fmt::format("idle for longer than connections.max.idle.ms ({} ms)", limits_.max_idle.count()), events);
    }
}

bool WireSockets::write_to(ConnectionId id, Connection& connection, std::vector<SocketEvent>& events) {
    while (!connection.output.empty()) {
        const std::string& front = connection.output.front();
        const ssize_t wrote = ::send(connection.fd, front.data() + connection.output_offset,
                                     front.size() - connection.output_offset, MSG_NOSIGNAL);
        if (wrote < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
            if (errno == EINTR) continue;
            drop(id, fmt::format("write failed: {}", std::strerror(errno)), events);
            return false;
        }
        connection.last_active = Clock::now();
        connection.output_offset += static_cast<std::size_t>(wrote);
        if (connection.output_offset == front.size()) {
            connection.output.pop_front();
            connection.output_offset = 0;
        }
    }
    if (connection.closing) {
        drop(id, "closed by the server", events);
        return false;
    }
    return true;
}

void WireSockets::send(ConnectionId id, std::string bytes) {
    auto found = connections_.find(id);
    if (found == connections_.end() || found->second.closing) return;
    found->second.output.push_back(std::move(bytes));
    // Write what the socket takes now: most responses go out without waiting a poll.
    write_to(id, found->second, pending_events_);
}

void WireSockets::unmute(ConnectionId id) {
    auto found = connections_.find(id);
    if (found == connections_.end() || !found->second.muted) return;
    found->second.muted = false;
    --muted_;
}

std::size_t WireSockets::buffered_bytes(ConnectionId id) const {
    auto found = connections_.find(id);
    return found == connections_.end() ? 0 : found->second.input.size();
}

void WireSockets::close(ConnectionId id) {
    auto found = connections_.find(id);
    if (found == connections_.end()) return;
    if (found->second.muted) --muted_;
    ::close(found->second.fd);
    connections_.erase(found);
}

void WireSockets::close_after_sending(ConnectionId id) {
    auto found = connections_.find(id);
    if (found == connections_.end()) return;
    found->second.closing = true;
    if (found->second.output.empty()) close(id);
}

void WireSockets::drop(ConnectionId id, std::string reason, std::vector<SocketEvent>& events) {
    auto found = connections_.find(id);
    if (found == connections_.end()) return;
    SocketEvent event;
    event.kind = SocketEvent::Kind::closed;
    event.connection = id;
    event.listener = found->second.listener;
    event.reason = std::move(reason);
    if (found->second.muted) --muted_;
    ::close(found->second.fd);
    connections_.erase(found);
    events.push_back(std::move(event));
}

}  // namespace kafkalab::scenarios
