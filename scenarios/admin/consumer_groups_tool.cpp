// kafka-consumer-groups, run from the ToolsHost: the same requests Kafka's admin
// client makes for --list and --describe, answered by the simulated cluster.
#include <map>
#include <memory>

#include "broker_model/common/after_all.h"
#include "broker_model/protocol/group_requests.h"
#include "broker_model/client/java_hash.h"
#include "broker_model/protocol/list_offsets.h"
#include "scenarios/admin/tools_host.h"
#include "scenarios/cli_tools/consumer_group_description.h"
#include "scenarios/cli_tools/consumer_groups_format.h"

namespace kafkalab::scenarios {

using namespace std::chrono_literals;
using kafka::message_as;

namespace {

ConsumerGroupState state_of(const std::string& name) {
    return parse_consumer_group_state(name).value_or(ConsumerGroupState::dead);
}


}  // namespace

void ToolsHost::run_consumer_groups(const ConsumerGroupsCommand& command, Done done) {
    fetch_metadata(command.servers, [this, command, done](std::optional<kafka::MetadataResponse> metadata) {
        if (!metadata) {
            ToolOutput out;
            out.err("Error: Executing consumer group command failed due to Timed out waiting for a node assignment.\n");
            out.set_exit_code(1);
            return done(out);
        }
        auto meta = std::make_shared<kafka::MetadataResponse>(*metadata);
        if (command.action == ConsumerGroupsAction::list) {
            // Every broker lists the groups it coordinates (ListGroups goes to all of them).
            auto listings = std::make_shared<std::map<std::string, ConsumerGroupListing>>();
            auto finish = kafka::after_all(meta->brokers.size(), [command, listings, done] {
                // KafkaAdminClient gathers the listings in a java.util.HashMap keyed by
                // group id and hands out its values(): Kafka prints groups in hash order.
                std::vector<std::string> ids;
                for (const auto& [id, listing] : *listings) ids.push_back(id);
                std::vector<ConsumerGroupListing> all;
                for (const auto& id : kafka::java_hash_map_order(ids)) all.push_back(listings->at(id));
                done(format_consumer_groups_list(command, all));
            });
            for (const auto& broker : meta->brokers) {
                auto node = node_of(broker.host);
                if (!node) {
                    finish();
                    continue;
                }
                network_.send(*node, std::make_shared<kafka::ListGroupsRequest>(), 10s,
                              [listings, finish](kafka::Error error, const sim::MessagePtr& response) {
                                  if (error == kafka::Error::none) {
                                      for (const auto& [group, state] : message_as<kafka::ListGroupsResponse>(*response).groups) {
                                          (*listings)[group] = ConsumerGroupListing{group, state_of(state)};
                                      }
                                  }
                                  finish();
                              });
            }
            return;
        }
        auto described = std::make_shared<std::vector<GroupDescribeOutcome>>(command.groups.size());
        auto finish = kafka::after_all(command.groups.size(), [command, described, done] {
            std::vector<ConsumerGroupDescription> groups;
            for (const auto& outcome : *described) {
                // describeGroups throws on the first failed group's future: nothing else prints.
                if (!outcome.timeout_message.empty()) return done(format_consumer_groups_timeout(outcome.timeout_message));
                groups.push_back(outcome.description);
            }
            done(format_consumer_groups_describe(command, groups));
        });
        const sim::Time deadline = context().now() + std::chrono::milliseconds(command.timeout_ms);
        for (std::size_t i = 0; i < command.groups.size(); ++i) {
            describe_group(command.groups[i], meta, deadline, [described, i, finish](GroupDescribeOutcome d) {
                (*described)[i] = std::move(d);
                finish();
            });
        }
    });
}

namespace {

/// The group errors after which Kafka's admin client looks the coordinator up again
/// (CoordinatorStrategy, DescribeConsumerGroupsHandler): it moved or is not ready.
bool coordinator_retriable(kafka::Error error) {
    return error == kafka::Error::coordinator_not_available || error == kafka::Error::not_coordinator ||
           error == kafka::Error::coordinator_load_in_progress;
}

/// retry.backoff.ms. Kafka 3.6's AdminApiDriver sends the next FindCoordinator as soon
/// as the last is answered; waiting this long between lookups prints the same outcome
/// without thousands of requests in the trace.
constexpr sim::Duration lookup_backoff = 100ms;

// The admin client's TimeoutException when the deadline finds the FindCoordinator call
// waiting to be retried, or the DescribeGroups call waiting for its connection
// (KafkaAdminClient's TimeoutProcessor).
constexpr const char* lookup_timed_out =
    "Timed out waiting for a node assignment. Call: describeGroups(api=FIND_COORDINATOR)";
constexpr const char* send_timed_out = "Timed out waiting to send the call. Call: describeGroups(api=DESCRIBE_GROUPS)";

}  // namespace

void ToolsHost::describe_group(const std::string& group, std::shared_ptr<kafka::MetadataResponse> meta,
                               sim::Time deadline, std::function<void(GroupDescribeOutcome)> done) {
    auto result = std::make_shared<ConsumerGroupDescription>();
    result->group_id = group;
    auto first = meta->brokers.empty() ? std::nullopt : node_of(meta->brokers.front().host);
    if (!first) return done({*result, {}});
    // The admin client keeps looking the coordinator up until the command's --timeout;
    // then the group's future fails with the call it was waiting on.
    auto retry = [this, group, meta, deadline, done](const char* timeout_message) {
        if (context().now() + lookup_backoff >= deadline) {
            ConsumerGroupDescription unknown;
            unknown.group_id = group;
            return done({unknown, timeout_message});
        }
        context().set_timer(lookup_backoff, "admin client retry", [this, group, meta, deadline, done] {
            describe_group(group, meta, deadline, done);
        });
    };
    auto find = std::make_shared<kafka::FindCoordinatorRequest>();
    find->key = group;
    network_.send(*first, find, 10s, [this, group, meta, result, done, retry](kafka::Error error, const sim::MessagePtr& r) {
        if (error != kafka::Error::none) return retry(lookup_timed_out);
        const auto& found = message_as<kafka::FindCoordinatorResponse>(*r);
        if (coordinator_retriable(found.error)) return retry(lookup_timed_out);
        if (found.error != kafka::Error::none) return done({*result, {}});
        result->coordinator = {found.node_id, found.host, found.port};
        auto coordinator = node_of(found.host);
        if (!coordinator) return done({*result, {}});
        auto describe = std::make_shared<kafka::DescribeGroupsRequest>();
        describe->groups = {group};
        network_.send(*coordinator, describe, 10s,
                      [this, group, meta, result, done, coordinator, retry](kafka::Error e, const sim::MessagePtr& dr) {
            if (e != kafka::Error::none) return retry(send_timed_out);
            const auto& g = message_as<kafka::DescribeGroupsResponse>(*dr).groups.at(0);
            if (coordinator_retriable(g.error)) return retry(lookup_timed_out);
            result->state = state_of(g.state);
            result->assignment_strategy = g.protocol;
            for (const auto& m : g.members) {
                result->members.push_back({m.member_id, "", m.client_id, m.client_host.rfind("/", 0) == 0 ? m.client_host : "/" + m.client_host, m.assignment});
            }
            auto fetch = std::make_shared<kafka::OffsetFetchRequest>();
            fetch->group_id = group;
            network_.send(*coordinator, fetch, 10s, [this, meta, result, done](kafka::Error fe, const sim::MessagePtr& fr) {
                if (fe == kafka::Error::none) {
                    for (const auto& [tp, offset] : message_as<kafka::OffsetFetchResponse>(*fr).offsets) {
                        if (offset.value >= 0) result->committed_offsets[tp] = offset.value;
                    }
                }
                fill_log_end_offsets(meta, result, [done](ConsumerGroupDescription d) { done({std::move(d), {}}); });
            });
        });
    });
}

void ToolsHost::fill_log_end_offsets(std::shared_ptr<kafka::MetadataResponse> meta,
                                     std::shared_ptr<ConsumerGroupDescription> result,
                                     std::function<void(ConsumerGroupDescription)> done) {
    // One ListOffsets (latest) per leader, for every partition the group touches.
    std::map<kafka::TopicPartition, bool> wanted;
    for (const auto& [tp, offset] : result->committed_offsets) wanted[tp] = true;
    for (const auto& m : result->members) {
        for (const auto& tp : m.assignment) wanted[tp] = true;
    }
    std::map<std::string, std::shared_ptr<kafka::ListOffsetsRequest>> by_leader;
    for (const auto& [tp, yes] : wanted) {
        for (const auto& topic : meta->topics) {
            for (const auto& p : topic.partitions) {
                if (topic.name != tp.topic || p.partition != tp.partition || p.leader == kafka::no_broker) continue;
                for (const auto& b : meta->brokers) {
                    if (b.id != p.leader) continue;
                    auto& request = by_leader[b.host];
                    if (!request) request = std::make_shared<kafka::ListOffsetsRequest>();
                    request->partitions.push_back({tp, kafka::latest_timestamp});
                }
            }
        }
    }
    auto finish = kafka::after_all(by_leader.size(), [result, done] { done(*result); });
    for (const auto& [host, request] : by_leader) {
        auto node = node_of(host);
        if (!node) {
            finish();
            continue;
        }
        network_.send(*node, request, 10s, [result, finish](kafka::Error e, const sim::MessagePtr& r) {
            if (e == kafka::Error::none) {
                for (const auto& p : message_as<kafka::ListOffsetsResponse>(*r).partitions) {
                    if (p.error == kafka::Error::none) result->log_end_offsets[p.partition] = p.offset.value;
                }
            }
            finish();
        });
    }
}

}  // namespace kafkalab::scenarios
