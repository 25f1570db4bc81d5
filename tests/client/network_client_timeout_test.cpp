// Kafka's NetworkClient on a request timeout: "Disconnecting from node N due to request
// timeout", and every other request in flight to that node is cancelled as
// disconnected; a late answer completes nothing.
#include <catch2/catch.hpp>

#include <vector>

#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/network_client.h"
#include "sim/simulation.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;

namespace {

/// Answers every Metadata request after `delay`.
class SlowResponder final : public sim::Node {
public:
    SlowResponder(sim::NodeContext& context, sim::Duration delay) : Node(context), delay_(delay) {}
    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override {
        auto response = std::make_shared<MetadataResponse>();
        response->correlation_id = static_cast<const MetadataRequest&>(*message).correlation_id;
        context().set_timer(delay_, "answer", [this, from, response] { context().send(from, response); });
    }

private:
    sim::Duration delay_;
};

/// Sends requests through a NetworkClient and keeps each callback's outcome.
class Requester final : public sim::Node {
public:
    explicit Requester(sim::NodeContext& context) : Node(context), client_(context) {}
    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override { client_.on_response(from, message); }
    void on_disconnect(sim::NodeIndex peer) override { client_.on_disconnect(peer); }
    void request(sim::NodeIndex to, sim::Duration timeout) {
        client_.send(to, std::make_shared<MetadataRequest>(), timeout,
                     [this](Error error, const sim::MessagePtr& response) {
                         outcomes.push_back(response ? Error::none : error);
                     });
    }
    std::vector<Error> outcomes;

private:
    NetworkClient client_;
};

}  // namespace

TEST_CASE("a timed-out request closes the connection and fails the other requests in flight to that node") {
    sim::Simulation sim(1);
    auto broker = sim.add_node("broker", [](sim::NodeContext& c) { return std::make_unique<SlowResponder>(c, 5s); });
    auto client = sim.add_node("client", [](sim::NodeContext& c) { return std::make_unique<Requester>(c); });
    sim.run_for(1ms);
    auto& requester = *sim.node_as<Requester>(client);
    requester.request(broker, 3s);  // times out at 3 s
    sim.run_for(1s);
    requester.request(broker, 30s);  // still in flight then
    sim.run_for(10s);  // past both answers (5 s after each request)
    CHECK(requester.outcomes == std::vector<Error>{Error::request_timed_out, Error::network_exception});

    SECTION("the next request opens a new connection and is answered") {
        requester.request(broker, 30s);
        sim.run_for(10s);
        REQUIRE(requester.outcomes.size() == 3);
        CHECK(requester.outcomes[2] == Error::none);
    }
}
