// kafka-topics, run from the ToolsHost against the simulated cluster: --list and
// --describe read Metadata; --create, --delete and --alter --partitions go to the
// controller, as Kafka's admin client sends them.
#include <algorithm>
#include <chrono>
#include <set>

#include <fmt/format.h>

#include "broker_model/protocol/admin_requests.h"
#include "scenarios/admin/describe_configs_order.h"
#include "scenarios/admin/tools_host.h"
#include "scenarios/cli_tools/topic_selection.h"
#include "scenarios/cli_tools/topics_format.h"

namespace kafkalab::scenarios {

using namespace std::chrono_literals;

namespace {

TopicDescription describe(const kafka::TopicMetadata& topic) {
    TopicDescription d;
    d.name = topic.name;
    d.topic_id = topic.topic_id;
    d.min_insync_replicas = topic.min_insync_replicas;
    for (const auto& [key, value] : topic.configs) d.configs.push_back({key, value});
    for (const auto& p : topic.partitions) {
        PartitionDescription pd;
        pd.partition = p.partition;
        if (p.leader != kafka::no_broker) pd.leader = p.leader;
        pd.replicas = p.replicas;
        pd.isr = p.isr;
        pd.offline_replicas = p.offline_replicas;
        d.partitions.push_back(std::move(pd));
    }
    return d;
}

/// Kafka's TopicCommand (2.2 on, through --bootstrap-server) prints every config whose
/// DescribeConfigs source is not DEFAULT_CONFIG: the topic's own overrides and the
/// topic keys a broker's server.properties sets (STATIC_BROKER_CONFIG), such as
/// min.insync.replicas, or retention.ms from log.retention.hours. The --zookeeper tool
/// read the topic's znode and saw the overrides only.
void add_static_broker_configs(TopicDescription& topic, const kafka::Properties& server_properties) {
    const kafka::Properties effective =
        kafka::with_server_defaults(kafka::Properties(kafka::ConfigScope::topic, server_properties.era()), server_properties);
    for (const auto& entry : effective.entries()) {
        const bool overridden = std::any_of(topic.configs.begin(), topic.configs.end(),
                                            [&](const TopicConfigEntry& c) { return c.name == entry.key; });
        if (!overridden) topic.configs.push_back({entry.key, entry.value});
    }
}

std::vector<std::string> names_of(const kafka::MetadataResponse& metadata) {
    std::vector<std::string> names;
    for (const auto& t : metadata.topics) {
        if (t.error == kafka::Error::none) names.push_back(t.name);
    }
    return names;
}

/// KafkaAdminClient's defaults: request.timeout.ms, default.api.timeout.ms, retry.backoff.ms.
constexpr sim::Duration admin_request_timeout = 30s;
constexpr sim::Duration admin_api_timeout = 60s;
constexpr sim::Duration admin_retry_backoff = 100ms;

std::int64_t wall_ms(sim::Time t) { return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count(); }

/// KafkaAdminClient's Call for createTopics (Kafka 3.6): each attempt waits at most
/// request.timeout.ms, or what is left of the call's default.api.timeout.ms deadline;
/// a timed-out attempt drops the connection (DisconnectException, retriable) and the
/// call is sent again after retry.backoff.ms, until the deadline passes. Then
/// Call.handleTimeoutFailure names the call. A controller that answers a retry after
/// the first attempt's write went through answers TOPIC_ALREADY_EXISTS.
void call_create_topics(sim::NodeContext& context, kafka::NetworkClient& network, sim::NodeIndex controller,
                        const kafka::CreateTopicsRequest& request, sim::Time deadline, const TopicsCommand& command,
                        const ToolsHost::Done& done) {
    struct Call {
        sim::Time deadline;
        int tries = 0;
        std::function<void()> attempt;
    };
    auto call = std::make_shared<Call>();
    call->deadline = deadline;
    call->attempt = [&context, &network, controller, request, command, done, weak = std::weak_ptr<Call>(call)] {
        auto self = weak.lock();
        if (!self) return;
        // NetworkClient expires a request once strictly more than its timeout has passed.
        const sim::Duration timeout = std::min(admin_request_timeout, self->deadline - context.now()) + 1ms;
        auto answered = [&context, command, done, self](kafka::Error error, const sim::MessagePtr& response) {
            if (error == kafka::Error::none) {
                self->attempt = nullptr;
                const auto& result = kafka::message_as<kafka::CreateTopicsResponse>(*response).topics.at(0);
                return done(format_topics_create(command, result.error, result.error_message));
            }
            const sim::Time failed_at = context.now();
            ++self->tries;
            if (failed_at >= self->deadline) {
                self->attempt = nullptr;
                return done(topic_command_error(fmt::format(
                    "org.apache.kafka.common.errors.TimeoutException: Call(callName=createTopics, deadlineMs={}, "
                    "tries={}, nextAllowedTryMs={}) timed out at {} after {} attempt(s)",
                    wall_ms(self->deadline), self->tries, wall_ms(failed_at + admin_retry_backoff), wall_ms(failed_at),
                    self->tries)));
            }
            context.set_timer(admin_retry_backoff, "admin client retry backoff", [self] {
                if (self->attempt) self->attempt();
            });
        };
        network.send(controller, std::make_shared<kafka::CreateTopicsRequest>(request), timeout, answered);
    };
    call->attempt();
}

ToolOutput unreachable() {
    // What the admin client reports when no broker answers within its timeouts.
    return topic_command_error(
        "org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listTopics");
}

}  // namespace

void ToolsHost::run_topics(const TopicsCommand& command, Done done) {
    // The admin client's call starts its default.api.timeout.ms clock when the tool
    // calls it, before the metadata that finds the controller has arrived.
    const sim::Time call_deadline = context().now() + admin_api_timeout;
    fetch_metadata(command.servers, [this, command, done, call_deadline](std::optional<kafka::MetadataResponse> metadata) {
        if (!metadata) return done(unreachable());
        switch (command.action) {
            case TopicsAction::list: return done(format_topics_list(command, names_of(*metadata)));
            case TopicsAction::describe: {
                std::vector<TopicDescription> all;
                std::set<kafka::BrokerId> live;
                for (const auto& b : metadata->brokers) live.insert(b.id);
                // DescribeConfigs goes to one live broker; its server.properties answers.
                const kafka::Properties* server_properties = nullptr;
                for (const auto& [id, properties] : static_configs_) {
                    if (server_properties == nullptr && live.contains(id)) server_properties = &properties;
                }
                for (const auto& t : metadata->topics) {
                    if (t.error != kafka::Error::none) continue;
                    all.push_back(describe(t));
                    if (command.connection == ClusterConnection::bootstrap_server) {
                        if (server_properties) add_static_broker_configs(all.back(), *server_properties);
                        all.back().configs = in_describe_configs_order(std::move(all.back().configs));
                    }
                }
                return done(format_topics_describe(command, all, live));
            }
            default: break;
        }
        std::optional<sim::NodeIndex> controller;
        for (const auto& b : metadata->brokers) {
            if (b.id == metadata->controller_id) controller = node_of(b.host);
        }
        if (!controller) return done(unreachable());
        auto on_reply = [done](auto format) {
            return [done, format](kafka::Error error, const sim::MessagePtr& response) {
                if (error != kafka::Error::none) {
                    return done(topic_command_error("org.apache.kafka.common.errors.TimeoutException: "
                                                    "Call timed out."));
                }
                done(format(*response));
            };
        };
        if (command.action == TopicsAction::create) {
            auto request = std::make_shared<kafka::CreateTopicsRequest>();
            kafka::NewTopic topic;
            topic.name = command.topic.value_or("");
            topic.num_partitions = command.partitions.value_or(-1);
            topic.replication_factor = static_cast<std::int16_t>(command.replication_factor.value_or(-1));
            if (command.replica_assignment) topic.assignment = *command.replica_assignment;
            for (const auto& property : command.configs) topic.configs[property.key] = property.value;
            request->topics.push_back(topic);
            return call_create_topics(context(), network_, *controller, *request, call_deadline, command, done);
        }
        if (command.action == TopicsAction::delete_topic) {
            auto names = names_of(*metadata);
            ToolOutput checked = format_topics_delete(command, names);
            if (checked.exit_code() != 0) return done(checked);
            auto request = std::make_shared<kafka::DeleteTopicsRequest>();
            request->names = select_topics(names, command.topic, false);
            if (request->names.empty()) return done(checked);
            network_.send(*controller, request, 30s, on_reply([checked](const sim::Message&) { return checked; }));
            return;
        }
        // --alter --partitions N
        auto request = std::make_shared<kafka::CreatePartitionsRequest>();
        for (const auto& name : select_topics(names_of(*metadata), command.topic, false)) {
            request->topics.push_back({name, command.partitions.value_or(0)});
        }
        network_.send(*controller, request, 30s, on_reply([](const sim::Message& m) {
                          ToolOutput out;
                          for (const auto& r : kafka::message_as<kafka::CreatePartitionsResponse>(m).topics) {
                              if (r.error != kafka::Error::none) out.append(topic_command_error(r.error_message));
                          }
                          return out;
                      }));
    });
}

}  // namespace kafkalab::scenarios
