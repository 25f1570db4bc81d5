#include "broker_model/client/producer.h"

#include <algorithm>

#include "sim/simulation.h"

namespace kafkalab::kafka {
namespace {

ClientMetadataConfig metadata_config(const ProducerConfig& config) {
    ClientMetadataConfig out;
    out.bootstrap_servers = config.bootstrap_servers;
    out.metadata_max_age = config.metadata_max_age;
    out.retry_backoff = config.retry_backoff;
    out.request_timeout = config.request_timeout;
    out.allow_auto_topic_creation = true;  // a producer's Metadata may create the topic
    return out;
}

AccumulatorConfig accumulator_config(const ProducerConfig& config) {
    AccumulatorConfig out;
    out.batch_size_bytes = static_cast<std::size_t>(config.batch_size_bytes);
    out.linger = config.linger;
    out.retry_backoff = config.retry_backoff;
    out.delivery_timeout = config.delivery_timeout;
    out.max_request_size_bytes = static_cast<std::size_t>(config.max_request_size_bytes);
    return out;
}

std::int64_t to_ms(sim::Time t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

Producer::Producer(sim::NodeContext& context, ProducerConfig config, SendLedger& ledger,
                   std::optional<ProducerWorkload> workload)
    : sim::Node(context),
      config_(std::move(config)),
      ledger_(ledger),
      idempotent_(config_.idempotence_enabled()),
      network_(context, ReconnectBackoff{config_.reconnect_backoff, config_.reconnect_backoff_max}),
      metadata_(context, network_, metadata_config(config_)),
      partitioner_(make_partitioner(config_.partitioner,
                                    // KafkaProducer: batch.size 0 still sticks for one byte.
                                    {std::max(1, config_.batch_size_bytes), config_.partitioner_ignore_keys})),
      built_in_partitioner_(dynamic_cast<BuiltInPartitioner*>(partitioner_.get())),
      accumulator_(accumulator_config(config_)),
      leader_of_([this](const TopicPartition& tp) { return metadata_.leader_node(tp); }) {
    config_.validate();
    // ProducerConfig's default client.id: "producer-<n>", n counting the producers of the
    // JVM; each producer here is its own process, so n is 1.
    if (config_.client_id.empty()) config_.client_id = "producer-1";
    metadata_.set_listener([this] {
        route_waiting();
        wake(sim::Duration{0});
    });
    if (workload) workload_ = std::make_unique<WorkloadDriver>(context, *this, std::move(*workload));
}

Producer::~Producer() {
    *alive_ = false;
    context().cancel_timer(sender_timer_);
}

void Producer::on_start() {
    // An idempotent producer asks for its id before anything else (KafkaProducer's
    // constructor starts the Sender, whose first run sends InitProducerId).
    wake(sim::Duration{0});
    if (workload_) workload_->start();
}

void Producer::on_message(sim::NodeIndex from, const sim::MessagePtr& message) { network_.on_response(from, message); }

void Producer::on_disconnect(sim::NodeIndex peer) {
    // NetworkClient.handleDisconnections: fail what was in flight, refresh metadata.
    network_.on_disconnect(peer);
    request_metadata_update();
}

RecordId Producer::send(const std::string& topic, std::optional<std::int32_t> partition,
                        std::optional<std::string> key, std::string value, SendCallback callback) {
    if (key) serialize_in_place(config_.key_serializer, *key);
    serialize_in_place(config_.value_serializer, value);
    std::optional<std::string_view> key_bytes;
    if (key) key_bytes = *key;
    return send_serialized(topic, partition, key_bytes, value, callback);
}

RecordId Producer::send_view(const std::string& topic, std::optional<std::int32_t> partition,
                             std::optional<std::string_view> key, std::string_view value, SendCallback callback) {
    // JSON rewrites the bytes, so it needs a string of its own.
    if ((key && config_.key_serializer == Serializer::json) || config_.value_serializer == Serializer::json) {
        std::optional<std::string> owned_key;
        if (key) owned_key.emplace(*key);
        return send(topic, partition, std::move(owned_key), std::string(value), std::move(callback));
    }
    return send_serialized(topic, partition, key, value, callback);
}

RecordId Producer::send_serialized(const std::string& topic, std::optional<std::int32_t> partition,
                                   std::optional<std::string_view> key, std::string_view value,
                                   SendCallback& callback) {
    const sim::Time now = context().now();
    const RecordId id = ledger_.record_send({context().name(), topic, key, value, partition, now});
    ++stats_.records_sent;
    // KafkaProducer.ensureValidRecordSize: refused before it is queued.
    const std::size_t size = RecordData::batch_overhead_bytes + RecordData::record_overhead_bytes +
                             (key ? key->size() : 0) + value.size();
    if (size > static_cast<std::size_t>(config_.max_request_size_bytes)) {
        fail_record(id, topic, Error::message_too_large, callback);
        return id;
    }
    // Every metadata update routes what waits, so only records of topics still unknown
    // wait: a record of a known topic goes straight to its batch (and scanning the
    // waiting records on each send would make a burst before the first metadata
    // response quadratic). A known topic is one the metadata was already asked for.
    if (const TopicMetadataView* view = metadata_.topic_view(topic)) {
        append({id, topic, partition, key, value, to_ms(now)}, callback, *view);
    } else {
        metadata_.add_topic(topic);
        std::optional<std::string> waiting_key;
        if (key) waiting_key.emplace(*key);
        waiting_.push_back(WaitingRecord{id, topic, partition, std::move(waiting_key), std::string(value), to_ms(now),
                                         now + config_.max_block, std::move(callback)});
    }
    return id;
}

void Producer::route_waiting() {
    // Records of topics whose metadata is known leave in send order; the others wait.
    std::vector<WaitingRecord> still_waiting;
    std::vector<WaitingRecord> ready;
    for (auto& record : waiting_) {
        (metadata_.partition_count(record.topic) ? ready : still_waiting).push_back(std::move(record));
    }
    waiting_ = std::move(still_waiting);
    for (auto& record : ready) {
        const TopicMetadataView& view = *metadata_.topic_view(record.topic);
        std::optional<std::string_view> key_bytes;
        if (record.key) key_bytes = *record.key;
        append({record.record_id, record.topic, record.partition, key_bytes, record.value, record.timestamp_ms},
               record.callback, view);
    }
}

void Producer::append(const OutgoingRecord& record, SendCallback& callback, const TopicMetadataView& view) {
    auto partition = choose_partition(*partitioner_, record.topic, record.partition, record.key, view, context().random());
    // Kafka throws "Invalid partition given with record"; the broker's word for a
    // partition that does not exist is UNKNOWN_TOPIC_OR_PARTITION.
    if (!partition) return fail_record(record.record_id, record.topic, Error::unknown_topic_or_partition, callback);
    const sim::Time now = context().now();
    RecordAppendResult result =
        accumulator_.append({record.topic, *partition}, record.key, record.value, record.timestamp_ms, record.record_id,
                            callback, now, partitioner_->aborts_on_new_batch());
    if (result.abort_for_new_batch) {
        // KIP-480: the sticky partition's batch is complete; pick a partition anew.
        partitioner_->on_new_batch(record.topic, view, *partition, context().random());
        partition = choose_partition(*partitioner_, record.topic, record.partition, record.key, view, context().random());
        result = accumulator_.append({record.topic, *partition}, record.key, record.value, record.timestamp_ms,
                                     record.record_id, std::move(callback), now, false);
    }
    if (!record.partition) {
        // KIP-794: the built-in partitioner counts the bytes its sticky partition got.
        partitioner_->on_append(record.topic, record.key, view, result.appended_bytes, result.newest_batch_full,
                                context().random());
    }
    ledger_.record_partition(record.record_id, *partition);
    if (result.batch_full || result.new_batch_created) wake(sim::Duration{0});
}

void Producer::expire_waiting(sim::Time now) {
    std::vector<WaitingRecord> expired;
    std::erase_if(waiting_, [&](WaitingRecord& record) {
        if (record.deadline > now) return false;
        expired.push_back(std::move(record));
        return true;
    });
    // Kafka: "Topic <t> not present in metadata after <max.block.ms> ms."
    for (auto& record : expired) fail_record(record.record_id, record.topic, Error::request_timed_out, record.callback);
}

void Producer::fail_record(RecordId id, const std::string& topic, Error error, const SendCallback& callback) {
    ledger_.record_failed(id, error, context().now());
    if (callback) callback(RecordMetadata{id, {topic, -1}, Offset{-1}}, error);
}

void Producer::request_metadata_update() {
    // Asking again before the last request was answered would postpone the refresh
    // ClientMetadata has already scheduled.
    if (metadata_update_asked_at_ && *metadata_update_asked_at_ == metadata_.updates()) return;
    metadata_update_asked_at_ = metadata_.updates();
    metadata_.request_update();
}

sim::NodeIndex add_producer(sim::Simulation& simulation, std::string name, ProducerConfig config, SendLedger& ledger,
                            std::optional<ProducerWorkload> workload) {
    return simulation.add_node(std::move(name), [config = std::move(config), &ledger,
                                                 workload = std::move(workload)](sim::NodeContext& context) {
        return std::make_unique<Producer>(context, config, ledger, workload);
    });
}

}  // namespace kafkalab::kafka
