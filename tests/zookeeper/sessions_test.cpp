// Sessions: negotiated timeouts, expiry of a dead client's session and its ephemeral
// nodes, survival across reconnects, and what the client reports.
#include "zk_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka::zk;
using namespace kafkalab::kafka::zk::testing;

TEST_CASE("the session timeout is negotiated into [2, 20] ticks, 4 s to 40 s by default") {
    ZooKeeperConfig config;
    CHECK(config.negotiate_session_timeout(1s) == 4s);
    CHECK(config.negotiate_session_timeout(18s) == 18s);
    CHECK(config.negotiate_session_timeout(100s) == 40s);

    ZkFixture zk(1);
    auto hasty = zk.add_client("hasty", {}, 1s);
    zk.wait_connected(hasty);
    CHECK(zk.zk(hasty).negotiated_session_timeout() == 4s);
}

TEST_CASE("a crashed broker's ephemeral node stays until zookeeper.session.timeout.ms passes, then goes") {
    ZkFixture zk(3);
    auto broker = zk.add_client("broker-1");  // 18 s, Kafka's default
    auto controller = zk.add_client("controller");
    zk.wait_connected(broker);
    zk.wait_connected(controller);
    REQUIRE(zk.create(broker, "/brokers").code == ZkCode::ok);
    REQUIRE(zk.create(broker, "/brokers/ids").code == ZkCode::ok);
    REQUIRE(zk.create(broker, "/brokers/ids/1", "{}", true).code == ZkCode::ok);
    REQUIRE(zk.children(controller, "/brokers/ids", true).children == std::vector<std::string>{"1"});

    // The broker's last word to ZooKeeper is the create just answered; then kill -9.
    zk.sim().crash(broker);
    sim::Time crashed_at = zk.sim().now();
    zk.sim().run_until(crashed_at + 17s);
    CHECK(zk.exists(controller, "/brokers/ids/1").code == ZkCode::ok);
    CHECK(zk.log(controller).events.empty());

    // Expiry waits for the tick boundary after the timeout (one tick of grace) and a
    // follower's report of the last touch can lag by half a tick.
    zk.sim().run_until(crashed_at + 18s + 2s + 1s + 100ms);
    CHECK(zk.exists(controller, "/brokers/ids/1").code == ZkCode::no_node);
    REQUIRE(zk.log(controller).events.size() == 1);
    CHECK(zk.log(controller).events[0].type == EventType::node_children_changed);
    CHECK(zk.log(controller).events[0].path == "/brokers/ids");
}

TEST_CASE("an ephemeral node survives its client's reconnect to another server, the session is kept") {
    ZkFixture zk(3);
    auto broker = zk.add_client("broker-1");
    zk.wait_connected(broker);
    REQUIRE(zk.create(broker, "/b1", "{}", true).code == ZkCode::ok);
    SessionId session = zk.zk(broker).session_id();
    sim::NodeIndex first_server = zk.zk(broker).current_server();

    zk.sim().crash(first_server);
    REQUIRE(zk.run_until([&] { return zk.log(broker).states.size() >= 3; }));
    CHECK(zk.log(broker).states ==
          std::vector<KeeperState>{KeeperState::sync_connected, KeeperState::disconnected, KeeperState::sync_connected});
    CHECK(zk.zk(broker).session_id() == session);
    CHECK(zk.zk(broker).current_server() != first_server);

    zk.sim().run_for(40s);  // well past the session timeout; the client keeps pinging
    auto stat = zk.exists(broker, "/b1");
    REQUIRE(stat.code == ZkCode::ok);
    CHECK(stat.stat->ephemeral_owner == session);
    CHECK(zk.log(broker).states.size() == 3);
}

TEST_CASE("a client cut off from the ensemble sees Disconnected, then Expired when it gets back after the timeout") {
    ZkFixture zk(3);
    auto broker = zk.add_client("broker-1");
    auto other = zk.add_client("broker-2");
    zk.wait_connected(broker);
    zk.wait_connected(other);
    REQUIRE(zk.create(broker, "/b1", "{}", true).code == ZkCode::ok);

    std::vector<sim::NodeIndex> rest = zk.ensemble().servers();
    rest.push_back(other);
    zk.sim().partition({{broker}, rest});
    sim::Time cut_at = zk.sim().now();
    // The read timeout (2/3 of 18 s) declares the silent server gone.
    REQUIRE(zk.run_until([&] { return zk.log(broker).states.size() >= 2; }, 13s));
    CHECK(zk.log(broker).states.back() == KeeperState::disconnected);
    CHECK(zk.sim().now() - cut_at <= 12s);

    // Meanwhile the ensemble expires the silent session and deletes its node.
    REQUIRE(zk.run_until([&] { return zk.exists(other, "/b1").code == ZkCode::no_node; }, 30s));
    CHECK(zk.zk(broker).state() == KeeperState::disconnected);  // the client cannot know yet

    zk.sim().heal();
    REQUIRE(zk.run_until([&] { return zk.zk(broker).state() == KeeperState::expired; }));
    CHECK(zk.log(broker).states ==
          std::vector<KeeperState>{KeeperState::sync_connected, KeeperState::disconnected, KeeperState::expired});
    CHECK(zk.create(broker, "/b1", "{}", true).code == ZkCode::session_expired);
}

TEST_CASE("closing a session deletes its ephemeral nodes at once") {
    ZkFixture zk(3);
    auto broker = zk.add_client("broker-1");
    auto controller = zk.add_client("controller");
    zk.wait_connected(broker);
    zk.wait_connected(controller);
    REQUIRE(zk.create(broker, "/b1", "{}", true).code == ZkCode::ok);
    REQUIRE(zk.exists(controller, "/b1", true).code == ZkCode::ok);

    zk.zk(broker).close();
    REQUIRE(zk.run_until([&] { return !zk.log(controller).events.empty(); }, 1s));
    CHECK(zk.log(controller).events[0].type == EventType::node_deleted);
    CHECK(zk.zk(broker).state() == KeeperState::closed);
    CHECK(zk.exists(controller, "/b1").code == ZkCode::no_node);
}

TEST_CASE("the Kafka controller's failover: the loser's watch on /controller fires when the winner dies") {
    ZkFixture zk(3);
    auto a = zk.add_client("broker-1");
    auto b = zk.add_client("broker-2");
    zk.wait_connected(a);
    zk.wait_connected(b);
    REQUIRE(zk.create(a, "/controller", R"({"brokerid":1})", true).code == ZkCode::ok);
    REQUIRE(zk.create(b, "/controller", R"({"brokerid":2})", true).code == ZkCode::node_exists);
    REQUIRE(zk.exists(b, "/controller", true).code == ZkCode::ok);

    zk.sim().crash(a);
    REQUIRE(zk.run_until([&] { return !zk.log(b).events.empty(); }, 25s));
    CHECK(zk.log(b).events[0].type == EventType::node_deleted);
    CHECK(zk.create(b, "/controller", R"({"brokerid":2})", true).code == ZkCode::ok);
}
