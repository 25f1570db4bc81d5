// The ensemble as a quorum: leader election, availability with failed servers,
// partitions, catch-up and durability.
#include "zk_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka::zk;
using namespace kafkalab::kafka::zk::testing;

namespace {

/// Retries a create through connection losses, as Kafka's controller does.
ZkCode create_retrying(ZkFixture& zk, sim::NodeIndex c, const std::string& path, sim::Duration limit = 60s) {
    sim::Time deadline = zk.sim().now() + limit;
    ZkCode code = ZkCode::connection_loss;
    while (code == ZkCode::connection_loss && zk.sim().now() < deadline) {
        code = zk.create(c, path, "x").code;
        if (code == ZkCode::connection_loss) zk.sim().run_for(500ms);
    }
    return code;
}

ServerRole role_of(ZkFixture& zk, int sid) { return zk.ensemble().server(zk.sim(), sid)->role(); }

}  // namespace

TEST_CASE("a fresh ensemble elects the server with the highest id and every server serves") {
    ZkFixture zk(5);
    REQUIRE(zk.run_until([&] { return zk.ensemble().serving_count(zk.sim()) == 5; }, 10s));
    CHECK(zk.ensemble().leader(zk.sim()) == 5);
    for (int sid = 1; sid <= 4; ++sid) {
        CHECK(role_of(zk, sid) == ServerRole::following);
        CHECK(zk.ensemble().server(zk.sim(), sid)->leader_sid() == 5);
    }
    CHECK(zk.ensemble().server(zk.sim(), 1)->accepted_epoch() == 1);
}

TEST_CASE("a leader crash causes a re-election and writes continue in a newer epoch") {
    ZkFixture zk(3);
    auto c = zk.add_client("controller");
    zk.wait_connected(c);
    REQUIRE(zk.create(c, "/before").code == ZkCode::ok);
    int old_leader = *zk.ensemble().leader(zk.sim());
    std::int64_t old_epoch = zk.ensemble().server(zk.sim(), old_leader)->accepted_epoch();

    zk.sim().crash(zk.ensemble().node(old_leader));
    REQUIRE(zk.run_until([&] { return zk.ensemble().leader(zk.sim()).has_value(); }, 10s));
    int new_leader = *zk.ensemble().leader(zk.sim());
    CHECK(new_leader != old_leader);
    CHECK(zk.ensemble().server(zk.sim(), new_leader)->accepted_epoch() == old_epoch + 1);

    REQUIRE(create_retrying(zk, c, "/after") == ZkCode::ok);
    auto read = zk.exists(c, "/after");
    CHECK(zxid_epoch(read.stat->czxid) == old_epoch + 1);
    CHECK(zk.exists(c, "/before").code == ZkCode::ok);
}

TEST_CASE("three servers keep serving with one down, stop with two down, and lose nothing committed") {
    ZkFixture zk(3);
    auto c = zk.add_client("broker-1");
    zk.wait_connected(c);
    REQUIRE(zk.create(c, "/k1").code == ZkCode::ok);
    REQUIRE(zk.create(c, "/eph", "", true).code == ZkCode::ok);
    SessionId session = zk.zk(c).session_id();

    zk.sim().crash(zk.ensemble().node(1));
    REQUIRE(create_retrying(zk, c, "/k2") == ZkCode::ok);

    zk.sim().crash(zk.ensemble().node(2));
    // The survivor loses its quorum (at once if its leader died, else after syncLimit)
    // and stops serving: the client is disconnected and its writes fail.
    REQUIRE(zk.run_until([&] { return zk.ensemble().serving_count(zk.sim()) == 0; }, 15s));
    CHECK_FALSE(zk.ensemble().leader(zk.sim()).has_value());
    CHECK(zk.create(c, "/k3").code == ZkCode::connection_loss);
    CHECK(zk.zk(c).state() == KeeperState::disconnected);

    // No leader, no expiry: 40 s is more than twice the session timeout.
    zk.sim().run_for(40s);
    zk.sim().restart(zk.ensemble().node(2));
    REQUIRE(zk.run_until([&] { return zk.zk(c).connected(); }, 30s));
    CHECK(zk.zk(c).session_id() == session);
    CHECK(zk.exists(c, "/eph").code == ZkCode::ok);
    CHECK(zk.exists(c, "/k1").code == ZkCode::ok);
    CHECK(zk.exists(c, "/k2").code == ZkCode::ok);
    CHECK(zk.exists(c, "/k3").code == ZkCode::no_node);
    CHECK(create_retrying(zk, c, "/k4") == ZkCode::ok);
    CHECK(zk.log(c).states.back() == KeeperState::sync_connected);
}

