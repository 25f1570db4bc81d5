#include "broker_model/client/producer_config.h"

#include <stdexcept>

namespace kafkalab::kafka {

ProducerConfig ProducerConfig::pre_3_0() {
    ProducerConfig config;
    config.acks = Acks::leader;
    config.enable_idempotence = false;
    config.partitioner = "default";  // 2.4 to 3.2: DefaultPartitioner, sticky (KIP-480)
    return config;
}

namespace {

/// The settings idempotence cannot work with (ProducerConfig's idempotence checks).
bool conflicts_with_idempotence(const ProducerConfig& config) {
    return config.acks != Acks::all || config.retries == 0 || config.max_in_flight_requests_per_connection > 5;
}

}  // namespace

bool ProducerConfig::idempotence_enabled() const {
    // KAFKA-13673 (3.2): an unset enable.idempotence yields to conflicting settings.
    if (!enable_idempotence) return !conflicts_with_idempotence(*this);
    return *enable_idempotence;
}

std::vector<std::string> ProducerConfig::problems() const {
    std::vector<std::string> out;
    if (max_in_flight_requests_per_connection < 1) out.push_back("max.in.flight.requests.per.connection must be at least 1.");
    if (retries < 0) out.push_back("retries must not be negative.");
    if (batch_size_bytes < 0) out.push_back("batch.size must not be negative.");
    if (linger < 0ms || retry_backoff < 0ms || request_timeout < 0ms || delivery_timeout < 0ms) {
        out.push_back("linger.ms, retry.backoff.ms, request.timeout.ms and delivery.timeout.ms must not be negative.");
    }
    // KafkaProducer.configureDeliveryTimeout refuses a delivery timeout that a single
    // attempt could outlast.
    if (delivery_timeout < linger + request_timeout) {
        out.push_back("delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms.");
    }
    if (enable_idempotence.value_or(false)) {
        if (max_in_flight_requests_per_connection > 5) {
            out.push_back("Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.");
        }
        if (retries == 0) out.push_back("Must set retries to non-zero when using the idempotent producer.");
        if (acks != Acks::all) {
            out.push_back("Must set acks to all in order to use the idempotent producer. "
                          "Otherwise we cannot guarantee idempotence.");
        }
    }
    return out;
}

void ProducerConfig::validate() const {
    auto found = problems();
    if (!found.empty()) throw std::invalid_argument(found.front());
}

}  // namespace kafkalab::kafka
