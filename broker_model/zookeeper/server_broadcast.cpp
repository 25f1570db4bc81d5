// ZAB's broadcast phase: writes reach the leader, become proposals with a zxid, commit
// with a quorum of acknowledgements, and are applied everywhere in zxid order. Also
// the leader's session expiry, which is itself a committed write (closeSession).
#include <cassert>

#include "broker_model/zookeeper/prep_request.h"
#include "broker_model/zookeeper/zookeeper_server.h"

namespace kafkalab::kafka::zk {

void ZooKeeperServer::submit_write(ClientWrite write) {
    if (established_leader()) return propose(write);
    if (role_ != ServerRole::following || !serving_) return;  // the connection is being closed anyway
    auto forward = std::make_shared<ZkForward>();
    forward->epoch = db_->accepted_epoch;
    forward->write = std::move(write);
    send_to_server(leader_sid_, std::move(forward));
}

void ZooKeeperServer::propose(const ClientWrite& write) {
    auto time_ms = std::chrono::duration_cast<std::chrono::milliseconds>(context().now().time_since_epoch()).count();
    Txn txn = prepare_txn(prospective_, write, make_zxid(db_->accepted_epoch, ++zxid_counter_), time_ms, sid_);
    prospective_.apply(txn);
    // ZooKeeper's leader tracks a new session from the moment it prepares it.
    if (txn.type == TxnType::create_session) sessions_.touch(txn.session, txn.timeout, context().now());
    db_->uncommitted.push_back(txn);  // logged, and fsynced, before it counts as acknowledged
    acks_[txn.zxid].insert(sid_);
    for (const auto& [peer, state] : followers_) {
        auto proposal = std::make_shared<ZkProposal>();
        proposal->epoch = db_->accepted_epoch;
        proposal->txn = txn;
        send_to_server(peer, std::move(proposal));
    }
    commit_ready();
}

void ZooKeeperServer::on_forward(int from_sid, const ZkForward& forward) {
    if (!established_leader() || forward.epoch != db_->accepted_epoch || !followers_.count(from_sid)) return;
    propose(forward.write);
}

void ZooKeeperServer::on_proposal(const ZkProposal& proposal) {
    if (role_ != ServerRole::following || proposal.epoch != db_->accepted_epoch) return;
    if (proposal.txn.zxid <= db_->last_logged_zxid()) return;  // already in the snapshot or the log
    if (!follows_without_gap(proposal.txn.zxid)) {
        // ZAB runs over TCP, which never skips a message; our lossy links can. A gap
        // is what a broken connection would have been: leave the leader and sync anew,
        // instead of applying a write whose predecessor never arrived.
        return become_looking("missed a proposal");
    }
    db_->uncommitted.push_back(proposal.txn);
    auto ack = std::make_shared<ZkAck>();
    ack->sid = sid_;
    ack->epoch = proposal.epoch;
    ack->zxid = proposal.txn.zxid;
    send_to_server(leader_sid_, std::move(ack));
}

bool ZooKeeperServer::follows_without_gap(Zxid zxid) const {
    // Zxids count up by one within an epoch; a new epoch's first proposal is number 1.
    const Zxid last = db_->last_logged_zxid();
    if (zxid_epoch(zxid) != zxid_epoch(last)) return zxid_counter(zxid) == 1;
    return zxid_counter(zxid) == zxid_counter(last) + 1;
}

void ZooKeeperServer::on_ack(const ZkAck& ack) {
    if (!established_leader() || ack.epoch != db_->accepted_epoch || !followers_.count(ack.sid)) return;
    auto proposal = acks_.find(ack.zxid);
    if (proposal == acks_.end()) return;  // committed already
    proposal->second.insert(ack.sid);
    commit_ready();
}

void ZooKeeperServer::commit_ready() {
    // Commits go strictly in zxid order: a later proposal with a quorum waits for the
    // earlier ones (followers log in order, so it rarely has to).
    while (!acks_.empty() && acks_.begin()->second.size() >= quorum_size()) {
        Zxid zxid = acks_.begin()->first;
        acks_.erase(acks_.begin());
        assert(!db_->uncommitted.empty() && db_->uncommitted.front().zxid == zxid);
        Txn txn = std::move(db_->uncommitted.front());
        db_->uncommitted.pop_front();
        for (const auto& [peer, state] : followers_) {
            auto commit = std::make_shared<ZkCommit>();
            commit->epoch = db_->accepted_epoch;
            commit->zxid = zxid;
            send_to_server(peer, std::move(commit));
        }
        apply_committed(txn);
        if (!established_leader()) return;  // applying cannot end leadership, but be safe
    }
}

void ZooKeeperServer::on_commit(const ZkCommit& commit) {
    if (role_ != ServerRole::following || commit.epoch != db_->accepted_epoch) return;
    while (!db_->uncommitted.empty() && db_->uncommitted.front().zxid <= commit.zxid) {
        Txn txn = std::move(db_->uncommitted.front());
        db_->uncommitted.pop_front();
        apply_committed(txn);
    }
}

void ZooKeeperServer::apply_committed(const Txn& txn) {
    auto triggers = db_->tree.apply(txn);
    if (txn.type == TxnType::close_session) sessions_.remove(txn.session);
    // As ZooKeeper's FinalRequestProcessor: watches fire before the writer's answer.
    deliver_watches(watches_.trigger(triggers));
    if (txn.origin_sid == sid_) finish_write(txn);
    if (txn.type == TxnType::close_session) close_session_connections(txn.session, "session closed");
}

void ZooKeeperServer::arm_expiry_timer() {
    sim::Time next = sessions_.round_up(context().now());
    expiry_timer_ = context().set_timer(next - context().now(), "zk-session-expiry", [this] { on_expiry_timer(); });
}

void ZooKeeperServer::on_expiry_timer() {
    expiry_timer_ = {};
    if (!established_leader()) return;
    for (SessionId session : sessions_.take_expired(context().now())) {
        ClientWrite close;
        close.op = OpCode::close_session;
        close.session = session;
        propose(close);
    }
    arm_expiry_timer();
}

}  // namespace kafkalab::kafka::zk
