// server.properties keys (kafka.server.KafkaConfig), defaults of Kafka 3.6 in ZooKeeper
// mode with the history of those that moved.
#include "broker_model/config/catalog_tables.h"
#include "broker_model/config/value_parsing.h"

namespace kafkalab::kafka::tables {
namespace {

constexpr auto broker = ConfigScope::broker;
constexpr std::string_view long_max = "9223372036854775807";

ConfigDef key(std::string_view name, ConfigType type, std::optional<std::string_view> value, std::string_view doc) {
    return config_key(name, broker, type, value, doc);
}

void add_zookeeper_and_identity(std::vector<ConfigDef>& out) {
    using enum ConfigType;
    out.push_back(key("broker.id", int32, "-1", "The id of this broker; unique in the cluster."));
    out.push_back(key("zookeeper.connect", string, std::nullopt,
                      "ZooKeeper servers as host:port pairs, with an optional /chroot path.")
                      .checked_by(check_zookeeper_connect));
    out.push_back(key("zookeeper.session.timeout.ms", int32, "6000",
                      "How long ZooKeeper keeps a silent broker's session (and its /brokers/ids znode).")
                      .in(ConfigUnit::milliseconds).at_least(1)
                      .changed({2, 5, 0}, "18000", "6000 before 2.5 (KIP-537)"));
    out.push_back(key("zookeeper.connection.timeout.ms", int32, std::nullopt,
                      "How long a broker waits to connect to ZooKeeper; unset: the session timeout.")
                      .in(ConfigUnit::milliseconds).at_least(1).falls_back_to("zookeeper.session.timeout.ms")
                      .not_modelled());
    out.push_back(key("listeners", string, std::nullopt,
                      "The addresses the broker listens on; unset: PLAINTEXT://:9092.")
                      .checked_by(check_listener_list));
    out.push_back(key("advertised.listeners", string, std::nullopt,
                      "The addresses given to clients in metadata; unset: the listeners.")
                      .checked_by(check_listener_list).not_modelled());
    out.push_back(key("broker.rack", string, std::nullopt,
                      "The rack of this broker, used to spread replicas over racks."));
}

void add_topics_and_replication(std::vector<ConfigDef>& out) {
    using enum ConfigType;
    out.push_back(key("num.partitions", int32, "1", "Partitions of an automatically created topic.").at_least(1));
    out.push_back(key("default.replication.factor", int32, "1",
                      "Replication factor of an automatically created topic.").at_least(1));
    out.push_back(key("min.insync.replicas", int32, "1",
                      "The fewest in-sync replicas for an acks=all write to succeed.").at_least(1));
    out.push_back(key("unclean.leader.election.enable", boolean, "true",
                      "Whether a replica outside the ISR may become leader, at the risk of losing data.")
                      .changed({0, 11, 0}, "false", "true before 0.11 (KIP-106)"));
    out.push_back(key("auto.create.topics.enable", boolean, "true",
                      "Whether producing to or fetching from an unknown topic creates it."));
    out.push_back(key("delete.topic.enable", boolean, "false", "Whether topics can be deleted.")
                      .changed({1, 0, 0}, "true", "false before 1.0"));
    out.push_back(key("replica.lag.time.max.ms", int64, "10000",
                      "A follower that has not caught up for this long leaves the ISR.")
                      .in(ConfigUnit::milliseconds).at_least(0)
                      .changed({2, 5, 0}, "30000", "10000 before 2.5 (KIP-537)"));
    out.push_back(key("replica.fetch.wait.max.ms", int32, "500",
                      "How long a follower's fetch waits at the leader for new data.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    out.push_back(key("replica.fetch.min.bytes", int32, "1",
                      "Bytes a follower's fetch waits for before the leader answers.").in(ConfigUnit::bytes));
    out.push_back(key("replica.fetch.max.bytes", int32, "1048576",
                      "Bytes a follower fetches per partition at most.").in(ConfigUnit::bytes).at_least(0));
    out.push_back(key("replica.fetch.backoff.ms", int32, "1000",
                      "How long a follower waits before fetching again after a fetch failed.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    out.push_back(key("replica.socket.timeout.ms", int32, "30000",
                      "The socket timeout of a follower's fetch requests.").in(ConfigUnit::milliseconds));
    out.push_back(key("replica.high.watermark.checkpoint.interval.ms", int64, "5000",
                      "How often the high watermark is saved to disk.").in(ConfigUnit::milliseconds));
    out.push_back(key("auto.leader.rebalance.enable", boolean, "true",
                      "Whether the controller moves leadership back to preferred replicas.")
                      .not_modelled());
    out.push_back(key("leader.imbalance.check.interval.seconds", int64, "300",
                      "How often the controller checks for leader imbalance.")
                      .in(ConfigUnit::seconds).at_least(1).not_modelled());
    out.push_back(key("leader.imbalance.per.broker.percentage", int32, "10",
                      "The share of non-preferred leaders per broker that triggers a rebalance.")
                      .not_modelled());
    out.push_back(key("controller.socket.timeout.ms", int32, "30000",
                      "How long the controller waits for a broker to answer one of its requests.")
                      .in(ConfigUnit::milliseconds));
    out.push_back(key("controlled.shutdown.enable", boolean, "true",
                      "Whether a stopping broker first moves its leaderships away."));
    out.push_back(key("controlled.shutdown.max.retries", int32, "3",
                      "Attempts at a controlled shutdown before shutting down uncleanly.").not_modelled());
    out.push_back(key("controlled.shutdown.retry.backoff.ms", int64, "5000",
                      "The pause between controlled shutdown attempts.").in(ConfigUnit::milliseconds)
                      .not_modelled());
}

void add_groups(std::vector<ConfigDef>& out) {
    using enum ConfigType;
    out.push_back(key("offsets.topic.num.partitions", int32, "50", "Partitions of __consumer_offsets.").at_least(1));
    out.push_back(key("offsets.topic.replication.factor", int16, "3",
                      "Replication factor of __consumer_offsets; creation waits for this many brokers.")
                      .at_least(1));
    out.push_back(key("group.initial.rebalance.delay.ms", int32, "0",
                      "How long a new group waits for more members before its first rebalance.")
                      .in(ConfigUnit::milliseconds).at_least(0)
                      .changed({0, 11, 0}, "3000", "no delay before 0.11 (KIP-134)"));
    out.push_back(key("group.min.session.timeout.ms", int32, "6000",
                      "The smallest session.timeout.ms a consumer may ask for.").in(ConfigUnit::milliseconds));
    out.push_back(key("group.max.session.timeout.ms", int32, "30000",
                      "The largest session.timeout.ms a consumer may ask for.")
                      .in(ConfigUnit::milliseconds)
                      .changed({0, 10, 0}, "300000", "")
                      .changed({2, 3, 0}, "1800000", "30000 in 0.9, 300000 from 0.10 to 2.2"));
}

void add_log(std::vector<ConfigDef>& out) {
    using enum ConfigType;
    out.push_back(key("log.flush.interval.messages", int64, long_max,
                      "Messages a partition accepts before an fsync; the default is never.")
                      .in(ConfigUnit::messages).at_least(1));
    out.push_back(key("log.flush.interval.ms", int64, std::nullopt,
                      "The longest a message stays unflushed; unset: log.flush.scheduler.interval.ms.")
                      .in(ConfigUnit::milliseconds).at_least(0).falls_back_to("log.flush.scheduler.interval.ms"));
    out.push_back(key("log.flush.scheduler.interval.ms", int64, long_max,
                      "How often the flusher checks whether a log needs an fsync; the default is never.")
                      .in(ConfigUnit::milliseconds));
    out.push_back(key("log.retention.ms", int64, std::nullopt,
                      "How long a log segment is kept; unset: log.retention.minutes.")
                      .in(ConfigUnit::milliseconds).at_least(-1).falls_back_to("log.retention.minutes"));
    out.push_back(key("log.retention.minutes", int32, std::nullopt,
                      "How long a log segment is kept; unset: log.retention.hours.")
                      .in(ConfigUnit::minutes).falls_back_to("log.retention.hours"));
    out.push_back(key("log.retention.hours", int32, "168", "How long a log segment is kept.").in(ConfigUnit::hours));
    out.push_back(key("log.retention.bytes", int64, "-1", "The largest a partition's log may grow; -1: no limit.")
                      .in(ConfigUnit::bytes));
    out.push_back(key("log.cleanup.policy", list, "delete", "What happens to old segments: delete or compact.")
                      .one_of({{"delete", "", {}}, {"compact", "", {}}}));
}

// Keys every real server.properties carries. They load without complaint; the
// simulation has no threads, sockets or files for them to change.
void add_unmodelled(std::vector<ConfigDef>& out) {
    using enum ConfigType;
    out.push_back(key("log.dirs", string, std::nullopt, "Directories holding the log data.").not_modelled());
    out.push_back(key("log.dir", string, "/tmp/kafka-logs", "The log directory when log.dirs is unset.").not_modelled());
    out.push_back(key("log.segment.bytes", int32, "1073741824", "The size of one log segment file.")
                      .in(ConfigUnit::bytes).at_least(14).not_modelled());
    out.push_back(key("log.retention.check.interval.ms", int64, "300000",
                      "How often old segments are checked for deletion.")
                      .in(ConfigUnit::milliseconds).at_least(1).not_modelled());
    out.push_back(key("num.network.threads", int32, "3", "Threads serving network requests.").at_least(1).not_modelled());
    out.push_back(key("num.io.threads", int32, "8", "Threads doing disk I/O.").at_least(1).not_modelled());
    out.push_back(key("num.recovery.threads.per.data.dir", int32, "1", "Threads recovering logs at startup.")
                      .at_least(1).not_modelled());
    out.push_back(key("num.replica.fetchers", int32, "1", "Fetcher threads per source broker.").not_modelled());
    out.push_back(key("socket.send.buffer.bytes", int32, "102400", "SO_SNDBUF of the socket server.").not_modelled());
    out.push_back(key("socket.receive.buffer.bytes", int32, "102400", "SO_RCVBUF of the socket server.").not_modelled());
    out.push_back(key("socket.request.max.bytes", int32, "104857600", "The largest request the broker accepts.")
                      .at_least(1).not_modelled());
    out.push_back(key("message.max.bytes", int32, "1048588", "The largest record batch the broker accepts.")
                      .at_least(0).not_modelled());
    out.push_back(key("transaction.state.log.replication.factor", int16, "3",
                      "Replication factor of __transaction_state.").at_least(1).not_modelled());
    out.push_back(key("transaction.state.log.min.isr", int32, "2", "min.insync.replicas of __transaction_state.")
                      .at_least(1).not_modelled());
    out.push_back(key("listener.security.protocol.map", string,
                      "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL",
                      "The security protocol of each listener name.").not_modelled());
    out.push_back(key("inter.broker.listener.name", string, std::nullopt,
                      "The listener brokers use among themselves.").not_modelled());
}

}  // namespace

std::vector<ConfigDef> broker_configs() {
    std::vector<ConfigDef> out;
    add_zookeeper_and_identity(out);
    add_topics_and_replication(out);
    add_groups(out);
    add_log(out);
    add_unmodelled(out);
    return out;
}

}  // namespace kafkalab::kafka::tables
