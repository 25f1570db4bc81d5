#pragma once
// The leader's check of a write (ZooKeeper's PrepRequestProcessor): against the tree as
// it will be once every earlier proposal commits, in ZooKeeper's order of checks, so
// conditional writes are linearizable and the first of two racing creates wins.
#include <cstdint>

#include "broker_model/zookeeper/data_tree.h"
#include "broker_model/zookeeper/txn.h"

namespace kafkalab::kafka::zk {

/// Turns `write` into the transaction with `zxid`: the change itself, or an error
/// transaction carrying the code the client will get. `leader_sid` seeds new session ids.
Txn prepare_txn(const DataTree& prospective, const ClientWrite& write, Zxid zxid, std::int64_t time_ms,
                int leader_sid);

/// A session id unique across leaders: the leader's id in the top byte, as ZooKeeper's
/// SessionTrackerImpl does, and the zxid of the session's creation below it.
SessionId make_session_id(int leader_sid, Zxid zxid);

}  // namespace kafkalab::kafka::zk
