// Producer::send_view: the caller keeps its bytes, and the producer copies only what it
// keeps (KafkaProducer.send serializes into the batch; the application's record is its
// own). What lands in the log must be what was sent, whatever the caller does with its
// buffer afterwards.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "producer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

/// (key, value) of every record in the leader's log of `tp`, in offset order.
std::vector<std::pair<std::optional<std::string>, std::string>> log_contents(TestCluster& cluster,
                                                                             const TopicPartition& tp) {
    std::vector<std::pair<std::optional<std::string>, std::string>> records;
    const PartitionLog* log = cluster.log(cluster.leader(tp), tp);
    if (!log) return records;
    for (const auto& batch : log->batches()) {
        for (Offset o = batch.base_offset; o < batch.next_offset(); ++o) {
            std::optional<std::string> key;
            if (auto k = batch.key_at(o)) key.emplace(*k);
            records.emplace_back(key, std::string(batch.value_at(o)));
        }
    }
    return records;
}

}  // namespace

TEST_CASE("send_view stores the bytes as sent though the caller reuses its buffer at once") {
    ProducerFixture f;
    const TopicPartition tp{"views", 0};
    REQUIRE(f.cluster.create_topic("views", 1, 3).error == Error::none);
    auto node = f.add("producer", cluster_producer_config());
    std::string key = "k-1";
    std::string value = "before metadata";  // the topic is unknown yet: this record waits
    f.producer(node).send_view("views", 0, key, value);
    key = "k-2", value = "overwritten";
    f.producer(node).send_view("views", std::nullopt, std::nullopt, value);
    key.assign(40, '#'), value.assign(40, '#');
    REQUIRE(f.settle());
    value = "after metadata";  // now it goes straight into the batch
    f.producer(node).send_view("views", 0, std::string_view("k-3"), value);
    value.assign(40, '#');
    REQUIRE(f.settle());
    f.cluster.run_for(1s);

    using Record = std::pair<std::optional<std::string>, std::string>;
    CHECK(log_contents(f.cluster, tp) == std::vector<Record>{{"k-1", "before metadata"},
                                                             {std::nullopt, "overwritten"},
                                                             {"k-3", "after metadata"}});
    CHECK(f.ledger.entry(f.ledger.first_record_id()).value == "before metadata");
}

TEST_CASE("send_view with JSON serializers writes the serialized bytes as send does") {
    ProducerFixture f;
    const TopicPartition tp{"json", 0};
    REQUIRE(f.cluster.create_topic("json", 1, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.key_serializer = Serializer::json;
    config.value_serializer = Serializer::json;
    auto node = f.add("producer", config);
    f.producer(node).send_view("json", 0, std::string_view("alice"), "plain text");
    f.producer(node).send("json", 0, std::string("bob"), "{\"already\":\"json\"}");
    REQUIRE(f.settle());
    f.cluster.run_for(1s);

    using Record = std::pair<std::optional<std::string>, std::string>;
    CHECK(log_contents(f.cluster, tp) ==
          std::vector<Record>{{"\"alice\"", "\"plain text\""}, {"\"bob\"", "{\"already\":\"json\"}"}});
}
