// Watches: one-shot, delivered to the session that set them, kept across a reconnect.
#include "zk_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka::zk;
using namespace kafkalab::kafka::zk::testing;

namespace {

bool has_event(const ClientLog& log, EventType type, const std::string& path) {
    for (const auto& event : log.events) {
        if (event.type == type && event.path == path) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("an exists watch on a missing node fires NodeCreated once") {
    ZkFixture zk(3);
    auto watcher = zk.add_client("controller");
    auto writer = zk.add_client("broker-1");
    zk.wait_connected(watcher);
    zk.wait_connected(writer);

    REQUIRE(zk.exists(watcher, "/controller", true).code == ZkCode::no_node);
    REQUIRE(zk.create(writer, "/controller", "1", true).code == ZkCode::ok);
    REQUIRE(zk.remove(writer, "/controller").code == ZkCode::ok);
    REQUIRE(zk.create(writer, "/controller", "1", true).code == ZkCode::ok);
    zk.sim().run_for(1s);
    // One-shot: the delete and second create happened after the watch fired, unseen.
    REQUIRE(zk.log(watcher).events.size() == 1);
    CHECK(zk.log(watcher).events[0].type == EventType::node_created);
    CHECK(zk.log(watcher).events[0].path == "/controller");
    CHECK(zk.log(writer).events.empty());  // watches go to the session that set them
}

TEST_CASE("a getData watch fires NodeDataChanged once, then NodeDeleted after re-arming") {
    ZkFixture zk(3);
    auto watcher = zk.add_client("broker-2");
    auto writer = zk.add_client("controller");
    zk.wait_connected(watcher);
    zk.wait_connected(writer);
    REQUIRE(zk.create(writer, "/controller_epoch", "1").code == ZkCode::ok);

    REQUIRE(zk.get(watcher, "/controller_epoch", true).code == ZkCode::ok);
    REQUIRE(zk.set(writer, "/controller_epoch", "2").code == ZkCode::ok);
    REQUIRE(zk.set(writer, "/controller_epoch", "3").code == ZkCode::ok);
    zk.sim().run_for(1s);
    REQUIRE(zk.log(watcher).events.size() == 1);
    CHECK(zk.log(watcher).events[0].type == EventType::node_data_changed);

    REQUIRE(zk.get(watcher, "/controller_epoch", true).data == "3");
    REQUIRE(zk.remove(writer, "/controller_epoch").code == ZkCode::ok);
    zk.sim().run_for(1s);
    REQUIRE(zk.log(watcher).events.size() == 2);
    CHECK(zk.log(watcher).events[1].type == EventType::node_deleted);
    CHECK(zk.log(watcher).events[1].path == "/controller_epoch");
}

TEST_CASE("a getChildren watch fires NodeChildrenChanged once when a broker registers") {
    ZkFixture zk(3);
    auto controller = zk.add_client("controller");
    auto broker = zk.add_client("broker-3");
    zk.wait_connected(controller);
    zk.wait_connected(broker);
    REQUIRE(zk.create(controller, "/brokers").code == ZkCode::ok);
    REQUIRE(zk.create(controller, "/brokers/ids").code == ZkCode::ok);

    REQUIRE(zk.children(controller, "/brokers/ids", true).children.empty());
    REQUIRE(zk.create(broker, "/brokers/ids/3", "{}", true).code == ZkCode::ok);
    REQUIRE(zk.set(broker, "/brokers/ids/3", "{\"rack\":\"a\"}").code == ZkCode::ok);  // data, not children
    REQUIRE(zk.create(broker, "/brokers/ids/4", "{}", true).code == ZkCode::ok);
    zk.sim().run_for(1s);
    REQUIRE(zk.log(controller).events.size() == 1);
    CHECK(zk.log(controller).events[0].type == EventType::node_children_changed);
    CHECK(zk.log(controller).events[0].path == "/brokers/ids");
}

TEST_CASE("a watched node deleted while its watcher also lists its children fires NodeDeleted once") {
    ZkFixture zk(1);
    auto watcher = zk.add_client("controller");
    zk.wait_connected(watcher);
    REQUIRE(zk.create(watcher, "/admin").code == ZkCode::ok);
    REQUIRE(zk.get(watcher, "/admin", true).code == ZkCode::ok);
    REQUIRE(zk.children(watcher, "/admin", true).code == ZkCode::ok);
    REQUIRE(zk.remove(watcher, "/admin").code == ZkCode::ok);
    zk.sim().run_for(1s);
    REQUIRE(zk.log(watcher).events.size() == 1);
    CHECK(zk.log(watcher).events[0].type == EventType::node_deleted);
}

TEST_CASE("watches survive a reconnect to another server (the client re-sends them with SetWatches)") {
    ZkFixture zk(3);
    auto watcher = zk.add_client("controller", {1, 2});
    auto writer = zk.add_client("broker-1", {3});
    zk.wait_connected(watcher);
    zk.wait_connected(writer);
    REQUIRE(zk.create(writer, "/brokers").code == ZkCode::ok);
    REQUIRE(zk.create(writer, "/brokers/ids").code == ZkCode::ok);
    REQUIRE(zk.children(watcher, "/brokers/ids", true).code == ZkCode::ok);
    REQUIRE(zk.exists(watcher, "/controller", true).code == ZkCode::no_node);
    SessionId session = zk.zk(watcher).session_id();

    // The watcher's server dies; a broker registers while the watcher is away.
    zk.sim().crash(zk.zk(watcher).current_server());
    REQUIRE(zk.create(writer, "/brokers/ids/1", "{}", true).code == ZkCode::ok);
    REQUIRE(zk.run_until([&] { return has_event(zk.log(watcher), EventType::node_children_changed, "/brokers/ids"); }));
    CHECK(zk.zk(watcher).session_id() == session);

    // The exists watch was re-registered too and still fires.
    REQUIRE(zk.create(writer, "/controller", "3", true).code == ZkCode::ok);
    REQUIRE(zk.run_until([&] { return has_event(zk.log(watcher), EventType::node_created, "/controller"); }));
    CHECK(zk.log(watcher).events.size() == 2);
}

TEST_CASE("a ping reply does not advance the zxid a client has seen") {
    // ClientCnxn ignores the zxid of a ping's reply: the SetWatches of the next
    // reconnect must name the last change this client heard of, or the server would
    // not fire what it missed.
    ZkFixture zk(1);
    auto watcher = zk.add_client("controller", {}, 6s);
    auto writer = zk.add_client("broker-1");
    zk.wait_connected(watcher);
    zk.wait_connected(writer);
    const Zxid before = zk.zk(watcher).last_zxid_seen();
    REQUIRE(zk.create(writer, "/brokers").code == ZkCode::ok);
    zk.sim().run_for(10s);  // several pings
    CHECK(zk.zk(writer).last_zxid_seen() > before);
    CHECK(zk.zk(watcher).last_zxid_seen() == before);
}

TEST_CASE("a watch event lost with a timed-out connection fires after the reconnect") {
    ZkFixture zk(1);
    auto watcher = zk.add_client("controller", {}, 6s);
    auto writer = zk.add_client("broker-1");
    zk.wait_connected(watcher);
    zk.wait_connected(writer);
    REQUIRE(zk.create(writer, "/brokers").code == ZkCode::ok);
    REQUIRE(zk.create(writer, "/brokers/ids").code == ZkCode::ok);
    REQUIRE(zk.children(watcher, "/brokers/ids", true).code == ZkCode::ok);

    // Cut off past the read timeout (2/3 of 6 s), within the session: the client
    // closes its connection, and the event waiting in it for retransmission is gone.
    zk.sim().isolate(watcher);
    REQUIRE(zk.create(writer, "/brokers/ids/1", "{}", true).code == ZkCode::ok);
    zk.sim().run_for(4500ms);
    CHECK_FALSE(zk.zk(watcher).connected());
    zk.sim().unisolate(watcher);
    CHECK(zk.log(watcher).events.empty());
    REQUIRE(zk.run_until([&] { return has_event(zk.log(watcher), EventType::node_children_changed, "/brokers/ids"); }));
    CHECK(zk.zk(watcher).connected());
}
