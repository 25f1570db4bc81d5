#pragma once
// A scenario as plain data: what load_scenario() (load_scenario.h) makes of a YAML
// file, fully resolved and validated, so the code that builds the run needs no rules
// of its own. docs/SCENARIOS.md describes the YAML side of every field.
//
// Conventions that hold for every struct below:
//  - Times (`at`, `start`, `stop`) are offsets from the start of the run, within
//    [0, Scenario::duration]. Durations are positive unless a field says otherwise.
//  - Every default is already filled in; nothing here is "unset" unless it is an
//    std::optional whose comment says what its absence means.
//  - Host names are resolved. Brokers are "broker-<id>" (ids 1..N unless the file
//    gives them), ZooKeeper nodes "zk-1".."zk-N", producers and consumers are hosts
//    named after themselves. On localhost brokers differ by port, as on one
//    machine: BrokerSpec::localhost_port (broker-1 localhost:9092, broker-2
//    localhost:9093, ... unless `listeners` say otherwise); "localhost:2181" is the
//    first ZooKeeper node (as in a one-machine tutorial).
//  - `position` is where the item was written in the scenario file (1-based), for
//    messages at run time; {0, 0} for items filled in by default.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/config/kafka_version.h"
#include "broker_model/config/properties.h"
#include "scenarios/checker/loss_cause.h"
#include "scenarios/spec/fault.h"
#include "scenarios/spec/source_position.h"
#include "sim/network.h"
#include "sim/time.h"

