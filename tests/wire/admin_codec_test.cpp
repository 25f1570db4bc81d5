// CreateTopics v0-4, DeleteTopics v0-3 and InitProducerId v0-4 bodies. Requests are
// written here field by field as a client writes them from Kafka's message schemas;
// responses are read back field by field the same way. InitProducerId is flexible from
// v2: a compact transactional id and a tagged-field section after request and response.
#include <catch2/catch.hpp>

#include "broker_model/wire/api_codecs.h"
#include "wire/codec_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

struct ClientTopic {
    std::string name;
    std::int32_t num_partitions = -1;
    std::int16_t replication_factor = -1;
    std::vector<std::pair<std::int32_t, std::vector<std::int32_t>>> assignments;
    std::vector<std::pair<std::string, std::optional<std::string>>> configs;
};

std::string create_topics_body(std::int16_t version, const std::vector<ClientTopic>& topics) {
    WireWriter out;
    out.array_length(static_cast<std::int32_t>(topics.size()));
    for (const ClientTopic& topic : topics) {
        out.string(topic.name);
        out.int32(topic.num_partitions);
        out.int16(topic.replication_factor);
        out.array_length(static_cast<std::int32_t>(topic.assignments.size()));
        for (const auto& [partition, brokers] : topic.assignments) {
            out.int32(partition);
            out.array_length(static_cast<std::int32_t>(brokers.size()));
            for (std::int32_t broker : brokers) out.int32(broker);
        }
        out.array_length(static_cast<std::int32_t>(topic.configs.size()));
        for (const auto& [name, value] : topic.configs) {
            out.string(name);
            out.nullable_string(value);
        }
    }
    out.int32(25'000);                    // timeout_ms
    if (version >= 1) out.boolean(true);  // validate_only
    return out.take();
}

/// InitProducerIdRequest.json: transactional_id (nullable), transaction_timeout_ms,
/// producer_id and producer_epoch from v3 (-1: no current id, as librdkafka sends
/// them); compact with a tagged-field section from v2, holding one unknown tag when
/// `unknown_tag`.
std::string init_producer_id_body(std::int16_t version, const std::optional<std::string>& transactional_id,
                                  bool unknown_tag = false) {
    const bool flexible = version >= 2;
    WireWriter out;
    out.nullable_string(transactional_id, flexible);
    out.int32(60'000);  // transaction_timeout_ms
    if (version >= 3) {
        out.int64(-1);  // producer_id
        out.int16(-1);  // producer_epoch
    }
    if (flexible) {
        if (unknown_tag) {
            out.unsigned_varint(1);   // one field
            out.unsigned_varint(12);  // tag no server knows
            out.unsigned_varint(2);   // its size
            out.raw("ab");
        } else {
            out.empty_tagged_fields();
        }
    }
    return out.take();
}

}  // namespace

TEST_CASE("CreateTopics requests decode topics configs and explicit assignments in every version") {
    for (std::int16_t version = 0; version <= 4; ++version) {
        CAPTURE(version);
        const std::string body = create_topics_body(
            version, {{"orders", 6, 3, {}, {{"cleanup.policy", "compact"}, {"retention.ms", std::nullopt}}},
                      {"payments", -1, -1, {{1, {2, 3}}, {0, {1, 2}}}, {}}});
        const auto request = decode_body<CreateTopicsRequest>(decode_create_topics_request, body, version);
        REQUIRE(request->topics.size() == 2);
        const NewTopic& orders = request->topics[0];
        REQUIRE(orders.name == "orders");
        REQUIRE(orders.num_partitions == 6);
        REQUIRE(orders.replication_factor == 3);
        REQUIRE(orders.assignment.empty());
        // A null value asks for the default: the config is left out.
        REQUIRE(orders.configs == std::map<std::string, std::string>{{"cleanup.policy", "compact"}});
        const NewTopic& payments = request->topics[1];
        REQUIRE(payments.name == "payments");
        REQUIRE(payments.num_partitions == -1);
        REQUIRE(payments.replication_factor == -1);
        // Ordered by partition index, whatever order the client listed them in.
        REQUIRE(payments.assignment ==
                std::vector<std::vector<BrokerId>>{{BrokerId{1}, BrokerId{2}}, {BrokerId{2}, BrokerId{3}}});
        REQUIRE(request->timeout_ms == 25'000);
        REQUIRE(request->validate_only == (version >= 1));
    }
}

TEST_CASE("CreateTopics assignments that skip a partition ask for zero partitions") {
    const std::string gap = create_topics_body(4, {{"orders", -1, -1, {{0, {1}}, {2, {2}}}, {}}});
    const auto request = decode_body<CreateTopicsRequest>(decode_create_topics_request, gap, 4);
    REQUIRE(request->topics[0].assignment.empty());
    REQUIRE(request->topics[0].num_partitions == 0);

    const std::string twice = create_topics_body(4, {{"orders", -1, -1, {{0, {1}}, {0, {2}}}, {}}});
    REQUIRE(decode_body<CreateTopicsRequest>(decode_create_topics_request, twice, 4)->topics[0].num_partitions == 0);

    const std::string empty = create_topics_body(4, {{"orders", -1, -1, {{0, {}}}, {}}});
    REQUIRE(decode_body<CreateTopicsRequest>(decode_create_topics_request, empty, 4)->topics[0].num_partitions == 0);
}

TEST_CASE("CreateTopics responses in every version") {
    CreateTopicsResponse response;
    response.topics = {{"orders", Error::none, ""},
                       {"payments", Error::topic_already_exists, "Topic 'payments' already exists."}};
    for (std::int16_t version = 0; version <= 4; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_create_topics_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 2) REQUIRE(in.int32() == 0);  // throttle_time_ms
        REQUIRE(in.array_length() == 2);
        REQUIRE(in.string() == "orders");
        REQUIRE(in.int16() == 0);
        if (version >= 1) REQUIRE_FALSE(in.nullable_string());  // no error, no message
        REQUIRE(in.string() == "payments");
        REQUIRE(in.int16() == 36);
        if (version >= 1) {
            REQUIRE(in.nullable_string() == std::optional<std::string>("Topic 'payments' already exists."));
        }
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("DeleteTopics requests and responses in every version") {
    for (std::int16_t version = 0; version <= 3; ++version) {
        CAPTURE(version);
        WireWriter out;
        out.array_length(2);
        out.string("orders");
        out.string("payments");
        out.int32(30'000);
        const auto request = decode_body<DeleteTopicsRequest>(decode_delete_topics_request, out.buffer(), version);
        REQUIRE(request->names == std::vector<std::string>{"orders", "payments"});
        REQUIRE(request->timeout_ms == 30'000);

        DeleteTopicsResponse response;
        response.topics = {{"orders", Error::none, ""}, {"payments", Error::unknown_topic_or_partition, ""}};
        WireWriter encoded;
        encode_delete_topics_response(encoded, response, version);
        WireReader in(encoded.buffer());
        if (version >= 1) REQUIRE(in.int32() == 0);
        REQUIRE(in.array_length() == 2);
        REQUIRE(in.string() == "orders");
        REQUIRE(in.int16() == 0);
        REQUIRE(in.string() == "payments");
        REQUIRE(in.int16() == 3);
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("InitProducerId requests and responses in every version") {
    for (std::int16_t version = 0; version <= 4; ++version) {
        CAPTURE(version);
        const bool flexible = version >= 2;
        for (const std::optional<std::string>& transactional_id : {std::optional<std::string>(),
                                                                   std::optional<std::string>("txn-1")}) {
            decode_body<InitProducerIdRequest>(decode_init_producer_id_request,
                                               init_producer_id_body(version, transactional_id), version);
        }

        InitProducerIdResponse response;
        response.producer_id = ProducerId{4'000};
        response.producer_epoch = ProducerEpoch{2};
        WireWriter encoded;
        encode_init_producer_id_response(encoded, response, version);
        WireReader in(encoded.buffer());
        REQUIRE(in.int32() == 0);
        REQUIRE(in.int16() == 0);
        REQUIRE(in.int64() == 4'000);
        REQUIRE(in.int16() == 2);
        if (flexible) REQUIRE(in.unsigned_varint() == 0);  // no tagged fields
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("InitProducerId requests skip unknown tagged fields from v2") {
    for (std::int16_t version = 2; version <= 4; ++version) {
        CAPTURE(version);
        for (const std::optional<std::string>& transactional_id : {std::optional<std::string>(),
                                                                   std::optional<std::string>("txn-1")}) {
            decode_body<InitProducerIdRequest>(decode_init_producer_id_request,
                                               init_producer_id_body(version, transactional_id, true), version);
        }
    }
}

TEST_CASE("InitProducerId v3 requests and v4 responses byte for byte") {
    // Null compact transactional id, timeout 60000, no current producer id and epoch (-1),
    // no tags.
    const std::string body = init_producer_id_body(3, std::nullopt);
    REQUIRE(body == std::string("\x00" "\x00\x00\xea\x60", 5) + std::string(10, '\xff') + std::string(1, '\0'));
    decode_body<InitProducerIdRequest>(decode_init_producer_id_request, body, 3);

    InitProducerIdResponse response;
    response.producer_id = ProducerId{1};
    response.producer_epoch = ProducerEpoch{0};
    WireWriter encoded;
    encode_init_producer_id_response(encoded, response, 4);
    REQUIRE(encoded.buffer() == std::string("\0\0\0\0" "\0\0" "\0\0\0\0\0\0\0\x01" "\0\0" "\0", 17));
}

TEST_CASE("truncated admin request bodies are malformed") {
    const std::string create = create_topics_body(4, {{"orders", -1, -1, {{0, {1}}}, {{"retention.ms", "1000"}}}});
    require_every_prefix_throws(decode_create_topics_request, create, 4);

    WireWriter remove;
    remove.array_length(1);
    remove.string("orders");
    remove.int32(30'000);
    require_every_prefix_throws(decode_delete_topics_request, remove.buffer(), 3);

    for (std::int16_t version = 0; version <= 4; ++version) {
        CAPTURE(version);
        for (const bool unknown_tag : {false, true}) {
            if (unknown_tag && version < 2) continue;
            require_every_prefix_throws(decode_init_producer_id_request,
                                        init_producer_id_body(version, std::string("txn-1"), unknown_tag), version);
            require_every_prefix_throws(decode_init_producer_id_request,
                                        init_producer_id_body(version, std::nullopt, unknown_tag), version);
        }
    }
}
