// Znode operations through a client on a three-server ensemble: results, versions and
// ZooKeeper's error codes.
#include "zk_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka::zk;
using namespace kafkalab::kafka::zk::testing;

TEST_CASE("create, getData, setData and delete follow ZooKeeper's versions") {
    ZkFixture zk(3);
    auto c = zk.add_client("broker-1");
    zk.wait_connected(c);

    auto created = zk.create(c, "/brokers", "{}");
    REQUIRE(created.code == ZkCode::ok);
    CHECK(created.path == "/brokers");

    auto read = zk.get(c, "/brokers");
    REQUIRE(read.code == ZkCode::ok);
    CHECK(read.data == "{}");
    CHECK(read.stat.version == 0);
    CHECK(read.stat.czxid == read.stat.mzxid);
    CHECK(read.stat.ephemeral_owner == no_session);

    auto set = zk.set(c, "/brokers", "v1", 0);
    REQUIRE(set.code == ZkCode::ok);
    CHECK(set.stat->version == 1);
    CHECK(set.stat->mzxid > read.stat.mzxid);
    CHECK(set.stat->czxid == read.stat.czxid);
    CHECK(zk.get(c, "/brokers").data == "v1");

    CHECK(zk.set(c, "/brokers", "v2", any_version).stat->version == 2);
    CHECK(zk.remove(c, "/brokers", 2).code == ZkCode::ok);
    CHECK(zk.get(c, "/brokers").code == ZkCode::no_node);
}

TEST_CASE("conditional setData and delete with a stale version get BADVERSION and change nothing") {
    ZkFixture zk(3);
    auto c = zk.add_client("controller");
    zk.wait_connected(c);
    REQUIRE(zk.create(c, "/controller_epoch", "1").code == ZkCode::ok);
    REQUIRE(zk.set(c, "/controller_epoch", "2", 0).code == ZkCode::ok);

    CHECK(zk.set(c, "/controller_epoch", "3", 0).code == ZkCode::bad_version);
    CHECK(zk.remove(c, "/controller_epoch", 0).code == ZkCode::bad_version);
    auto read = zk.get(c, "/controller_epoch");
    CHECK(read.data == "2");
    CHECK(read.stat.version == 1);
}

TEST_CASE("ZooKeeper's error codes: NODEEXISTS, NONODE, NOTEMPTY, NOCHILDRENFOREPHEMERALS") {
    ZkFixture zk(3);
    auto c = zk.add_client("broker-1");
    zk.wait_connected(c);
    REQUIRE(zk.create(c, "/brokers").code == ZkCode::ok);
    REQUIRE(zk.create(c, "/brokers/ids").code == ZkCode::ok);

    CHECK(zk.create(c, "/brokers").code == ZkCode::node_exists);
    CHECK(zk.create(c, "/admin/delete_topics").code == ZkCode::no_node);  // the parent is missing
    CHECK(zk.remove(c, "/brokers").code == ZkCode::not_empty);
    CHECK(zk.remove(c, "/nothing").code == ZkCode::no_node);
    CHECK(zk.set(c, "/nothing", "x").code == ZkCode::no_node);
    CHECK(zk.create(c, "no-slash").code == ZkCode::bad_arguments);

    REQUIRE(zk.create(c, "/brokers/ids/1", "{\"host\":\"broker-1\"}", true).code == ZkCode::ok);
    CHECK(zk.create(c, "/brokers/ids/1/child").code == ZkCode::no_children_for_ephemerals);
    auto stat = zk.exists(c, "/brokers/ids/1");
    REQUIRE(stat.code == ZkCode::ok);
    CHECK(stat.stat->ephemeral_owner == zk.zk(c).session_id());

    auto missing = zk.exists(c, "/brokers/ids/2");
    CHECK(missing.code == ZkCode::no_node);
    CHECK_FALSE(missing.stat.has_value());
}

TEST_CASE("getChildren returns sorted names and the parent's stat counts child changes") {
    ZkFixture zk(3);
    auto c = zk.add_client("broker-1");
    zk.wait_connected(c);
    REQUIRE(zk.create(c, "/brokers").code == ZkCode::ok);
    REQUIRE(zk.create(c, "/brokers/topics").code == ZkCode::ok);
    for (const char* topic : {"payments", "audit", "orders"}) {
        REQUIRE(zk.create(c, std::string("/brokers/topics/") + topic).code == ZkCode::ok);
    }
    REQUIRE(zk.remove(c, "/brokers/topics/orders").code == ZkCode::ok);

    auto listed = zk.children(c, "/brokers/topics");
    REQUIRE(listed.code == ZkCode::ok);
    CHECK(listed.children == std::vector<std::string>{"audit", "payments"});
    auto parent = zk.exists(c, "/brokers/topics");
    CHECK(parent.stat->cversion == 4);
    CHECK(parent.stat->num_children == 2);
    CHECK(zk.children(c, "/").children == std::vector<std::string>{"brokers", "zookeeper"});
    CHECK(zk.children(c, "/missing").code == ZkCode::no_node);
}

TEST_CASE("two clients racing to create /controller: exactly one wins, the other gets NODEEXISTS") {
    ZkFixture zk(3);
    auto a = zk.add_client("broker-1");
    auto b = zk.add_client("broker-2");
    zk.wait_connected(a);
    zk.wait_connected(b);

    std::optional<CreateResult> first, second;
    zk.zk(a).create("/controller", R"({"brokerid":1})", true, [&](const CreateResult& r) { first = r; });
    zk.zk(b).create("/controller", R"({"brokerid":2})", true, [&](const CreateResult& r) { second = r; });
    REQUIRE(zk.run_until([&] { return first && second; }));

    int winners = (first->code == ZkCode::ok) + (second->code == ZkCode::ok);
    CHECK(winners == 1);
    auto loser_code = first->code == ZkCode::ok ? second->code : first->code;
    CHECK(loser_code == ZkCode::node_exists);
    auto winner = first->code == ZkCode::ok ? a : b;
    auto read = zk.get(a, "/controller");
    CHECK(read.data == (winner == a ? R"({"brokerid":1})" : R"({"brokerid":2})"));
    CHECK(read.stat.ephemeral_owner == zk.zk(winner).session_id());
}

TEST_CASE("operations issued while the client is connecting are sent once the session is up") {
    ZkFixture zk(3);
    REQUIRE(zk.run_until([&] { return zk.ensemble().serving_count(zk.sim()) == 3; }));
    auto c = zk.add_client("broker-1");
    zk.sim().run_for(1ms);  // the client node has started and sent its connect
    std::optional<CreateResult> created;
    zk.zk(c).create("/early", "x", false, [&](const CreateResult& r) { created = r; });
    REQUIRE(zk.run_until([&] { return created.has_value(); }));
    CHECK(created->code == ZkCode::ok);
    CHECK(zk.zk(c).connected());
    CHECK(zk.get(c, "/early").data == "x");
}
