#include "broker_model/zookeeper/zookeeper_server.h"

#include <cassert>

#include <fmt/format.h>

#include "broker_model/events/record_event.h"
#include "sim/simulation.h"

namespace kafkalab::kafka::zk {

ZooKeeperServer::ZooKeeperServer(sim::NodeContext& context, int sid, std::vector<sim::NodeIndex> ensemble,
                                 ZooKeeperConfig config)
    : Node(context), sid_(sid), ensemble_(std::move(ensemble)), config_(config), sessions_(config.tick_time) {
    assert(sid_ >= 1 && static_cast<std::size_t>(sid_) <= ensemble_.size());
    db_ = &context.disk().get_or_create<ZkDatabase>(ZkDatabase::disk_key);
}

void ZooKeeperServer::on_start() {
    note_role("started");
    on_heartbeat_timer();
}

void ZooKeeperServer::on_message(sim::NodeIndex from, const sim::MessagePtr& message) {
    switch (message->type()) {
        case message_type::connect_request:
            return on_connect_request(from, static_cast<const ZkConnectRequest&>(*message));
        case message_type::request:
            return on_client_request(from, std::static_pointer_cast<const ZkRequest>(message));
        default: return dispatch_quorum(from, *message);
    }
}

void ZooKeeperServer::dispatch_quorum(sim::NodeIndex from, const sim::Message& message) {
    auto from_sid = sid_of(from);
    if (!from_sid) return;  // only servers of this ensemble take part in the quorum
    if (role_ == ServerRole::leading) {
        auto follower = followers_.find(*from_sid);
        if (follower != followers_.end()) follower->second.last_heard = context().now();
    }
    // Only what the leader sends as leader shows it alive (its heartbeats are counted in
    // on_peer_heartbeat): the same server id rebooted and LOOKING is no leader.
    const bool from_leader = role_ == ServerRole::following && *from_sid == leader_sid_;
    if (from_leader && (message.type() == message_type::proposal || message.type() == message_type::commit)) {
        leader_last_heard_ = context().now();
    }
    switch (message.type()) {
        case message_type::peer_heartbeat: return on_peer_heartbeat(static_cast<const ZkPeerHeartbeat&>(message));
        case message_type::follower_info: return on_follower_info(static_cast<const ZkFollowerInfo&>(message));
        case message_type::new_leader: return on_new_leader(static_cast<const ZkNewLeader&>(message));
        case message_type::ack_new_leader: return on_ack_new_leader(static_cast<const ZkAckNewLeader&>(message));
        case message_type::forward: return on_forward(*from_sid, static_cast<const ZkForward&>(message));
        case message_type::proposal:
            if (*from_sid != leader_sid_) return;  // a proposal from a leader this server does not follow
            return on_proposal(static_cast<const ZkProposal&>(message));
        case message_type::ack: return on_ack(static_cast<const ZkAck&>(message));
        case message_type::commit:
            if (*from_sid != leader_sid_) return;
            return on_commit(static_cast<const ZkCommit&>(message));
        default: return;
    }
}

void ZooKeeperServer::on_disconnect(sim::NodeIndex peer) {
    if (auto peer_sid = sid_of(peer)) {
        // Whatever that server last said no longer holds; forgetting it lets an
        // election go ahead without waiting for its heartbeats to go stale.
        peers_.erase(*peer_sid);
        // A reset connection to the leader means it died: ZooKeeper's follower leaves
        // at once when its socket to the leader breaks, without waiting for syncLimit.
        if (role_ == ServerRole::following && *peer_sid == leader_sid_) return become_looking("leader connection lost");
        if (role_ == ServerRole::leading) followers_.erase(*peer_sid);
        return;
    }
    // A client's connection broke. Its session lives on until it expires.
    std::vector<ConnectionKey> broken;
    for (const auto& [key, connection] : connections_) {
        if (key.client == peer) broken.push_back(key);
    }
    for (const auto& key : broken) close_connection(key, nullptr);
}

std::optional<int> ZooKeeperServer::sid_of(sim::NodeIndex node) const {
    for (std::size_t i = 0; i < ensemble_.size(); ++i) {
        if (ensemble_[i] == node) return static_cast<int>(i + 1);
    }
    return std::nullopt;
}

void ZooKeeperServer::send_to_server(int sid, sim::MessagePtr message) {
    assert(sid != sid_);
    context().send(ensemble_[sid - 1], std::move(message));
}

void ZooKeeperServer::note_role(const char* why) {
    record_event(context(), ZkServerStateChanged{role_name(role_), role_ != ServerRole::looking, leader_sid_,
                                                 db_->accepted_epoch, why, db_->last_logged_zxid().value, serving_});
}

}  // namespace kafkalab::kafka::zk
