// The pure parts of a server, without a network: the tree, the leader's checks,
// session expiry deadlines and watch tables.
#include <catch2/catch.hpp>

#include "broker_model/zookeeper/data_tree.h"
#include "broker_model/zookeeper/prep_request.h"
#include "broker_model/zookeeper/session_tracker.h"
#include "broker_model/zookeeper/watch_manager.h"

using namespace kafkalab;
using namespace kafkalab::kafka::zk;
using namespace std::chrono_literals;

namespace {

/// Prepares and applies one write as a leader would; returns the transaction.
Txn write(DataTree& tree, ClientWrite request) {
    Txn txn = prepare_txn(tree, request, tree.last_zxid() + 1, 0, 1);
    tree.apply(txn);
    return txn;
}

ClientWrite op(OpCode code, SessionId session, std::string path, std::int32_t version = any_version,
               bool ephemeral = false) {
    ClientWrite request;
    request.op = code;
    request.session = session;
    request.path = std::move(path);
    request.version = version;
    request.ephemeral = ephemeral;
    return request;
}

SessionId open_session(DataTree& tree) {
    ClientWrite request;
    request.op = OpCode::create_session;
    request.timeout = 18s;
    return write(tree, request).session;
}

}  // namespace

TEST_CASE("paths: parents, names and ZooKeeper's path rules") {
    CHECK(parent_path("/brokers/ids/1") == "/brokers/ids");
    CHECK(parent_path("/brokers") == "/");
    CHECK(node_name("/brokers/ids/1") == "1");
    CHECK(valid_path("/"));
    CHECK(valid_path("/a/b"));
    CHECK_FALSE(valid_path(""));
    CHECK_FALSE(valid_path("a"));
    CHECK_FALSE(valid_path("/a/"));
    CHECK_FALSE(valid_path("/a//b"));
}

TEST_CASE("the leader checks a create for a missing parent before an existing node, as PrepRequestProcessor") {
    DataTree tree;
    SessionId session = open_session(tree);
    CHECK(write(tree, op(OpCode::create, session, "/a/b")).error == ZkCode::no_node);
    CHECK(write(tree, op(OpCode::create, session, "/zookeeper")).error == ZkCode::node_exists);
    CHECK(write(tree, op(OpCode::create, session, "/")).error == ZkCode::bad_arguments);
    Txn created = write(tree, op(OpCode::create, session, "/e", any_version, true));
    CHECK(created.type == TxnType::create);
    CHECK(write(tree, op(OpCode::create, session, "/e/child")).error == ZkCode::no_children_for_ephemerals);
    // An unknown session's writes fail: it expired.
    CHECK(write(tree, op(OpCode::create, SessionId(77), "/x")).error == ZkCode::session_expired);
}

TEST_CASE("a delete checks the version before the children, as PrepRequestProcessor") {
    DataTree tree;
    SessionId session = open_session(tree);
    write(tree, op(OpCode::create, session, "/p"));
    write(tree, op(OpCode::create, session, "/p/c"));
    CHECK(write(tree, op(OpCode::delete_node, session, "/p", 5)).error == ZkCode::bad_version);
    CHECK(write(tree, op(OpCode::delete_node, session, "/p", 0)).error == ZkCode::not_empty);
    CHECK(write(tree, op(OpCode::delete_node, session, "/p/c", 0)).type == TxnType::delete_node);
    CHECK(tree.find("/p/c") == nullptr);
    CHECK(tree.find("/p")->stat.cversion == 2);
}

TEST_CASE("closing a session deletes exactly its ephemeral nodes in the same transaction") {
    DataTree tree;
    SessionId broker1 = open_session(tree);
    SessionId broker2 = open_session(tree);
    write(tree, op(OpCode::create, broker1, "/ids"));
    write(tree, op(OpCode::create, broker1, "/ids/1", any_version, true));
    write(tree, op(OpCode::create, broker2, "/ids/2", any_version, true));
    CHECK(tree.ephemerals(broker1) == std::vector<std::string>{"/ids/1"});

    Txn close;
    close.zxid = tree.last_zxid() + 1;
    close.type = TxnType::close_session;
    close.session = broker1;
    auto triggers = tree.apply(close);
    CHECK(tree.find("/ids/1") == nullptr);
    CHECK(tree.find("/ids/2") != nullptr);
    CHECK(tree.find("/ids") != nullptr);  // persistent nodes stay
    CHECK_FALSE(tree.has_session(broker1));
    CHECK(tree.find("/ids")->stat.pzxid == close.zxid);
    REQUIRE(triggers.size() == 3);
    CHECK(triggers[0].type == EventType::node_deleted);
    CHECK(triggers[2].type == EventType::node_children_changed);
    CHECK(triggers[2].path == "/ids");
}

TEST_CASE("session deadlines fall on the tick boundary after the timeout (one tick of grace)") {
    SessionTracker tracker(2s);
    SessionId session(1);
    tracker.touch(session, 18s, sim::Time(10s));
    CHECK(tracker.take_expired(sim::Time(28s)).empty());
    CHECK(tracker.take_expired(sim::Time(29999ms)).empty());
    CHECK(tracker.take_expired(sim::Time(30s)) == std::vector<SessionId>{session});
    CHECK(tracker.take_expired(sim::Time(32s)).empty());  // returned once

    SessionTracker mid_tick(2s);
    mid_tick.touch(session, 18s, sim::Time(10500ms));
    CHECK(mid_tick.take_expired(sim::Time(28s)).empty());
    CHECK(mid_tick.take_expired(sim::Time(30s)) == std::vector<SessionId>{session});
}

TEST_CASE("watches are one-shot and keyed by session") {
    WatchManager watches;
    watches.add_data_watch("/controller", SessionId(1));
    watches.add_data_watch("/controller", SessionId(2));
    watches.add_child_watch("/brokers/ids", SessionId(1));
    auto fired = watches.trigger({{EventType::node_deleted, "/controller", false}});
    REQUIRE(fired.size() == 2);
    CHECK(fired[0].session == SessionId(1));
    CHECK(fired[1].session == SessionId(2));
    CHECK(watches.trigger({{EventType::node_created, "/controller", false}}).empty());
    watches.remove_session(SessionId(1));
    CHECK(watches.watch_count() == 0);
}