TEST_CASE("a server cut off in a minority stops serving its clients while the majority goes on") {
    ZkFixture zk(3);
    REQUIRE(zk.run_until([&] { return zk.ensemble().serving_count(zk.sim()) == 3; }));
    auto isolated = zk.add_client("broker-1", {1});
    auto majority = zk.add_client("broker-2", {2, 3});
    zk.wait_connected(isolated);
    zk.wait_connected(majority);

    zk.sim().partition({{zk.ensemble().node(1), isolated}, {zk.ensemble().node(2), zk.ensemble().node(3), majority}});
    // A follower gives its silent leader syncLimit * tickTime = 10 s.
    zk.sim().run_for(9s);
    CHECK(zk.ensemble().server(zk.sim(), 1)->serving());
    REQUIRE(zk.run_until([&] { return !zk.ensemble().server(zk.sim(), 1)->serving(); }, 3s));
    REQUIRE(zk.run_until([&] { return zk.zk(isolated).state() == KeeperState::disconnected; }, 1s));
    CHECK(zk.create(isolated, "/minority").code == ZkCode::connection_loss);
    CHECK(zk.create(majority, "/majority").code == ZkCode::ok);

    zk.sim().heal();
    auto* rejoined = zk.ensemble().server(zk.sim(), 1);
    REQUIRE(zk.run_until([&] { return rejoined->serving(); }, 10s));
    CHECK(rejoined->tree().find("/majority") != nullptr);
    CHECK(rejoined->tree().find("/minority") == nullptr);
}

TEST_CASE("a leader isolated in a minority steps down and the majority elects a new one") {
    ZkFixture zk(3);
    REQUIRE(zk.run_until([&] { return zk.ensemble().leader(zk.sim()) == 3; }));
    zk.sim().partition({{zk.ensemble().node(3)}, {zk.ensemble().node(1), zk.ensemble().node(2)}});
    REQUIRE(zk.run_until([&] { return zk.ensemble().leader(zk.sim()) == 2; }, 15s));
    CHECK(role_of(zk, 3) == ServerRole::looking);
    CHECK(role_of(zk, 1) == ServerRole::following);

    zk.sim().heal();
    REQUIRE(zk.run_until([&] { return zk.ensemble().serving_count(zk.sim()) == 3; }, 10s));
    CHECK(role_of(zk, 3) == ServerRole::following);
    CHECK(zk.ensemble().server(zk.sim(), 3)->leader_sid() == 2);
}

TEST_CASE("a restarted server catches up from the leader's snapshot") {
    ZkFixture zk(3);
    auto c = zk.add_client("broker-1", {3});
    zk.wait_connected(c);
    zk.sim().crash(zk.ensemble().node(1));
    for (int i = 0; i < 5; ++i) REQUIRE(zk.create(c, "/t" + std::to_string(i), "data").code == ZkCode::ok);
    zk.sim().restart(zk.ensemble().node(1));
    auto* restarted = zk.ensemble().server(zk.sim(), 1);
    REQUIRE(zk.run_until([&] { return restarted->serving(); }, 10s));
    REQUIRE(zk.create(c, "/t5").code == ZkCode::ok);
    zk.sim().run_for(100ms);
    CHECK(restarted->tree() == zk.ensemble().server(zk.sim(), 3)->tree());
    CHECK(restarted->tree().find("/t4") != nullptr);
}

