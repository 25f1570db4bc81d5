#include "broker_model/protocol/network_client.h"

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include "sim/simulation.h"

namespace kafkalab::kafka {
namespace {

/// Every Kafka request and response derives from KafkaMessageBase.
std::int32_t correlation_id_of(const sim::Message& message) {
    return static_cast<const KafkaMessageBase&>(message).correlation_id;
}

/// Each life of a node numbers its requests from its own base, 2^25 apart for 64 lives
/// (the highest base still leaves 33 M ids before the counter wraps).
std::int32_t first_correlation_id(std::uint32_t incarnation) {
    return static_cast<std::int32_t>((incarnation % 64) << 25) + 1;
}

}  // namespace

// In Kafka a restarted client never sees the answers its predecessor was owed: they
// travel on the old process's TCP connections, which died with it. The model's
// connections outlive a restart, so such a late answer reaches the new process; its
// correlation id must then match none of the new process's requests, and is ignored.
NetworkClient::NetworkClient(sim::NodeContext& context, ReconnectBackoff reconnect)
    : context_(context),
      next_correlation_id_(first_correlation_id(context.incarnation())),
      reconnect_(reconnect),
      jitter_random_(sim::RandomStream::derive(context.simulation().seed(),
                                               context.name() + "/reconnect-backoff/" +
                                                   std::to_string(context.incarnation()))) {}

std::int32_t NetworkClient::take_correlation_id() {
    const std::int32_t id = next_correlation_id_;
    // After 2^31 requests: back to 1. Kafka's NetworkClient.nextCorrelationId instead
    // skips the last 8 ids (reserved for SASL) and goes on through negative ones; no
    // simulated client comes near either.
    next_correlation_id_ = id == INT32_MAX ? 1 : id + 1;
    return id;
}

NetworkClient::~NetworkClient() {
    *alive_ = false;
    for (std::int32_t id : ids_in_flight()) context_.cancel_timer(pending_.find(id)->timeout);
}

void NetworkClient::send_prepared(sim::NodeIndex to, std::int32_t correlation_id, sim::MessagePtr request,
                                  sim::Duration timeout, Callback callback) {
    sim::TimerId timer = context_.set_timer(timeout, "request timeout", [this, correlation_id, to] {
        // Kafka's NetworkClient disconnects from a node whose request timed out, so a
        // late response can never arrive; the other requests in flight to it fail.
        auto alive = alive_;
        complete(correlation_id, Error::request_timed_out, nullptr);
        if (!*alive) return;
        context_.close_connection(to);
        on_disconnect(to);
    });
    pending_.emplace(correlation_id, Pending{to, timer, std::move(callback)});
    const sim::Time reconnect = reconnect_at(to);
    if (reconnect <= context_.now()) return context_.send(to, std::move(request));
    // reconnect.backoff.ms: no new connection yet; the request goes once it may.
    context_.set_timer(reconnect - context_.now(), "reconnect backoff",
                       [this, alive = alive_, correlation_id, to, request = std::move(request)]() mutable {
                           if (!*alive) return;
                           const Pending* pending = pending_.find(correlation_id);
                           if (!pending || pending->peer != to) return;  // failed or timed out meanwhile
                           context_.send(to, std::move(request));
                       });
}

sim::Time NetworkClient::reconnect_at(sim::NodeIndex peer) const {
    auto it = peers_.find(peer);
    return it == peers_.end() ? sim::Time{} : it->second.reconnect_at;
}

void NetworkClient::note_connection_failure(sim::NodeIndex peer) {
    PeerConnection& state = peers_[peer];
    // Kafka's ExponentialBackoff(initial, 2, max, 0.2).backoff(failures - 1).
    const int doublings = std::min(state.failures, 20);  // far past any maximum
    ++state.failures;
    const double term = static_cast<double>(reconnect_.initial.count()) * static_cast<double>(1LL << doublings);
    const double jittered = term * (0.8 + 0.4 * jitter_random_.unit());
    const auto wait = std::min(sim::Duration{static_cast<sim::Duration::rep>(jittered)}, reconnect_.max);
    state.reconnect_at = context_.now() + wait;
}

bool NetworkClient::on_response(sim::NodeIndex from, const sim::MessagePtr& message) {
    if (message->type() < 200 || message->type() >= 300) return false;
    const std::int32_t id = correlation_id_of(*message);
    const Pending* pending = pending_.find(id);
    if (!pending || pending->peer != from) return false;
    if (auto peer = peers_.find(from); peer != peers_.end()) peer->second.failures = 0;  // the connection works
    complete(id, Error::none, message);
    return true;
}

void NetworkClient::on_disconnect(sim::NodeIndex peer) {
    note_connection_failure(peer);
    auto alive = alive_;
    for (std::int32_t id : ids_in_flight(peer)) {
        if (!*alive) return;
        complete(id, Error::network_exception, nullptr);
    }
}

std::vector<std::int32_t> NetworkClient::ids_in_flight(std::optional<sim::NodeIndex> peer) const {
    std::vector<std::int32_t> ids;
    pending_.for_each([&](std::int32_t id, const Pending& pending) {
        if (!peer || pending.peer == *peer) ids.push_back(id);
    });
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::size_t NetworkClient::in_flight_to(sim::NodeIndex peer) const {
    std::size_t n = 0;
    pending_.for_each([&](std::int32_t, const Pending& pending) { n += pending.peer == peer; });
    return n;
}

void NetworkClient::complete(std::int32_t correlation_id, Error error, const sim::MessagePtr& response) {
    std::optional<Pending> pending = pending_.take(correlation_id);
    if (!pending) return;
    context_.cancel_timer(pending->timeout);
    pending->callback(error, response);
}

}  // namespace kafkalab::kafka