namespace kafkalab::scenarios {

using sim::Duration;

// ---------------------------------------------------------------------------------
// Cluster

struct ZooKeeperSpec {
    /// 1, 3 or 5 nodes: an ensemble needs a majority, so even sizes add nothing.
    int nodes = 1;
    /// "zk-1".."zk-<nodes>", in id order (myid = index + 1).
    std::vector<std::string> hosts{"zk-1"};
    /// The host names a real zookeeper.connect uses for hosts[0], hosts[1], ... (`aliases`).
    std::vector<std::string> aliases;
    /// zookeeper.properties for every node: `properties-file` first, then `properties`.
    kafka::Properties properties{kafka::ConfigScope::zookeeper};
};

struct BrokerSpec {
    kafka::BrokerId id{1};
    std::string host = "broker-1";  // always "broker-<id>"
    std::string rack;               // broker.rack; "" for none
    /// The port clients use, from the broker's `listeners` (PLAINTEXT://:9092 unset).
    std::uint16_t port = 9092;
    /// Where `localhost:<port>` finds this broker, as on one machine where brokers
    /// differ by port; `kafkalab serve` listens here too (localhost_ports.h).
    std::uint16_t localhost_port = 9092;
    /// The broker's complete server.properties: the cluster's (file, then inline), then
    /// its own; broker.id and broker.rack (when set) are written in too, and
    /// zookeeper.connect lists the ZooKeeper hosts unless the file set it.
    kafka::Properties properties{kafka::ConfigScope::broker};
    SourcePosition position;
};

struct ClusterSpec {
    ZooKeeperSpec zookeeper;
    /// In file order; at least one. Ids and hosts are unique.
    std::vector<BrokerSpec> brokers;
    /// The cluster-wide server.properties (file, then inline) before per-broker keys.
    kafka::Properties properties{kafka::ConfigScope::broker};
};

// ---------------------------------------------------------------------------------
// Network

enum class HostKind : std::uint8_t { broker, zookeeper, producer, consumer };

/// The switch a host sits on when no rack names it.
inline constexpr std::string_view default_switch = "switch";

/// A host and the switch it is plugged into.
struct HostSpec {
    std::string name;
    HostKind kind = HostKind::broker;
    std::string switch_name;
};

/// A link of the topology, between two hosts or switches (names from HostSpec or
/// NetworkSpec::switches).
struct LinkEntry {
    std::string a;
    std::string b;
    sim::LinkSpec spec;
    SourcePosition position;  // of the `links` entry that set it; {0,0}: default
};

/// The resolved topology. Every host sits on one switch: its rack's switch (a broker's
/// `rack`, or the `racks` entry naming the host), else the switch "switch". Hosts are
/// linked to their switch; switches are linked pairwise; `links` entries override a
/// link's spec or add a direct link.
struct NetworkSpec {
    /// Applies to every link not named in `links`. kafkalab's defaults: 1ms latency, no
    /// jitter, 1 Gbit/s, no loss.
    sim::LinkSpec defaults{std::chrono::milliseconds(1), Duration{0}, 125'000'000, 0.0};
    std::vector<std::string> switches;
    /// Brokers, then ZooKeeper nodes, then producers, then consumers.
    std::vector<HostSpec> hosts;
    std::vector<LinkEntry> links;
};

// ---------------------------------------------------------------------------------
// Topics

struct TopicSpec {
    std::string name;
    std::int32_t partitions = 1;          // defaults to the cluster's num.partitions
    std::int16_t replication_factor = 1;  // defaults to default.replication.factor
    /// Topic-level overrides only, as kafka-topics --describe shows them in "Configs:".
    /// kafka::with_server_defaults() gives the effective configuration.
    kafka::Properties configs{kafka::ConfigScope::topic};
    /// Replica lists per partition (leader-preferred first); empty: the controller
    /// assigns. When given: one list per partition, each replication_factor long.
    std::vector<std::vector<kafka::BrokerId>> assignment;
    SourcePosition position;
};

// ---------------------------------------------------------------------------------
// Clients

/// One bootstrap address as written, and the host it names.
struct BootstrapServer {
    std::string address;  // "localhost:9092", "broker-2:9092"
    std::string host;     // "broker-1", "broker-2"
    std::uint16_t port = 9092;
};

/// When a producer sends. `records` per `per`:
///  - every:   one record each `per`;
///  - rate:    `records` evenly spaced over each `per`;
///  - poisson: a Poisson process with a mean of `records` per `per`;
///  - burst:   `records` at once, each `per`.
enum class ScheduleKind : std::uint8_t { every, rate, poisson, burst };
struct Schedule {
    ScheduleKind kind = ScheduleKind::every;
    std::int64_t records = 1;
    Duration per = std::chrono::seconds(1);
};

/// What a record's value holds.
enum class ValueKind : std::uint8_t {
    sequence,                // "0", "1", "2", ... per producer
    fake_user_registration,  // a JSON user record like the Faker demo's
    fixed,                   // `text`
    random_bytes,            // `size_bytes` seeded random bytes
};
struct ValueSpec {
    ValueKind kind = ValueKind::sequence;
    std::string text;
    std::int64_t size_bytes = 0;
};

/// A record's key: none (null), one fixed key, "0", "1", ... per record, or a list
/// of keys used in turn.
enum class KeyKind : std::uint8_t { none, fixed, sequence, cycle };
struct KeySpec {
    KeyKind kind = KeyKind::none;
    std::vector<std::string> values;  // fixed: one; cycle: two or more; else empty
};

/// A client's name, which is also its host name: 1 to 64 letters, digits, '.', '_' or '-'.
bool is_valid_client_name(std::string_view name);

struct ProducerSpec {
    std::string name;  // also its host name and its default client.id
    /// Default: the first broker. Also written into properties as bootstrap.servers.
    std::vector<BootstrapServer> bootstrap_servers;
    std::string topic;
    Schedule schedule;
    std::optional<std::int64_t> count;  // stop after this many records; none: no limit
    Duration start{0};
    Duration stop{0};                       // defaults to the end of the run
    ValueSpec value;
    KeySpec key;
    std::optional<std::int32_t> partition;  // explicit partition; none: the partitioner
    kafka::Properties properties{kafka::ConfigScope::producer};
    SourcePosition position;
};

/// How many records a producer sends at most in a run of `run` (a Poisson schedule's
/// mean), in floating point: a rate of 10^9/ms over 24 hours must not overflow.
double records_sent(const ProducerSpec& p, Duration run);
/// Every record sent is kept (logs, the send ledger, the checker), about 300 bytes
/// each: ten million records stay within a few gigabytes and a minute or two of run.
inline constexpr double most_records_per_scenario = 10'000'000;

struct ConsumerSpec {
    std::string name;  // also its host name and its default client.id
    std::vector<BootstrapServer> bootstrap_servers;
    /// The group; when the file gives none a consumer that subscribes gets a random
    /// one ("console-consumer-<5 digits>", from the seed), as kafka-console-consumer
    /// does. Empty only for a consumer that assigns partitions and gives no group.
    std::string group_id;
    bool group_id_generated = false;
    /// Subscribed topics; empty when `assign` is used instead.
    std::vector<std::string> topics;
    /// Explicit partitions (KafkaConsumer.assign); no group membership.
    std::vector<kafka::TopicPartition> assign;
    kafka::Properties properties{kafka::ConfigScope::consumer};
    Duration start{0};
    Duration processing_per_record{0};  // simulated work before the next record
    SourcePosition position;
};

/// The group a subscribing consumer without one gets: kafka-console-consumer names it
/// "console-consumer-" + a random number below 100000; here the number comes from the
/// seed and the consumer's name, so runs repeat.
std::string generated_group_id(std::uint64_t seed, std::string_view consumer);

// ---------------------------------------------------------------------------------
// Timeline: CLI steps, narration, predict questions

struct StepSpec {
    Duration at{0};
    std::string run;    // the command line, verbatim
    std::string tool;   // its tool, normalised: "kafka-topics", "kafka-console-consumer", ...
    std::vector<std::string> input;  // lines typed into kafka-console-producer
    SourcePosition position;
};

struct NarrationSpec {
    Duration at{0};
    std::string say;
    /// How many expectations the line's `expect:` added to Scenario::expectations: the
    /// facts it states, checked at `at` unless they name another time.
    std::size_t checked_facts = 0;
    SourcePosition position;
};

/// A "predict first" question: the run pauses at `at`, asks, and shows the answer
/// once the class has committed to a guess.
struct PredictionSpec {
    Duration at{0};
    std::string ask;
    std::string answer;
    SourcePosition position;
};

// ---------------------------------------------------------------------------------
// Expectations, checked at the end of the run (or at `at`)

enum class ExpectationKind : std::uint8_t {
    no_acknowledged_record_lost,  // every acknowledged record is still readable
    no_duplicates,                // no value at two offsets
    order_kept,                   // per partition, a producer's records in send order
    consumed_all,                 // `group` read every acknowledged record
    leader,                       // leader of `partition` at `at` is `leader`
    isr,                          // ISR of `partition` at `at` is `isr` (as a set)
    under_replicated_partitions,  // `count` of them at `at`
    record_count,                 // records in `topic` at `at`
    lost_acknowledged_records,    // acknowledged records lost, in `count`
    duplicate_records,            // records written twice, in `count`
    consumed_records,             // distinct records `group` received (of `topic`, if named), in `count`
    redelivered_records,          // records delivered to `group` more than once, in `count`
    consumer_lag,                 // log end offset minus `group`'s committed offset of `partition` at `at`
    assignment,                   // the partitions `consumer` owns at `at`, as a set
    recovers,                     // the liveness phase passes (scenarios/checker/liveness.h)
    does_not_recover,             // the liveness phase finds what did not recover
};

/// An inclusive range; `count: N` sets both ends.
struct CountRange {
    std::optional<std::int64_t> min;
    std::optional<std::int64_t> max;