TEST_CASE("a power loss of every server keeps every committed znode, since ZooKeeper fsyncs before it acks") {
    ZkFixture zk(3);
    auto c = zk.add_client("controller");
    zk.wait_connected(c);
    REQUIRE(zk.create(c, "/brokers").code == ZkCode::ok);
    REQUIRE(zk.create(c, "/brokers/topics").code == ZkCode::ok);
    REQUIRE(zk.create(c, "/brokers/topics/payments", R"({"partitions":{"0":[1,2,3]}})").code == ZkCode::ok);
    Zxid committed = zk.ensemble().server(zk.sim(), 1)->tree().last_zxid();

    for (int sid = 1; sid <= 3; ++sid) zk.sim().power_loss(zk.ensemble().node(sid));
    zk.sim().run_for(5s);
    for (int sid = 1; sid <= 3; ++sid) zk.sim().restart(zk.ensemble().node(sid));
    REQUIRE(zk.run_until([&] { return zk.ensemble().serving_count(zk.sim()) == 3; }, 20s));
    auto reader = zk.add_client("reader");
    zk.wait_connected(reader);
    CHECK(zk.get(reader, "/brokers/topics/payments").data == R"({"partitions":{"0":[1,2,3]}})");
    CHECK(zk.ensemble().server(zk.sim(), 2)->tree().last_zxid() >= committed);
}

TEST_CASE("a single-server ensemble is its own quorum") {
    ZkFixture zk(1);
    auto c = zk.add_client("broker-1");
    zk.wait_connected(c);
    CHECK(zk.ensemble().leader(zk.sim()) == 1);
    CHECK(zk.create(c, "/cluster", "id").code == ZkCode::ok);
    zk.sim().crash(zk.ensemble().node(1));
    zk.sim().run_for(1s);
    zk.sim().restart(zk.ensemble().node(1));
    REQUIRE(zk.run_until([&] { return zk.zk(c).connected(); }, 30s));
    CHECK(zk.get(c, "/cluster").data == "id");
}

TEST_CASE("a follower whose link loses proposals resyncs instead of applying a write without its parent") {
    ZkFixture zk(3);
    auto c = zk.add_client("broker-1", {3});
    zk.wait_connected(c);
    REQUIRE(zk.ensemble().leader(zk.sim()) == 3);
    // ZAB trusts TCP never to skip a message; a lossy link in the model can.
    sim::LinkSpec lossy;  // the fixture's links are the default ones
    lossy.loss_probability = 0.3;
    zk.sim().network().set_links_of(zk.sim().vertex(zk.ensemble().node(1)), lossy);
    std::string path;
    for (int depth = 0; depth < 20; ++depth) {
        path += "/n" + std::to_string(depth);  // each znode is the parent of the next
        REQUIRE(create_retrying(zk, c, path) == ZkCode::ok);
    }
    zk.sim().network().set_links_of(zk.sim().vertex(zk.ensemble().node(1)), sim::LinkSpec{});
    auto* follower = zk.ensemble().server(zk.sim(), 1);
    REQUIRE(zk.run_until([&] { return follower->serving() && follower->tree() == zk.ensemble().server(zk.sim(), 3)->tree(); }, 30s));
    CHECK(follower->tree().find(path) != nullptr);
}

TEST_CASE("a leader that loses power and reboots within seconds does not wedge the ensemble") {
    // Issue 24, item 2. The followers' stalled heartbeats used to reach the rebooted
    // process over the old connection, and its LOOKING heartbeats counted as the
    // leader's: nobody was elected for the rest of the run. A rebooted kernel resets
    // old connections, and only a leader's own pings keep a follower with it.
    ZkFixture zk(3);
    auto c = zk.add_client("broker-1");
    zk.wait_connected(c);
    REQUIRE(zk.create(c, "/before").code == ZkCode::ok);
    int old_leader = *zk.ensemble().leader(zk.sim());

    zk.sim().power_loss(zk.ensemble().node(old_leader));
    zk.sim().run_for(2s);
    zk.sim().restart(zk.ensemble().node(old_leader));
    REQUIRE(zk.run_until([&] { return zk.ensemble().serving_count(zk.sim()) == 3; }, 20s));
    REQUIRE(create_retrying(zk, c, "/after", 10s) == ZkCode::ok);
    CHECK(zk.exists(c, "/before").code == ZkCode::ok);
}
