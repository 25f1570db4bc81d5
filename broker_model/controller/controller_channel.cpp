#include "broker_model/controller/controller_channel.h"

namespace kafkalab::kafka {

using namespace std::chrono_literals;

void ControllerChannel::send(BrokerId to, std::shared_ptr<KafkaMessageBase> request,
                             std::function<void(const sim::MessagePtr&)> on_response) {
    queues_[to].items.push_back({std::move(request), std::move(on_response)});
    pump(to);
}

void ControllerChannel::remove_broker(BrokerId broker) {
    auto it = queues_.find(broker);
    if (it == queues_.end()) return;
    it->second.items.clear();
    it->second.in_flight = false;
    ++it->second.generation;
}

void ControllerChannel::clear() {
    for (auto& [broker, queue] : queues_) {
        queue.items.clear();
        queue.in_flight = false;
        ++queue.generation;
    }
}

void ControllerChannel::pump(BrokerId broker) {
    Queue& queue = queues_[broker];
    if (queue.in_flight || queue.items.empty()) return;
    sim::NodeIndex node = resolve_(broker);
    if (node == sim::no_node) return;
    queue.in_flight = true;
    auto alive = alive_;
    std::uint64_t generation = queue.generation;
    auto request = queue.items.front().request;
    network_.send(node, request, timeout_, [this, alive, broker, generation](Error error, const sim::MessagePtr& response) {
        if (!*alive) return;
        Queue& q = queues_[broker];
        if (q.generation != generation) return;
        q.in_flight = false;
        if (error != Error::none) {
            // Retry the same request after a pause (Kafka's RequestSendThread backs off 100 ms).
            context_.set_timer(100ms, "controller request retry", [this, alive, broker, generation] {
                if (*alive && queues_[broker].generation == generation) pump(broker);
            });
            return;
        }
        Item done = std::move(q.items.front());
        q.items.pop_front();
        if (done.on_response) done.on_response(response);
        if (*alive) pump(broker);
    });
}

}  // namespace kafkalab::kafka
