// zookeeper.properties keys (ZooKeeper's QuorumPeerConfig). ZooKeeper has its own
// releases, so these have no Kafka-era history.
#include "broker_model/config/catalog_tables.h"

namespace kafkalab::kafka::tables {
namespace {

ConfigDef key(std::string_view name, ConfigType type, std::optional<std::string_view> value, std::string_view doc) {
    return config_key(name, ConfigScope::zookeeper, type, value, doc);
}

}  // namespace

std::vector<ConfigDef> zookeeper_configs() {
    using enum ConfigType;
    std::vector<ConfigDef> out;
    out.push_back(key("tickTime", int32, "3000",
                      "ZooKeeper's time unit; sessions are bounded by 2 and 20 ticks. Kafka's sample file "
                      "leaves it at ZooKeeper's built-in 3000.")
                      .in(ConfigUnit::milliseconds).at_least(1));
    out.push_back(key("initLimit", int32, "10",
                      "Ticks a follower may take to connect and sync to the leader. ZooKeeper has no "
                      "default; 10 is its sample file's value.")
                      .in(ConfigUnit::ticks).at_least(1));
    out.push_back(key("syncLimit", int32, "5",
                      "Ticks a follower may fall behind the leader before it is dropped. ZooKeeper has no "
                      "default; 5 is its sample file's value.")
                      .in(ConfigUnit::ticks).at_least(1));
    out.push_back(key("clientPort", int32, "2181", "The port clients (the brokers) connect to.").between(1, 65535));
    out.push_back(key("dataDir", string, "/tmp/zookeeper", "Where snapshots are stored.").not_modelled());
    out.push_back(key("maxSessionTimeout", int32, "-1",
                      "The longest session a client may negotiate; -1: 20 × tickTime.")
                      .in(ConfigUnit::milliseconds).at_least(-1));
    out.push_back(key("minSessionTimeout", int32, "-1",
                      "The shortest session a client may negotiate; -1: 2 × tickTime.")
                      .in(ConfigUnit::milliseconds).at_least(-1));
    out.push_back(key("maxClientCnxns", int32, "60", "Connections per client address; 0: no limit.")
                      .at_least(0).not_modelled());
    out.push_back(key("admin.enableServer", boolean, "true", "Whether the AdminServer (HTTP) runs.").not_modelled());
    out.push_back(key("admin.serverPort", int32, "8080", "The AdminServer's port.").between(1, 65535).not_modelled());
    return out;
}

}  // namespace kafkalab::kafka::tables
