#include "support/test_cluster.h"

#include "broker_model/broker/cluster_reader.h"
#include "broker_model/log/record_data.h"
#include "broker_model/protocol/produce.h"

namespace kafkalab::kafka::testing {

TestCluster::TestCluster(ClusterOptions options)
    : options_(options),
      sim_(options.seed, sim::NetworkOptions{options.link, 10s}),
      zookeeper_(zk::Ensemble::add_to(sim_, options.zookeepers)) {
    std::vector<std::string> connect;
    for (int i = 1; i <= options.zookeepers; ++i) connect.push_back("zk-" + std::to_string(i));
    for (int id = 1; id <= options.brokers; ++id) {
        BrokerConfig config = options.broker;
        config.broker_id = BrokerId{id};
        config.zookeeper_connect = connect;
        brokers_.push_back(sim_.add_node("broker-" + std::to_string(id), [config, hooks = options.hooks,
                                                                          truncation = options.follower_truncation](
                                                                             sim::NodeContext& context) {
            return std::make_unique<Broker>(context, config, hooks, truncation);
        }));
    }
    client_ = sim_.add_node("client", [](sim::NodeContext& context) { return std::make_unique<TestClient>(context); });
    wait_until_ready();
}

bool TestCluster::run_until(const std::function<bool()>& done, sim::Duration limit) {
    sim::Time deadline = sim_.now() + limit;
    while (!done()) {
        if (sim_.now() >= deadline) return false;
        sim_.run_for(10ms);
    }
    return true;
}

void TestCluster::wait_until_ready() {
    run_until([this] {
        for (int id = 1; id <= options_.brokers; ++id) {
            Broker* b = broker(id);
            if (b && !b->registered()) return false;
        }
        Broker* c = controller();
        return c && c->metadata().live_brokers().size() == static_cast<std::size_t>(options_.brokers);
    });
}

Broker* TestCluster::controller() {
    // A controller cut off from ZooKeeper still believes it is one (a zombie) until it
    // hears its session expired; the real one has the highest controller epoch.
    Broker* best = nullptr;
    for (int id = 1; id <= options_.brokers; ++id) {
        Broker* b = broker(id);
        if (!b || !b->is_controller()) continue;
        if (!best || b->controller()->epoch() > best->controller()->epoch()) best = b;
    }
    return best;
}

int TestCluster::controller_id() {
    Broker* c = controller();
    return c ? c->id().value : -1;
}

TopicResult TestCluster::create_topic(const std::string& name, int partitions, int replication_factor,
                                      std::map<std::string, std::string> configs) {
    auto request = std::make_shared<CreateTopicsRequest>();
    request->topics.push_back({name, partitions, static_cast<std::int16_t>(replication_factor), {}, configs});
    std::optional<TopicResult> result;
    Broker* c = controller();
    if (!c) return {name, Error::not_controller, "no controller"};
    client().network().send(broker_node(c->id().value), request, 30s,
                            [&result, name](Error error, const sim::MessagePtr& response) {
                                if (error != Error::none) {
                                    result = TopicResult{name, error, ""};
                                    return;
                                }
                                result = message_as<CreateTopicsResponse>(*response).topics.at(0);
                            });
    run_until([&] { return result.has_value(); });
    if (result && result->error == Error::none) {
        for (int p = 0; p < partitions; ++p) wait_for_leader({name, p});
    }
    return result.value_or(TopicResult{name, Error::request_timed_out, ""});
}

ClusterState TestCluster::cluster_state() { return read_cluster_state(sim_, brokers_); }

std::optional<LeaderAndIsr> TestCluster::state(const TopicPartition& tp) {
    const ClusterState cluster = cluster_state();
    const PartitionLeadership* partition = cluster.from_controller() ? cluster.find(tp) : nullptr;
    if (!partition) return std::nullopt;
    return partition->leadership;
}

int TestCluster::leader(const TopicPartition& tp) {
    auto s = state(tp);
    return s ? s->leader.value : -1;
}

std::vector<int> TestCluster::isr(const TopicPartition& tp) {
    std::vector<int> ids;
    if (auto s = state(tp)) {
        for (BrokerId id : s->isr) ids.push_back(id.value);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void TestCluster::wait_for_leader(const TopicPartition& tp) {
    run_until([&] {
        int id = leader(tp);
        if (id < 0) return false;
        Broker* b = broker(id);
        const Partition* p = b ? b->replicas().partition(tp) : nullptr;
        return p && p->is_leader();
    });
}

ProduceOutcome TestCluster::produce(const TopicPartition& tp, const std::vector<std::string>& values, Acks acks,
                                    int to_broker, sim::Duration limit) {
    RecordDataBuilder builder;
    for (const auto& value : values) {
        std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(sim_.now().time_since_epoch()).count();
        builder.add(std::nullopt, value, now_ms, next_record_id_++);
    }
    auto request = std::make_shared<ProduceRequest>();
    request->acks = acks;
    request->timeout_ms = 30'000;
    request->partitions.push_back({tp, builder.build(), {}});
    int target = to_broker > 0 ? to_broker : leader(tp);
    ProduceOutcome outcome;
    if (target < 0) return outcome;
    if (acks == Acks::none) {
        client().network().send_one_way(broker_node(target), request);
        outcome.answered = true;
        outcome.error = Error::none;
        return outcome;
    }
    client().network().send(broker_node(target), request, limit,
                            [&outcome](Error error, const sim::MessagePtr& response) {
                                outcome.answered = true;
                                if (error != Error::none) {
                                    outcome.error = error;
                                    return;
                                }
                                const auto& part = message_as<ProduceResponse>(*response).partitions.at(0);
                                outcome.error = part.error;
                                outcome.base_offset = part.base_offset;
                            });
    run_until([&] { return outcome.answered; }, limit + 1s);
    return outcome;
}

PartitionLog* TestCluster::log(int broker_id, const TopicPartition& tp) {
    return LogManager::on_disk(sim_.context(broker_node(broker_id)).disk()).find(tp);
}

namespace {
std::vector<std::string> values_below(const PartitionLog& log, Offset end) {
    std::vector<std::string> values;
    for (const auto& batch : log.batches()) {
        for (Offset o = batch.base_offset; o < batch.next_offset() && o < end; ++o) {
            values.emplace_back(batch.value_at(o));
        }
    }
    return values;
}
}  // namespace

std::vector<std::string> TestCluster::committed_values(int broker_id, const TopicPartition& tp) {
    PartitionLog* l = log(broker_id, tp);
    return l ? values_below(*l, l->high_watermark()) : std::vector<std::string>{};
}

std::vector<std::string> TestCluster::log_values(int broker_id, const TopicPartition& tp) {
    PartitionLog* l = log(broker_id, tp);
    return l ? values_below(*l, l->log_end_offset()) : std::vector<std::string>{};
}

}  // namespace kafkalab::kafka::testing
