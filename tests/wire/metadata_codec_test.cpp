// Metadata v0-8 bodies. Requests are written here field by field as a client writes
// them from Kafka's message schemas; responses are read back field by field the same
// way, with brokers advertised at the addresses real clients reach them at.
#include <catch2/catch.hpp>

#include <climits>
#include <tuple>

#include "broker_model/wire/api_codecs.h"
#include "wire/codec_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

/// A client's topic list: names, or null (-1) for all topics.
std::string metadata_body(std::int16_t version, const std::optional<std::vector<std::string>>& topics,
                          bool allow_auto_topic_creation = true) {
    WireWriter out;
    if (!topics) {
        out.array_length(-1);
    } else {
        out.array_length(static_cast<std::int32_t>(topics->size()));
        for (const auto& topic : *topics) out.string(topic);
    }
    if (version >= 4) out.boolean(allow_auto_topic_creation);
    if (version >= 8) {
        out.boolean(false);  // include_cluster_authorized_operations
        out.boolean(true);   // include_topic_authorized_operations
    }
    return out.take();
}

/// "broker-N" is reached at 127.0.0.1:9091+N, as a serving listener maps it.
struct AddressBook {
    std::vector<std::tuple<BrokerId, std::string, std::int32_t>> asked;

    EncodeContext context(std::string cluster_id = "kafkalab") {
        EncodeContext context;
        context.cluster_id = std::move(cluster_id);
        context.address = [this](BrokerId id, std::string_view host, std::int32_t port) {
            asked.emplace_back(id, std::string(host), port);
            const std::int32_t n = std::stoi(std::string(host.substr(std::string_view("broker-").size())));
            return AdvertisedAddress{"127.0.0.1", 9091 + n};
        };
        return context;
    }
};

MetadataResponse two_brokers_two_topics() {
    MetadataResponse response;
    response.brokers = {{BrokerId{1}, "broker-1", 9092, "rack-a"}, {BrokerId{2}, "broker-2", 9092, ""}};
    response.controller_id = BrokerId{2};
    TopicMetadata orders;
    orders.name = "orders";
    PartitionMetadata p0;
    p0.partition = 0;
    p0.leader = BrokerId{1};
    p0.leader_epoch = LeaderEpoch{3};
    p0.replicas = {BrokerId{1}, BrokerId{2}};
    p0.isr = {BrokerId{1}, BrokerId{2}};
    PartitionMetadata p1;
    p1.error = Error::leader_not_available;
    p1.partition = 1;
    p1.leader = no_broker;
    p1.leader_epoch = LeaderEpoch{4};
    p1.replicas = {BrokerId{2}, BrokerId{1}};
    p1.isr = {};
    p1.offline_replicas = {BrokerId{2}};
    orders.partitions = {p0, p1};
    TopicMetadata offsets;
    offsets.name = "__consumer_offsets";
    offsets.is_internal = true;
    TopicMetadata missing;
    missing.error = Error::unknown_topic_or_partition;
    missing.name = "missing";
    response.topics = {orders, offsets, missing};
    return response;
}

std::vector<std::int32_t> read_ids(WireReader& in) {
    std::vector<std::int32_t> ids(static_cast<std::size_t>(in.array_length()));
    for (auto& id : ids) id = in.int32();
    return ids;
}

}  // namespace

TEST_CASE("Metadata v0 requests with an empty topic list ask for all topics") {
    const auto request = decode_body<MetadataRequest>(decode_metadata_request, metadata_body(0, std::vector<std::string>{}), 0);
    REQUIRE_FALSE(request->topics.has_value());
}

TEST_CASE("Metadata v0 requests with a null topic list are refused") {
    const std::string body = metadata_body(0, std::nullopt);
    WireReader in(body);
    REQUIRE_THROWS_AS(decode_metadata_request(in, 0), MalformedFrame);
}

TEST_CASE("Metadata v1 and later requests tell null for all topics from empty for none") {
    for (std::int16_t version = 1; version <= 8; ++version) {
        CAPTURE(version);
        const auto all = decode_body<MetadataRequest>(decode_metadata_request, metadata_body(version, std::nullopt), version);
        REQUIRE_FALSE(all->topics.has_value());
        const auto none =
            decode_body<MetadataRequest>(decode_metadata_request, metadata_body(version, std::vector<std::string>{}), version);
        REQUIRE(none->topics.has_value());
        REQUIRE(none->topics->empty());
    }
}

TEST_CASE("Metadata requests list named topics in order in every version") {
    for (std::int16_t version = 0; version <= 8; ++version) {
        CAPTURE(version);
        const std::string body = metadata_body(version, std::vector<std::string>{"orders", "payments"});
        const auto request = decode_body<MetadataRequest>(decode_metadata_request, body, version);
        REQUIRE(request->topics == std::optional<std::vector<std::string>>({"orders", "payments"}));
        REQUIRE(request->allow_auto_topic_creation);
        require_every_prefix_throws(decode_metadata_request, body, version);
    }
}

TEST_CASE("Metadata requests read allow_auto_topic_creation from v4") {
    for (std::int16_t version = 4; version <= 8; ++version) {
        CAPTURE(version);
        const auto request = decode_body<MetadataRequest>(
            decode_metadata_request, metadata_body(version, std::vector<std::string>{"orders"}, false), version);
        REQUIRE_FALSE(request->allow_auto_topic_creation);
    }
    // Before v4 the field does not exist and Kafka's default (true) holds.
    const auto v3 = decode_body<MetadataRequest>(decode_metadata_request,
                                                 metadata_body(3, std::vector<std::string>{"orders"}, false), 3);
    REQUIRE(v3->allow_auto_topic_creation);
}

