// The group membership APIs: FindCoordinator v0-2, JoinGroup v0-5, SyncGroup v0-3,
// Heartbeat v0-3 and LeaveGroup v0-3. Every version here is below its API's first
// flexible version (supported_apis.cpp), so strings, bytes and arrays are the classic
// ones and there are no tagged fields.
//
// Static membership (KIP-345, group_instance_id from JoinGroup v5, SyncGroup and
// Heartbeat v3, LeaveGroup v3) is not modelled: instance ids are read and dropped, and
// written back as null.
#include "broker_model/wire/api_codecs.h"
#include "broker_model/wire/consumer_protocol.h"

namespace kafkalab::kafka::wire {

RequestPtr decode_find_coordinator_request(WireReader& in, std::int16_t version) {
    auto request = std::make_shared<FindCoordinatorRequest>();
    request->key = in.string();
    // key_type 1 asks for a transaction coordinator, which the model does not have; the
    // request still goes through as a group lookup, whose coordinator a transactional
    // producer cannot use, rather than failing the connection.
    if (version >= 1) in.int8();  // key_type
    return request;
}

void encode_find_coordinator_response(WireWriter& out, const FindCoordinatorResponse& response,
                                      std::int16_t version, const EncodeContext& context) {
    if (version >= 1) out.int32(0);  // throttle_time_ms
    out.int16(static_cast<std::int16_t>(response.error));
    if (version >= 1) out.nullable_string(std::nullopt);  // error_message: the model has no text
    if (response.error != Error::none) {
        // Kafka's answer when there is no coordinator to name.
        out.int32(-1);
        out.string("");
        out.int32(-1);
        return;
    }
    // Real clients reach the simulated coordinator where the context says, not at its
    // simulated host name.
    const AdvertisedAddress address = context.address(response.node_id, response.host, response.port);
    out.int32(response.node_id.value);
    out.string(address.host);
    out.int32(address.port);
}

RequestPtr decode_join_group_request(WireReader& in, std::int16_t version) {
    auto request = std::make_shared<JoinGroupRequest>();
    request->group_id = in.string();
    request->session_timeout_ms = in.int32();
    // Before v1 there is no rebalance timeout and Kafka uses the session timeout.
    request->rebalance_timeout_ms = version >= 1 ? in.int32() : request->session_timeout_ms;
    request->member_id = in.string();
    if (version >= 5) in.nullable_string();  // group_instance_id
    request->require_known_member_id = version >= 4;
    request->protocol_type = in.string();
    // client_id and client_host come from the request header and the connection, which
    // the dispatcher knows and this body does not.
    const std::int32_t protocols = in.array_length();
    for (std::int32_t i = 0; i < protocols; ++i) {
        std::string name = in.string();
        const std::string_view metadata = in.bytes();
        // Metadata that is not a consumer subscription, or does not parse, becomes an
        // empty subscription: the member still joins, and a leader skips a member with
        // no topics, instead of the whole connection failing.
        std::optional<GroupProtocol> subscription;
        if (request->protocol_type == "consumer") subscription = decode_subscription(metadata);
        GroupProtocol protocol = subscription.value_or(GroupProtocol{});
        protocol.name = std::move(name);
        request->protocols.push_back(std::move(protocol));
    }
    return request;
}

void encode_join_group_response(WireWriter& out, const JoinGroupResponse& response, std::int16_t version) {
    if (version >= 2) out.int32(0);  // throttle_time_ms
    out.int16(static_cast<std::int16_t>(response.error));
    out.int32(response.generation_id.value);
    out.string(response.protocol_name);
    out.string(response.leader);
    // With MEMBER_ID_REQUIRED this is the id the coordinator generated, which the client
    // sends back on its second join (KIP-394).
    out.string(response.member_id);
    out.array_length(static_cast<std::int32_t>(response.members.size()));
    for (const JoinGroupMember& member : response.members) {
        out.string(member.member_id);
        if (version >= 5) out.nullable_string(std::nullopt);  // group_instance_id
        out.bytes(encode_subscription(member.metadata));
    }
}

RequestPtr decode_sync_group_request(WireReader& in, std::int16_t version) {
    auto request = std::make_shared<SyncGroupRequest>();
    request->group_id = in.string();
    request->generation_id = Generation{in.int32()};
    request->member_id = in.string();
    if (version >= 3) in.nullable_string();  // group_instance_id
    const std::int32_t assignments = in.array_length();
    for (std::int32_t i = 0; i < assignments; ++i) {
        std::string member_id = in.string();
        // Bytes that are not a consumer assignment give the member nothing, as an
        // assignment the member itself could not read would.
        auto partitions = decode_assignment(in.bytes()).value_or(std::vector<TopicPartition>{});
        // A member listed twice keeps its last assignment.
        request->assignments[std::move(member_id)] = std::move(partitions);
    }
    return request;
}

void encode_sync_group_response(WireWriter& out, const SyncGroupResponse& response, std::int16_t version) {
    if (version >= 1) out.int32(0);  // throttle_time_ms
    out.int16(static_cast<std::int16_t>(response.error));
    // Kafka answers an error with empty assignment bytes.
    out.bytes(response.error == Error::none ? encode_assignment(response.assignment) : std::string());
}

RequestPtr decode_heartbeat_request(WireReader& in, std::int16_t version) {
    auto request = std::make_shared<HeartbeatRequest>();
    request->group_id = in.string();
    request->generation_id = Generation{in.int32()};
    request->member_id = in.string();
    if (version >= 3) in.nullable_string();  // group_instance_id
    return request;
}

void encode_heartbeat_response(WireWriter& out, const HeartbeatResponse& response, std::int16_t version) {
    if (version >= 1) out.int32(0);  // throttle_time_ms
    out.int16(static_cast<std::int16_t>(response.error));
}

RequestPtr decode_leave_group_request(WireReader& in, std::int16_t version) {
    auto request = std::make_shared<LeaveGroupRequest>();
    request->group_id = in.string();
    if (version <= 2) {
        request->member_id = in.string();
        return request;
    }
    // v3 batches members for admin tools removing static members; consumers (kafkajs,
    // the Java client) send only themselves. The model leaves one member, the first;
    // an empty batch leaves member "", which the coordinator does not know.
    const std::int32_t members = in.array_length();
    for (std::int32_t i = 0; i < members; ++i) {
        std::string member_id = in.string();
        in.nullable_string();  // group_instance_id
        if (i == 0) request->member_id = std::move(member_id);
    }
    return request;
}

void encode_leave_group_response(WireWriter& out, const LeaveGroupResponse& response, std::int16_t version) {
    if (version >= 1) out.int32(0);  // throttle_time_ms
    out.int16(static_cast<std::int16_t>(response.error));
    // v3 answers per member, but the model's response does not say which member left.
    // The outcome travels in the top-level error instead and the member list is empty,
    // which is also Kafka's answer to a group-level error; kafkajs checks both.
    if (version >= 3) out.array_length(0);
}

}  // namespace kafkalab::kafka::wire
