#pragma once
// What a ZooKeeper server keeps on its disk (dataDir): the committed tree, the
// transactions it logged but has not seen committed, and its epochs. ZooKeeper fsyncs
// its transaction log before it acknowledges a proposal, so the model treats every
// write as flushed: a power loss loses nothing this server acknowledged.
#include <cstdint>
#include <deque>

#include "broker_model/zookeeper/data_tree.h"
#include "broker_model/zookeeper/txn.h"
#include "sim/disk.h"

namespace kafkalab::kafka::zk {

struct ZkDatabase final : sim::DurableState {
    static constexpr const char* disk_key = "zookeeper";

    /// Every committed transaction this server has applied.
    DataTree tree;
    /// Proposals logged (and acknowledged) but not yet known to be committed, in
    /// zxid order; all are above tree.last_zxid().
    std::deque<Txn> uncommitted;
    /// The highest epoch this server agreed to (ZooKeeper's acceptedEpoch file). Only
    /// grows; a server never follows a newly proposed leader of an older or equal epoch.
    std::int64_t accepted_epoch = 0;

    /// The last zxid in the log: what leader election compares.
    Zxid last_logged_zxid() const { return uncommitted.empty() ? tree.last_zxid() : uncommitted.back().zxid; }

    void lose_unflushed() override {}  // everything is fsynced before it is acknowledged
};

}  // namespace kafkalab::kafka::zk
