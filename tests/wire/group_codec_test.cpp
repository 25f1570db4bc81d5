// FindCoordinator, JoinGroup, SyncGroup, Heartbeat and LeaveGroup bodies in every
// supported version. Requests are written here field by field as a client writes them
// from Kafka's message schemas; responses are read back field by field the same way.
#include <catch2/catch.hpp>

#include "broker_model/wire/api_codecs.h"
#include "wire/codec_test_support.h"
#include "broker_model/wire/consumer_protocol.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

std::string subscription_v1(const std::vector<std::string>& topics) {
    WireWriter out;
    out.int16(1);
    out.array_length(static_cast<std::int32_t>(topics.size()));
    for (const auto& topic : topics) out.string(topic);
    out.bytes("");
    out.array_length(1);  // owned_partitions
    out.string(topics.front());
    out.array_length(1);
    out.int32(0);
    return out.take();
}

std::string subscription_v0(const std::vector<std::string>& topics) {
    WireWriter out;
    out.int16(0);
    out.array_length(static_cast<std::int32_t>(topics.size()));
    for (const auto& topic : topics) out.string(topic);
    out.bytes("");
    return out.take();
}

std::string join_group_body(std::int16_t version, const std::string& protocol_type,
                            const std::vector<std::pair<std::string, std::string>>& protocols) {
    WireWriter out;
    out.string("payments-app");
    out.int32(10'000);                    // session_timeout_ms
    if (version >= 1) out.int32(60'000);  // rebalance_timeout_ms
    out.string("rdkafka-1234");
    if (version >= 5) out.nullable_string(std::nullopt);  // group_instance_id
    out.string(protocol_type);
    out.array_length(static_cast<std::int32_t>(protocols.size()));
    for (const auto& [name, metadata] : protocols) {
        out.string(name);
        out.bytes(metadata);
    }
    return out.take();
}

}  // namespace

TEST_CASE("FindCoordinator requests decode the group id in every version") {
    for (std::int16_t version = 0; version <= 2; ++version) {
        CAPTURE(version);
        WireWriter out;
        out.string("payments-app");
        if (version >= 1) out.int8(0);  // key_type: group
        const auto request =
            decode_body<FindCoordinatorRequest>(decode_find_coordinator_request, out.buffer(), version);
        REQUIRE(request->key == "payments-app");
    }
}

TEST_CASE("FindCoordinator responses advertise the coordinator at its mapped address") {
    EncodeContext context;
    std::string asked_host;
    std::int32_t asked_port = 0;
    context.address = [&](BrokerId id, std::string_view host, std::int32_t port) {
        asked_host = host;
        asked_port = port;
        return AdvertisedAddress{"127.0.0.1", 19'090 + id.value};
    };
    FindCoordinatorResponse response;
    response.node_id = BrokerId{2};
    response.host = "broker-2";
    response.port = 9092;
    for (std::int16_t version = 0; version <= 2; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_find_coordinator_response(out, response, version, context);
        REQUIRE(asked_host == "broker-2");
        REQUIRE(asked_port == 9092);
        WireReader in(out.buffer());
        if (version >= 1) REQUIRE(in.int32() == 0);  // throttle_time_ms
        REQUIRE(in.int16() == 0);
        if (version >= 1) REQUIRE_FALSE(in.nullable_string());  // error_message
        REQUIRE(in.int32() == 2);
        REQUIRE(in.string() == "127.0.0.1");
        REQUIRE(in.int32() == 19'092);
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("FindCoordinator responses with an error name no coordinator") {
    EncodeContext context;
    context.address = [](BrokerId, std::string_view, std::int32_t) -> AdvertisedAddress {
        FAIL("no address is mapped for an error");
        return {};
    };
    FindCoordinatorResponse response;
    response.error = Error::coordinator_not_available;
    for (std::int16_t version = 0; version <= 2; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_find_coordinator_response(out, response, version, context);
        WireReader in(out.buffer());
        if (version >= 1) REQUIRE(in.int32() == 0);
        REQUIRE(in.int16() == 15);
        if (version >= 1) REQUIRE_FALSE(in.nullable_string());
        REQUIRE(in.int32() == -1);
        REQUIRE(in.string().empty());
        REQUIRE(in.int32() == -1);
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("JoinGroup requests decode timeouts and consumer subscriptions in every version") {
    for (std::int16_t version = 0; version <= 5; ++version) {
        CAPTURE(version);
        const std::string body = join_group_body(
            version, "consumer",
            {{"range", subscription_v1({"orders", "payments"})}, {"roundrobin", subscription_v0({"orders"})}});
        const auto request = decode_body<JoinGroupRequest>(decode_join_group_request, body, version);
        REQUIRE(request->group_id == "payments-app");
        REQUIRE(request->session_timeout_ms == 10'000);
        // v0 has no rebalance timeout: Kafka uses the session timeout.
        REQUIRE(request->rebalance_timeout_ms == (version >= 1 ? 60'000 : 10'000));
        REQUIRE(request->member_id == "rdkafka-1234");
        REQUIRE(request->protocol_type == "consumer");
        REQUIRE(request->protocols.size() == 2);
        REQUIRE(request->protocols[0].name == "range");
        REQUIRE(request->protocols[0].topics == std::vector<std::string>{"orders", "payments"});
        REQUIRE(request->protocols[0].owned_partitions == std::vector<TopicPartition>{{"orders", 0}});
        REQUIRE(request->protocols[1].name == "roundrobin");
        REQUIRE(request->protocols[1].topics == std::vector<std::string>{"orders"});
    }
}

TEST_CASE("JoinGroup metadata that is not a consumer subscription joins with an empty one") {
    const std::string body = join_group_body(5, "consumer", {{"range", "garbage"}});
    const auto request = decode_body<JoinGroupRequest>(decode_join_group_request, body, 5);
    REQUIRE(request->protocols.size() == 1);
    REQUIRE(request->protocols[0].name == "range");
    REQUIRE(request->protocols[0].topics.empty());

    const std::string connect = join_group_body(5, "connect", {{"sessioned", subscription_v0({"orders"})}});
    const auto other = decode_body<JoinGroupRequest>(decode_join_group_request, connect, 5);
    REQUIRE(other->protocol_type == "connect");
    REQUIRE(other->protocols[0].name == "sessioned");
    REQUIRE(other->protocols[0].topics.empty());
}

TEST_CASE("JoinGroup responses give the leader each member's subscription in every version") {
    JoinGroupResponse response;
    response.generation_id = Generation{3};
    response.protocol_name = "range";
    response.leader = "member-a";
    response.member_id = "member-a";
    response.members = {{"member-a", "rdkafka", "/10.0.0.1", {"range", {"orders"}, {{"orders", 0}}, -1}},
                        {"member-b", "kafkajs", "/10.0.0.2", {"range", {"orders", "payments"}, {}, -1}}};
    for (std::int16_t version = 0; version <= 5; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_join_group_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 2) REQUIRE(in.int32() == 0);  // throttle_time_ms
        REQUIRE(in.int16() == 0);
        REQUIRE(in.int32() == 3);
        REQUIRE(in.string() == "range");
        REQUIRE(in.string() == "member-a");
        REQUIRE(in.string() == "member-a");
        REQUIRE(in.array_length() == 2);

        REQUIRE(in.string() == "member-a");
        if (version >= 5) REQUIRE_FALSE(in.nullable_string());  // group_instance_id
        // The subscription as a librdkafka leader reads it: version, topics, user data,
        // owned partitions from version 1.
        WireReader first(in.bytes());
        REQUIRE(first.int16() == 1);
        REQUIRE(first.array_length() == 1);
        REQUIRE(first.string() == "orders");
        REQUIRE(first.nullable_bytes() == std::optional<std::string_view>(""));
        REQUIRE(first.array_length() == 1);
        REQUIRE(first.string() == "orders");
        REQUIRE(first.array_length() == 1);
        REQUIRE(first.int32() == 0);
        REQUIRE(first.remaining() == 0);

        REQUIRE(in.string() == "member-b");
        if (version >= 5) REQUIRE_FALSE(in.nullable_string());
        const auto second = decode_subscription(in.bytes());
        REQUIRE(second);
        REQUIRE(second->topics == std::vector<std::string>{"orders", "payments"});
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("JoinGroup MEMBER_ID_REQUIRED responses carry the generated member id") {
    JoinGroupResponse response;
    response.error = Error::member_id_required;
    response.member_id = "rdkafka-0f3c";
    for (std::int16_t version = 4; version <= 5; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_join_group_response(out, response, version);
        WireReader in(out.buffer());
        REQUIRE(in.int32() == 0);
        REQUIRE(in.int16() == 79);
        REQUIRE(in.int32() == -1);
        REQUIRE(in.string().empty());
        REQUIRE(in.string().empty());
        REQUIRE(in.string() == "rdkafka-0f3c");
        REQUIRE(in.array_length() == 0);
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("SyncGroup requests decode the leader's assignments in every version") {
    for (std::int16_t version = 0; version <= 3; ++version) {
        CAPTURE(version);
        WireWriter out;
        out.string("payments-app");
        out.int32(3);  // generation_id
        out.string("member-a");
        if (version >= 3) out.nullable_string(std::nullopt);  // group_instance_id
        out.array_length(3);
        out.string("member-a");
        out.bytes(encode_assignment({{"orders", 0}, {"orders", 1}}));
        out.string("member-b");
        WireWriter assignment;  // as librdkafka writes it: version 0, user data empty
        assignment.int16(0);
        assignment.array_length(1);
        assignment.string("payments");
        assignment.array_length(1);
        assignment.int32(2);
        assignment.bytes("");
        out.bytes(assignment.buffer());
        out.string("member-c");
        out.bytes("");  // nothing for this member
        const auto request = decode_body<SyncGroupRequest>(decode_sync_group_request, out.buffer(), version);
        REQUIRE(request->group_id == "payments-app");
        REQUIRE(request->generation_id == Generation{3});
        REQUIRE(request->member_id == "member-a");
        REQUIRE(request->assignments.size() == 3);
        REQUIRE(request->assignments.at("member-a") == std::vector<TopicPartition>{{"orders", 0}, {"orders", 1}});
        REQUIRE(request->assignments.at("member-b") == std::vector<TopicPartition>{{"payments", 2}});
        REQUIRE(request->assignments.at("member-c").empty());
    }
}

TEST_CASE("SyncGroup requests from a follower carry no assignments") {
    WireWriter out;
    out.string("payments-app");
    out.int32(3);
    out.string("member-b");
    out.nullable_string(std::nullopt);
    out.array_length(0);
    const auto request = decode_body<SyncGroupRequest>(decode_sync_group_request, out.buffer(), 3);
    REQUIRE(request->member_id == "member-b");
    REQUIRE(request->assignments.empty());
}

TEST_CASE("SyncGroup responses carry the member's assignment bytes in every version") {
    SyncGroupResponse response;
    response.assignment = {{"orders", 0}, {"orders", 1}};
    for (std::int16_t version = 0; version <= 3; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_sync_group_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 1) REQUIRE(in.int32() == 0);
        REQUIRE(in.int16() == 0);
        WireReader assignment(in.bytes());
        REQUIRE(assignment.int16() == 0);
        REQUIRE(assignment.array_length() == 1);
        REQUIRE(assignment.string() == "orders");
        REQUIRE(assignment.array_length() == 2);
        REQUIRE(assignment.int32() == 0);
        REQUIRE(assignment.int32() == 1);
        REQUIRE(assignment.nullable_bytes() == std::optional<std::string_view>(""));
        REQUIRE(assignment.remaining() == 0);
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("SyncGroup responses with an error carry empty assignment bytes") {
    SyncGroupResponse response;
    response.error = Error::rebalance_in_progress;
    for (std::int16_t version = 0; version <= 3; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_sync_group_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 1) REQUIRE(in.int32() == 0);
        REQUIRE(in.int16() == 27);
        REQUIRE(in.bytes().empty());
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("Heartbeat requests and responses in every version") {
    for (std::int16_t version = 0; version <= 3; ++version) {
        CAPTURE(version);
        WireWriter out;
        out.string("payments-app");
        out.int32(4);
        out.string("member-a");
        if (version >= 3) out.nullable_string(std::string("instance-1"));
        const auto request = decode_body<HeartbeatRequest>(decode_heartbeat_request, out.buffer(), version);
        REQUIRE(request->group_id == "payments-app");
        REQUIRE(request->generation_id == Generation{4});
        REQUIRE(request->member_id == "member-a");

        HeartbeatResponse response;
        response.error = Error::rebalance_in_progress;
        WireWriter encoded;
        encode_heartbeat_response(encoded, response, version);
        WireReader in(encoded.buffer());
        if (version >= 1) REQUIRE(in.int32() == 0);
        REQUIRE(in.int16() == 27);
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("LeaveGroup requests name the leaving member in every version") {
    for (std::int16_t version = 0; version <= 3; ++version) {
        CAPTURE(version);
        WireWriter out;
        out.string("payments-app");
        if (version <= 2) {
            out.string("member-a");
        } else {
            out.array_length(1);
            out.string("member-a");
            out.nullable_string(std::nullopt);
        }
        const auto request = decode_body<LeaveGroupRequest>(decode_leave_group_request, out.buffer(), version);
        REQUIRE(request->group_id == "payments-app");
        REQUIRE(request->member_id == "member-a");
    }
}

TEST_CASE("LeaveGroup v3 batches leave their first member") {
    WireWriter out;
    out.string("payments-app");
    out.array_length(2);
    out.string("member-a");
    out.nullable_string(std::string("instance-a"));
    out.string("member-b");
    out.nullable_string(std::nullopt);
    const auto request = decode_body<LeaveGroupRequest>(decode_leave_group_request, out.buffer(), 3);
    REQUIRE(request->member_id == "member-a");
}

TEST_CASE("LeaveGroup responses in every version") {
    LeaveGroupResponse response;
    response.error = Error::unknown_member_id;
    for (std::int16_t version = 0; version <= 3; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_leave_group_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 1) REQUIRE(in.int32() == 0);
        REQUIRE(in.int16() == 25);
        if (version >= 3) REQUIRE(in.array_length() == 0);  // members: the model does not name them
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("truncated group request bodies are malformed") {
    const std::string join = join_group_body(5, "consumer", {{"range", subscription_v1({"orders"})}});
    require_every_prefix_throws(decode_join_group_request, join, 5);

    WireWriter sync;
    sync.string("payments-app");
    sync.int32(1);
    sync.string("member-a");
    sync.nullable_string(std::nullopt);
    sync.array_length(1);
    sync.string("member-a");
    sync.bytes(encode_assignment({{"orders", 0}}));
    require_every_prefix_throws(decode_sync_group_request, sync.buffer(), 3);

    WireWriter find;
    find.string("payments-app");
    find.int8(0);
    require_every_prefix_throws(decode_find_coordinator_request, find.buffer(), 2);
}