    bool contains(std::int64_t n) const { return (!min || n >= *min) && (!max || n <= *max); }
};

struct ExpectationSpec {
    ExpectationKind kind = ExpectationKind::no_acknowledged_record_lost;
    std::string topic;                // record_count: required; ledger checks: "" for all topics
    std::string group;                // consumed_all, consumed_records, redelivered_records, consumer_lag
    std::string consumer;             // assignment
    kafka::TopicPartition partition;  // leader, isr, consumer_lag
    std::vector<kafka::TopicPartition> partitions;  // assignment, sorted
    Duration at{0};                   // leader, isr, under_replicated_partitions, record_count,
                                      // consumer_lag, assignment; end by default
    kafka::BrokerId leader = kafka::no_broker;  // leader: no_broker means "none"
    std::vector<kafka::BrokerId> isr;           // isr, sorted by id
    CountRange count;                 // under_replicated, record_count, lost_..., duplicate_...,
                                      // consumed_records, redelivered_records, consumer_lag
    std::optional<Duration> settle;   // recovers, does_not_recover; none: from Kafka's timeouts
    /// no_acknowledged_record_lost: losses with these causes (the cases in which Kafka
    /// itself loses acknowledged records) do not fail it; `unexplained` is never among them.
    std::vector<LossCause> except_causes;
    SourcePosition position;
};

// ---------------------------------------------------------------------------------
// Sweeps: the bounds of the random fault schedules `kafkalab sweep --faults random`
// (and `kafkalab run --faults random`) draw from each seed (scenarios/sweep/).

/// A sweep-wide expectation: the share of runs that show something.
enum class SweepShareKind : std::uint8_t {
    lost_acknowledged_records,  // runs with at least one lost write
    duplicate_records,          // runs with at least one duplicate
    reordered_records,          // runs with at least one nonmonotonic send
    failed_runs,                // runs that failed one of the scenario's expectations
};
struct SweepShareExpectation {
    SweepShareKind kind = SweepShareKind::lost_acknowledged_records;
    std::optional<double> min;  // fractions of the runs, in [0, 1]
    std::optional<double> max;
    SourcePosition position;
};

struct SweepSpec {
    /// The episode kinds drawn from, each equally likely; never empty; each one of
    /// sweep_episode_kinds. An episode: crash then restart; power-loss then restart;
    /// partition (the drawn hosts cut off from everyone else) then heal; slow (latency
    /// on the hosts' links) for a while; pause (a consumer stops polling, a broker or
    /// ZooKeeper node freezes) for a while.
    std::vector<FaultKind> faults{FaultKind::crash, FaultKind::partition};
    /// Episodes per run, drawn in [count_min, count_max]; 0 <= min <= max <= 100.
    std::int32_t count_min = 1;
    std::int32_t count_max = 3;
    /// Hosts one episode hits at once, drawn in [hosts_per_fault_min, hosts_per_fault_max].
    std::int32_t hosts_per_fault_min = 1;
    std::int32_t hosts_per_fault_max = 1;
    /// Every episode begins and ends in [window_start, window_stop]; defaults: a tenth
    /// and two thirds of the run, so the cluster has the rest of it to recover.
    Duration window_start{0};
    Duration window_stop{0};
    /// Between two episodes' starts, and between the end of one host's episode and
    /// its next one.
    Duration min_gap = std::chrono::seconds(1);
    /// How long an episode lasts (crash to restart, partition to heal, slow, pause).
    Duration lasts_min = std::chrono::seconds(1);
    Duration lasts_max = std::chrono::seconds(10);
    /// The latency a slow episode adds (its jitter is a quarter of it).
    Duration latency_min = std::chrono::milliseconds(50);
    Duration latency_max = std::chrono::milliseconds(500);
    /// Who may be hit, in file order; default: every broker. power-loss skips clients.
    std::vector<std::string> hosts;
    std::vector<SweepShareExpectation> expect;
};

// ---------------------------------------------------------------------------------

struct Scenario {
    std::string name;  // defaults to the file name without its extension
    std::string description;
    std::string source;  // the file it was read from (display name for text input)
    std::uint64_t seed = 1;
    Duration duration = std::chrono::seconds(60);
    kafka::KafkaVersion kafka_version = kafka::default_kafka_version;

    ClusterSpec cluster;
    NetworkSpec network;
    std::vector<TopicSpec> topics;
    std::vector<ProducerSpec> producers;
    std::vector<ConsumerSpec> consumers;
    std::vector<FaultSpec> faults;  // in file order; the runner orders them by time
    std::vector<StepSpec> steps;
    std::vector<NarrationSpec> narration;
    std::vector<PredictionSpec> predictions;
    std::vector<ExpectationSpec> expectations;
    /// `sweep:`, with its defaults filled in even when the file has none.
    SweepSpec sweep;

    const BrokerSpec* find_broker(std::string_view host) const;
    const TopicSpec* find_topic(std::string_view name) const;
};

}  // namespace kafkalab::scenarios