TEST_CASE("Metadata v8 requests carry two authorized-operations booleans") {
    // Without them, the body is one byte short per boolean.
    const std::string v8 = metadata_body(8, std::nullopt);
    REQUIRE(v8.size() == 4 + 1 + 2);
    WireReader short_body(std::string_view(v8).substr(0, 6));
    REQUIRE_THROWS_AS(decode_metadata_request(short_body, 8), MalformedFrame);
    const std::string v7 = metadata_body(7, std::nullopt);
    WireReader v7_body_read_as_v8(v7);
    REQUIRE_THROWS_AS(decode_metadata_request(v7_body_read_as_v8, 8), MalformedFrame);
}

TEST_CASE("Metadata responses follow each version's layout with mapped broker addresses") {
    const MetadataResponse response = two_brokers_two_topics();
    for (std::int16_t version = 0; version <= 8; ++version) {
        CAPTURE(version);
        AddressBook book;
        WireWriter out;
        encode_metadata_response(out, response, version, book.context("cluster-7"));
        WireReader in(out.buffer());
        if (version >= 3) REQUIRE(in.int32() == 0);  // throttle_time_ms

        REQUIRE(in.array_length() == 2);
        REQUIRE(in.int32() == 1);
        REQUIRE(in.string() == "127.0.0.1");
        REQUIRE(in.int32() == 9092);
        if (version >= 1) REQUIRE(in.nullable_string() == std::optional<std::string>("rack-a"));
        REQUIRE(in.int32() == 2);
        REQUIRE(in.string() == "127.0.0.1");
        REQUIRE(in.int32() == 9093);
        if (version >= 1) REQUIRE(in.nullable_string() == std::nullopt);  // no rack: null, not ""

        if (version >= 2) REQUIRE(in.nullable_string() == std::optional<std::string>("cluster-7"));
        if (version >= 1) REQUIRE(in.int32() == 2);  // controller_id

        REQUIRE(in.array_length() == 3);
        // orders
        REQUIRE(in.int16() == 0);
        REQUIRE(in.string() == "orders");
        if (version >= 1) REQUIRE_FALSE(in.boolean());  // is_internal
        REQUIRE(in.array_length() == 2);
        REQUIRE(in.int16() == 0);
        REQUIRE(in.int32() == 0);
        REQUIRE(in.int32() == 1);  // leader
        if (version >= 7) REQUIRE(in.int32() == 3);  // leader_epoch
        REQUIRE(read_ids(in) == std::vector<std::int32_t>{1, 2});
        REQUIRE(read_ids(in) == std::vector<std::int32_t>{1, 2});
        if (version >= 5) REQUIRE(read_ids(in).empty());
        REQUIRE(in.int16() == 5);  // LEADER_NOT_AVAILABLE
        REQUIRE(in.int32() == 1);
        REQUIRE(in.int32() == -1);
        if (version >= 7) REQUIRE(in.int32() == 4);
        REQUIRE(read_ids(in) == std::vector<std::int32_t>{2, 1});
        REQUIRE(read_ids(in).empty());
        if (version >= 5) REQUIRE(read_ids(in) == std::vector<std::int32_t>{2});
        if (version >= 8) REQUIRE(in.int32() == INT32_MIN);  // topic_authorized_operations
        // __consumer_offsets
        REQUIRE(in.int16() == 0);
        REQUIRE(in.string() == "__consumer_offsets");
        if (version >= 1) REQUIRE(in.boolean());
        REQUIRE(in.array_length() == 0);
        if (version >= 8) REQUIRE(in.int32() == INT32_MIN);
        // missing
        REQUIRE(in.int16() == 3);  // UNKNOWN_TOPIC_OR_PARTITION
        REQUIRE(in.string() == "missing");
        if (version >= 1) REQUIRE_FALSE(in.boolean());
        REQUIRE(in.array_length() == 0);
        if (version >= 8) REQUIRE(in.int32() == INT32_MIN);

        if (version >= 8) REQUIRE(in.int32() == INT32_MIN);  // cluster_authorized_operations
        REQUIRE(in.remaining() == 0);

        // The mapping saw each broker's simulated host and port.
        REQUIRE(book.asked.size() == 2);
        REQUIRE(book.asked[0] == std::make_tuple(BrokerId{1}, std::string("broker-1"), 9092));
        REQUIRE(book.asked[1] == std::make_tuple(BrokerId{2}, std::string("broker-2"), 9092));
    }
}

TEST_CASE("Metadata responses name the cluster id the context gives") {
    AddressBook book;
    WireWriter out;
    MetadataResponse response;
    response.controller_id = BrokerId{1};
    encode_metadata_response(out, response, 2, book.context());
    WireReader in(out.buffer());
    REQUIRE(in.array_length() == 0);
    REQUIRE(in.nullable_string() == std::optional<std::string>("kafkalab"));
    REQUIRE(in.int32() == 1);
    REQUIRE(in.array_length() == 0);
    REQUIRE(in.remaining() == 0);
    REQUIRE(book.asked.empty());
}

TEST_CASE("Metadata responses without a controller say -1") {
    AddressBook book;
    WireWriter out;
    encode_metadata_response(out, MetadataResponse{}, 1, book.context());
    WireReader in(out.buffer());
    REQUIRE(in.array_length() == 0);
    REQUIRE(in.int32() == -1);
    REQUIRE(in.array_length() == 0);
    REQUIRE(in.remaining() == 0);
}
