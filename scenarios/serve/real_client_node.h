#pragma once
// One real client's TCP connection, as a client node of the simulation. Its requests
// enter the simulated network at this node's host and go to the broker whose port the
// client connected to; the broker model answers them as it answers any simulated
// client, and the answers go back out as Kafka's bytes.
//
// Like a Kafka broker, which reads a connection's next request only once it has
// answered the one before (the channel is muted meanwhile), the node keeps one
// request at a time in flight; the others wait here, in order. So answers leave in
// request order, which clients rely on.
//
// Produced records are written to the run's SendLedger, so the checker judges what
// real clients were told exactly as it judges simulated producers.
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "broker_model/client/send_ledger.h"
#include "broker_model/protocol/network_client.h"
#include "broker_model/wire/codec.h"
#include "sim/node.h"
#include "scenarios/serve/orphaned_sends.h"
#include "sim/simulation.h"

namespace kafkalab::scenarios {

/// Where a node's answers go: the serve loop's socket for this connection.
struct RealClientLink {
    std::function<void(std::string frame)> reply;
    /// Closes the socket; `why` is logged.
    std::function<void(const std::string& why)> close;
    /// The node has answered everything it was given: the socket may read the next
    /// request (Kafka unmutes a channel once its response is sent).
    std::function<void()> ready;
};

class RealClientNode final : public sim::Node {
public:
    struct Options {
        sim::NodeIndex broker = sim::no_node;
        std::shared_ptr<RealClientLink> link;
        kafka::wire::EncodeContext encode;
        kafka::SendLedger* ledger = nullptr;
        /// Shared by every real connection: where a retry finds its first send.
        OrphanedSends* orphans = nullptr;
        std::string client_host;  // "/127.0.0.1", as kafka-consumer-groups shows members
    };
    static sim::NodeFactory factory(Options options);

    RealClientNode(sim::NodeContext& context, Options options);

    /// A request frame off the socket. Bytes that do not parse close the connection.
    void receive_frame(const std::string& frame);
    /// The socket closed: what waits is dropped, and the broker sees the connection go.
    void detach();

    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override;
    void on_disconnect(sim::NodeIndex peer) override;

private:
    void send_next();
    void answer(const kafka::wire::ParsedRequest& request, const sim::MessagePtr& response);
    void record_outcome(const kafka::ProduceRequest& request, const kafka::ProduceResponse* response,
                        kafka::Error error);
    void close(const std::string& why);
    /// Hands an unanswered produce request's records to the orphans.
    void orphan(const kafka::wire::ParsedRequest& request);

    Options options_;
    kafka::NetworkClient network_;
    std::deque<kafka::wire::ParsedRequest> waiting_;
    /// The request the broker has and has not answered yet, if any.
    std::shared_ptr<kafka::wire::ParsedRequest> in_flight_;
    bool attached_ = true;
};

}  // namespace kafkalab::scenarios
