// Heartbeats, leader election, leader discovery and sync: how a ZooKeeper server finds
// a quorum and its role in it.
#include <algorithm>
#include <tuple>

#include "broker_model/zookeeper/zookeeper_server.h"

namespace kafkalab::kafka::zk {

void ZooKeeperServer::on_heartbeat_timer() {
    send_heartbeats();
    switch (role_) {
        case ServerRole::looking: look_for_leader(); break;
        case ServerRole::following:
            // syncLimit: a follower that hears nothing from its leader gives up on it.
            if (context().now() - leader_last_heard_ > config_.sync_timeout()) become_looking("leader silent");
            break;
        case ServerRole::leading: check_quorum(); break;
    }
    // ZooKeeper's leader pings its followers every half tick; every server here does,
    // since the same beat carries what an election needs.
    context().set_timer(config_.tick_time / 2, "zk-heartbeat", [this] { on_heartbeat_timer(); });
}

void ZooKeeperServer::send_heartbeats() {
    for (int peer = 1; peer <= static_cast<int>(ensemble_.size()); ++peer) {
        if (peer == sid_) continue;
        auto heartbeat = std::make_shared<ZkPeerHeartbeat>();
        heartbeat->sid = sid_;
        heartbeat->role = role_;
        heartbeat->epoch = db_->accepted_epoch;
        heartbeat->last_zxid = db_->last_logged_zxid();
        heartbeat->leader_sid = leader_sid_;
        heartbeat->established = established_leader();
        if (role_ == ServerRole::following && peer == leader_sid_) {
            // The follower's share of session liveness: ZooKeeper's learners report
            // the sessions they touched in their ping replies.
            heartbeat->touched_sessions.assign(touched_.begin(), touched_.end());
            touched_.clear();
        }
        send_to_server(peer, std::move(heartbeat));
    }
}

void ZooKeeperServer::on_peer_heartbeat(const ZkPeerHeartbeat& heartbeat) {
    peers_[heartbeat.sid] = PeerView{context().now(), heartbeat.role, heartbeat.epoch, heartbeat.last_zxid,
                                     heartbeat.leader_sid, heartbeat.established};
    bool newer_leader = heartbeat.role == ServerRole::leading && heartbeat.established &&
                        heartbeat.epoch > db_->accepted_epoch;
    // A leader of a newer epoch exists: this server's leader (or itself) is stale.
    if (newer_leader && role_ != ServerRole::looking) return become_looking("newer leader seen");
    if (role_ == ServerRole::following && heartbeat.sid == leader_sid_ && heartbeat.role == ServerRole::leading &&
        heartbeat.epoch == db_->accepted_epoch) {
        leader_last_heard_ = context().now();  // Learner's ping from the leader it synced with
    }
    if (role_ == ServerRole::leading && followers_.count(heartbeat.sid)) {
        for (SessionId session : heartbeat.touched_sessions) touch(session);
    }
    if (role_ == ServerRole::following && heartbeat.sid == leader_sid_ && heartbeat.established && !serving_) {
        // ZooKeeper's UPTODATE: the leader has its quorum, so followers may serve.
        serving_ = true;
        note_role("leader established");
    }
}

bool ZooKeeperServer::fresh(const PeerView& view) const {
    return context().now() - view.last_heard <= config_.tick_time;
}

void ZooKeeperServer::look_for_leader() {
    // An established leader within reach takes this server on.
    for (const auto& [peer, view] : peers_) {
        if (fresh(view) && view.role == ServerRole::leading && view.established && view.epoch >= db_->accepted_epoch) {
            auto info = std::make_shared<ZkFollowerInfo>();
            info->sid = sid_;
            info->accepted_epoch = db_->accepted_epoch;
            info->last_zxid = db_->last_logged_zxid();
            send_to_server(peer, std::move(info));
            return;
        }
    }
    // Otherwise a quorum of reachable servers, all looking, elects the one with the
    // highest (last zxid, server id): FastLeaderElection's total order on votes.
    std::size_t reachable = 1;
    auto best = std::make_tuple(db_->last_logged_zxid(), sid_);
    for (const auto& [peer, view] : peers_) {
        if (!fresh(view)) continue;
        if (view.role != ServerRole::looking) return;  // someone still follows or leads: let that settle
        ++reachable;
        best = std::max(best, std::make_tuple(view.last_zxid, peer));
    }
    if (reachable >= quorum_size() && std::get<1>(best) == sid_) stand_for_election();
}

void ZooKeeperServer::stand_for_election() {
    std::int64_t epoch = db_->accepted_epoch;
    for (const auto& [peer, view] : peers_) {
        if (fresh(view)) epoch = std::max(epoch, view.epoch);
    }
    role_ = ServerRole::leading;
    leader_sid_ = sid_;
    established_ = false;
    db_->accepted_epoch = epoch + 1;
    // ZAB: a new leader commits every proposal it logged; the others sync to it.
    for (const Txn& txn : db_->uncommitted) db_->tree.apply(txn);
    db_->uncommitted.clear();
    establish_deadline_ = context().now() + config_.init_timeout();
    followers_.clear();
    auto snapshot = std::make_shared<const DataTree>(db_->tree);
    for (const auto& [peer, view] : peers_) {
        if (!fresh(view) || view.role != ServerRole::looking) continue;
        auto offer = std::make_shared<ZkNewLeader>();
        offer->sid = sid_;
        offer->epoch = db_->accepted_epoch;
        offer->candidate_zxid = db_->tree.last_zxid();
        offer->snapshot = snapshot;
        send_to_server(peer, std::move(offer));
        followers_[peer] = FollowerState{context().now(), false};
    }
    note_role("elected, syncing followers");
    if (quorum_size() == 1) return establish();
    send_heartbeats();
}

void ZooKeeperServer::on_follower_info(const ZkFollowerInfo& info) {
    if (!established_leader() || info.accepted_epoch > db_->accepted_epoch) return;
    // A SNAP sync: the whole committed tree, then every proposal still outstanding,
    // so the newcomer logs and acknowledges them like any follower.
    auto offer = std::make_shared<ZkNewLeader>();
    offer->sid = sid_;
    offer->epoch = db_->accepted_epoch;
    offer->candidate_zxid = db_->tree.last_zxid();
    offer->established = true;
    offer->snapshot = std::make_shared<const DataTree>(db_->tree);
    send_to_server(info.sid, std::move(offer));
    followers_[info.sid] = FollowerState{context().now(), false};
    for (const Txn& txn : db_->uncommitted) {
        auto proposal = std::make_shared<ZkProposal>();
        proposal->epoch = db_->accepted_epoch;
        proposal->txn = txn;
        send_to_server(info.sid, std::move(proposal));
    }
}

void ZooKeeperServer::on_new_leader(const ZkNewLeader& offer) {
    if (role_ != ServerRole::looking) return;
    // A candidate needs a strictly newer epoch than any this server agreed to, so two
    // candidates of one epoch can never both win a quorum; an established leader may
    // re-take a follower of its own epoch.
    bool newer = offer.epoch > db_->accepted_epoch;
    bool rejoin = offer.established && offer.epoch == db_->accepted_epoch;
    if (!newer && !rejoin) return;
    // A candidate less up to date than this server could lose its committed writes.
    if (!offer.established && offer.candidate_zxid < db_->last_logged_zxid()) return;
    db_->accepted_epoch = offer.epoch;
    db_->tree = *offer.snapshot;
    db_->uncommitted.clear();  // ZAB's TRUNC: anything not in the leader's history goes
    role_ = ServerRole::following;
    leader_sid_ = offer.sid;
    leader_last_heard_ = context().now();
    serving_ = offer.established;
    auto ack = std::make_shared<ZkAckNewLeader>();
    ack->sid = sid_;
    ack->epoch = offer.epoch;
    send_to_server(offer.sid, std::move(ack));
    note_role("synced with leader");
    send_heartbeats();
}

void ZooKeeperServer::on_ack_new_leader(const ZkAckNewLeader& ack) {
    if (role_ != ServerRole::leading || ack.epoch != db_->accepted_epoch) return;
    auto follower = followers_.find(ack.sid);
    if (follower == followers_.end()) return;
    follower->second.acked_new_leader = true;
    if (established_) return;
    std::size_t acked = 1;
    for (const auto& [peer, state] : followers_) acked += state.acked_new_leader ? 1 : 0;
    if (acked >= quorum_size()) establish();
}

void ZooKeeperServer::establish() {
    established_ = true;
    serving_ = true;
    zxid_counter_ = 0;
    acks_.clear();
    prospective_ = db_->tree;
    // A new leader cannot know when sessions were last heard of: each gets a full
    // timeout from now, as ZooKeeper's leader does when it loads its session table.
    sessions_.reset(db_->tree.sessions(), context().now());
    arm_expiry_timer();
    note_role("established");
    send_heartbeats();
}

void ZooKeeperServer::check_quorum() {
    if (!established_) {
        if (context().now() >= establish_deadline_) become_looking("no quorum within initLimit");
        return;
    }
    std::size_t alive = 1;
    for (const auto& [peer, state] : followers_) {
        if (context().now() - state.last_heard <= config_.sync_timeout()) ++alive;
    }
    if (alive < quorum_size()) become_looking("lost quorum");
}

void ZooKeeperServer::become_looking(const char* why) {
    role_ = ServerRole::looking;
    leader_sid_ = 0;
    serving_ = false;
    established_ = false;
    followers_.clear();
    acks_.clear();
    touched_.clear();
    sessions_.clear();
    context().cancel_timer(expiry_timer_);
    expiry_timer_ = {};
    close_all_connections("server is not part of a quorum");
    note_role(why);
    send_heartbeats();
}

}  // namespace kafkalab::kafka::zk
