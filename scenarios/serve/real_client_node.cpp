#include "scenarios/serve/real_client_node.h"

#include <chrono>
#include <map>

#include <fmt/format.h>

#include "broker_model/wire/api_versions_codec.h"

namespace kafkalab::scenarios {

namespace {

/// The client enforces its own request.timeout.ms and closes the connection when it
/// expires; the node only gives up on an answer that never comes at all.
constexpr sim::Duration request_timeout = std::chrono::minutes(10);

}  // namespace

sim::NodeFactory RealClientNode::factory(Options options) {
    return [options](sim::NodeContext& context) { return std::make_unique<RealClientNode>(context, options); };
}

RealClientNode::RealClientNode(sim::NodeContext& context, Options options)
    : sim::Node(context), options_(std::move(options)), network_(context) {}

void RealClientNode::receive_frame(const std::string& frame) {
    if (!attached_) return;
    kafka::wire::DecodeContext decode;
    decode.record_id = [this](const kafka::TopicPartition& partition, std::optional<std::string_view> key,
                              std::string_view value, std::int64_t) {
        if (auto retried = options_.orphans->take(partition, key, value)) return *retried;
        kafka::SendDescription send;
        send.producer = context().name();
        send.topic = partition.topic;
        send.key = key;
        send.value = value;
        send.requested_partition = partition.partition;
        send.send_time = context().now();
        const kafka::RecordId id = options_.ledger->record_send(send);
        options_.ledger->record_partition(id, partition.partition);
        return id;
    };
    decode.client_host = options_.client_host;
    try {
        waiting_.push_back(kafka::wire::parse_request(frame, decode));
    } catch (const kafka::wire::MalformedFrame& error) {
        return close(fmt::format("malformed request: {}", error.what()));
    } catch (const kafka::wire::UnsupportedRequest& error) {
        return close(error.what());
    }
    if (!in_flight_) send_next();
}

void RealClientNode::send_next() {
    while (!in_flight_ && attached_ && !waiting_.empty()) {
        kafka::wire::ParsedRequest request = std::move(waiting_.front());
        waiting_.pop_front();
        if (request.is_api_versions()) {
            options_.link->reply(kafka::wire::api_versions_response_frame(request.header));
            continue;
        }
        if (request.header.api_key == static_cast<std::int16_t>(kafka::ApiKey::produce)) {
            const auto& produce = kafka::message_as<kafka::ProduceRequest>(*request.request);
            for (const auto& partition : produce.partitions) {
                for (std::size_t i = 0; i < partition.records->record_count(); ++i) {
                    options_.ledger->record_attempt(partition.records->record_id(i));
                }
            }
        }
        if (!request.expects_response) {
            // acks=0: Kafka answers nothing, and the client counts the send as done.
            auto produce = std::static_pointer_cast<const kafka::ProduceRequest>(request.request);
            network_.send_one_way(options_.broker, std::move(request.request));
            record_outcome(*produce, nullptr, kafka::Error::none);
            continue;
        }
        in_flight_ = std::make_shared<kafka::wire::ParsedRequest>(std::move(request));
        network_.send(options_.broker, in_flight_->request, request_timeout,
                      [this, shared = in_flight_](kafka::Error error, const sim::MessagePtr& response) {
                          if (!attached_) return;
                          in_flight_.reset();
                          if (error != kafka::Error::none) {
                              orphan(*shared);
                              return close(fmt::format("the simulated connection to the broker failed ({})",
                                                       kafka::error_name(error)));
                          }
                          answer(*shared, response);
                          send_next();
                      });
    }
    if (!in_flight_ && attached_ && waiting_.empty() && options_.link->ready) options_.link->ready();
}

void RealClientNode::answer(const kafka::wire::ParsedRequest& request, const sim::MessagePtr& response) {
    if (request.header.api_key == static_cast<std::int16_t>(kafka::ApiKey::produce)) {
        record_outcome(kafka::message_as<kafka::ProduceRequest>(*request.request),
                       &kafka::message_as<kafka::ProduceResponse>(*response), kafka::Error::none);
    }
    options_.link->reply(kafka::wire::encode_response(request.header, *response, options_.encode));
}

void RealClientNode::record_outcome(const kafka::ProduceRequest& request, const kafka::ProduceResponse* response,
                                    kafka::Error error) {
    std::map<kafka::TopicPartition, const kafka::ProducePartitionResponse*> answers;
    if (response) {
        for (const auto& partition : response->partitions) answers[partition.partition] = &partition;
    }
    const sim::Time now = context().now();
    for (const auto& partition : request.partitions) {
        const auto found = answers.find(partition.partition);
        const kafka::ProducePartitionResponse* answer = found == answers.end() ? nullptr : found->second;
        const kafka::Error outcome = answer ? answer->error : error;
        for (std::size_t i = 0; i < partition.records->record_count(); ++i) {
            const kafka::RecordId id = partition.records->record_id(i);
            if (outcome != kafka::Error::none) {
                options_.ledger->record_failed(id, outcome, now);
            } else {
                const kafka::Offset offset = answer ? answer->base_offset + static_cast<std::int64_t>(i)
                                                    : kafka::Offset{-1};
                options_.ledger->record_acknowledged(id, partition.partition.partition, offset, now);
            }
        }
    }
}

void RealClientNode::on_message(sim::NodeIndex from, const sim::MessagePtr& message) {
    network_.on_response(from, message);
}

void RealClientNode::on_disconnect(sim::NodeIndex peer) { network_.on_disconnect(peer); }

void RealClientNode::close(const std::string& why) {
    if (!attached_) return;
    auto link = options_.link;
    detach();
    link->close(why);
}

void RealClientNode::orphan(const kafka::wire::ParsedRequest& request) {
    if (request.header.api_key != static_cast<std::int16_t>(kafka::ApiKey::produce)) return;
    options_.orphans->add(kafka::message_as<kafka::ProduceRequest>(*request.request), *options_.ledger);
}

void RealClientNode::detach() {
    if (!attached_) return;
    attached_ = false;
    if (in_flight_) orphan(*in_flight_);
    in_flight_.reset();
    for (const auto& request : waiting_) orphan(request);
    waiting_.clear();
    // What the broker was still to answer is for a socket that is gone.
    context().close_connection(options_.broker);
    network_.on_disconnect(options_.broker);
}

}  // namespace kafkalab::scenarios
