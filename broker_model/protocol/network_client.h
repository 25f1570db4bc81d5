#pragma once
// Requests with responses, the way Kafka's NetworkClient pairs them: every request
// gets a correlation id; its callback runs once, with the response, or with an error
// when the connection breaks (NETWORK_EXCEPTION) or no answer comes within the request
// timeout (REQUEST_TIMED_OUT; the connection is then closed and the node's other
// requests fail too). Owned by a node; its timers die with the node, and so do its
// callbacks.
//
// After a connection to a node breaks, the next one waits (ClusterConnectionStates):
// reconnect.backoff.ms, doubling with every failure in a row up to
// reconnect.backoff.max.ms, each wait jittered by ±20 %; an answer from the node ends
// the run of failures. Requests sent meanwhile wait for the backoff to pass, their
// request timeout already running.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "broker_model/common/correlation_map.h"
#include "broker_model/common/errors.h"
#include "broker_model/protocol/api.h"
#include "sim/inline_function.h"
#include "sim/node.h"
#include "sim/random.h"

namespace kafkalab::kafka {

/// reconnect.backoff.ms and reconnect.backoff.max.ms, Kafka's defaults for clients and brokers.
struct ReconnectBackoff {
    sim::Duration initial = std::chrono::milliseconds(50);
    sim::Duration max = std::chrono::seconds(1);
};

class NetworkClient {
public:
    /// error is none with a response, or the network error with a null response.
    /// Move-only, and the usual closure (this, a liveness flag, an id) fits inside it:
    /// every request used to allocate its std::function.
    using Callback = sim::InlineFunction<void(Error error, const sim::MessagePtr& response)>;

    explicit NetworkClient(sim::NodeContext& context, ReconnectBackoff reconnect = {});
    ~NetworkClient();
    NetworkClient(const NetworkClient&) = delete;
    NetworkClient& operator=(const NetworkClient&) = delete;

    /// Sends `request` (its correlation id is set here) and calls `callback` once.
    template <class Req>
    void send(sim::NodeIndex to, std::shared_ptr<Req> request, sim::Duration timeout, Callback callback) {
        const std::int32_t id = take_correlation_id();
        request->correlation_id = id;
        send_prepared(to, id, std::move(request), timeout, std::move(callback));
    }
    /// Sends without expecting an answer (acks=0 produce requests).
    template <class Req>
    void send_one_way(sim::NodeIndex to, std::shared_ptr<Req> request) {
        request->correlation_id = take_correlation_id();
        context_.send(to, std::move(request));
    }

    /// True if `message` answers one of our requests; then its callback has run.
    bool on_response(sim::NodeIndex from, const sim::MessagePtr& message);
    /// Fails every request in flight to `peer` with NETWORK_EXCEPTION.
    void on_disconnect(sim::NodeIndex peer);

    std::size_t in_flight() const { return pending_.size(); }
    std::size_t in_flight_to(sim::NodeIndex peer) const;
    /// When a new connection to `peer` may be attempted; now or earlier when it may at once.
    sim::Time reconnect_at(sim::NodeIndex peer) const;

private:
    struct Pending {
        sim::NodeIndex peer;
        sim::TimerId timeout;
        Callback callback;
    };
    /// ClusterConnectionStates' view of one node.
    struct PeerConnection {
        int failures = 0;          // broken connections in a row; an answer resets it
        sim::Time reconnect_at{};  // no connection attempt before this
    };

    std::int32_t take_correlation_id();
    void send_prepared(sim::NodeIndex to, std::int32_t correlation_id, sim::MessagePtr request,
                       sim::Duration timeout, Callback callback);
    /// The ids of the requests in flight (to `peer`, or to anyone), in id order, as the
    /// ordered map kept them.
    std::vector<std::int32_t> ids_in_flight(std::optional<sim::NodeIndex> peer = std::nullopt) const;
    /// Removes the request and runs its callback; `this` may be gone afterwards.
    void complete(std::int32_t correlation_id, Error error, const sim::MessagePtr& response);
    /// Starts the reconnect backoff after a broken connection (ExponentialBackoff with
    /// multiplier 2 and jitter 0.2).
    void note_connection_failure(sim::NodeIndex peer);

    sim::NodeContext& context_;
    std::int32_t next_correlation_id_;
    /// Hashed: a broker following 200 leaders has 200 fetches in flight, and each
    /// response found its request in a tree of them. Where order shows, ids are sorted.
    CorrelationMap<Pending> pending_;
    ReconnectBackoff reconnect_;
    /// Only looked up by node, never iterated.
    std::map<sim::NodeIndex, PeerConnection> peers_;
    /// Its own stream, so that jitter never shifts the node's other random draws.
    sim::RandomStream jitter_random_;
    /// Lets callbacks detect that one of them destroyed this client.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
