#include "broker_model/client/producer_config.h"

#include <stdexcept>

#include "broker_model/config/config_validation.h"

namespace kafkalab::kafka {
namespace {

/// bootstrap.servers as host names: "broker-1:9092" -> "broker-1".
std::vector<std::string> hosts_of(const Properties& p) {
    std::vector<std::string> hosts;
    for (const auto& server : p.get_list("bootstrap.servers")) hosts.push_back(server.substr(0, server.rfind(':')));
    return hosts;
}

Acks acks_of(const Properties& p) {
    std::string acks = p.get_choice("acks");
    return acks == "all" ? Acks::all : acks == "1" ? Acks::leader : Acks::none;
}

std::optional<bool> idempotence_of(const Properties& p) {
    if (p.contains("enable.idempotence")) return p.get_bool("enable.idempotence");
    // Unset where the default is on: idempotence_enabled() yields to conflicts then.
    if (idempotence_default_applies(p)) return std::nullopt;
    return false;
}

/// partitioner.class by era: unset from 3.3 is the built-in partitioner (KIP-794);
/// DefaultPartitioner spread records without a key round-robin before 2.4.
std::string partitioner_of(const Properties& p) {
    if (!p.value_or_default("partitioner.class")) return "built-in";
    std::string name = p.get_choice("partitioner.class");
    if (name == "default" && p.era() < KafkaVersion{2, 4, 0}) return "legacy-default";
    return name;
}

Serializer serializer_of(const Properties& p, std::string_view key) {
    return parse_serializer(p.get_choice(key)).value_or(Serializer::string);
}

/// The settings idempotence cannot work with (ProducerConfig's idempotence checks).
bool conflicts_with_idempotence(const ProducerConfig& config) {
    return config.acks != Acks::all || config.retries == 0 || config.max_in_flight_requests_per_connection > 5;
}

}  // namespace

ProducerConfig::ProducerConfig() : ProducerConfig(Properties(ConfigScope::producer)) {}

ProducerConfig::ProducerConfig(const Properties& p)
    : bootstrap_servers(hosts_of(p)),
      client_id(p.get_string("client.id")),
      acks(acks_of(p)),
      enable_idempotence(idempotence_of(p)),
      retries(p.get_int("retries")),
      max_in_flight_requests_per_connection(p.get_int("max.in.flight.requests.per.connection")),
      batch_size_bytes(p.get_int("batch.size")),
      linger(p.get_duration("linger.ms")),
      delivery_timeout(p.get_duration("delivery.timeout.ms")),
      request_timeout(p.get_duration("request.timeout.ms")),
      retry_backoff(p.get_duration("retry.backoff.ms")),
      reconnect_backoff(p.get_duration("reconnect.backoff.ms")),
      reconnect_backoff_max(p.get_duration("reconnect.backoff.max.ms")),
      metadata_max_age(p.get_duration("metadata.max.age.ms")),
      max_block(p.get_duration("max.block.ms")),
      max_request_size_bytes(p.get_int("max.request.size")),
      partitioner(partitioner_of(p)),
      // The built-in partitioner's knobs (3.3+) are read in every era; only that
      // partitioner looks at them.
      partitioner_adaptive(p.get_bool("partitioner.adaptive.partitioning.enable")),
      partitioner_availability_timeout(p.get_duration("partitioner.availability.timeout.ms")),
      partitioner_ignore_keys(p.get_bool("partitioner.ignore.keys")),
      key_serializer(serializer_of(p, "key.serializer")),
      value_serializer(serializer_of(p, "value.serializer")) {}

ProducerConfig ProducerConfig::pre_3_0() { return ProducerConfig(Properties(ConfigScope::producer, {2, 8, 0})); }

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
