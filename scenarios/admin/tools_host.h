#pragma once
// The machine a student types Kafka's command-line tools on. It is a node like any
// client: the tools reach the brokers through the simulated network, so a tool run
// during a partition or a crash fails or waits exactly as the real one would.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/config/properties.h"
#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/network_client.h"
#include "scenarios/cli_tools/tool_output.h"
#include "scenarios/cli_tools/consumer_group_description.h"
#include "scenarios/cli_tools/consumer_groups_command.h"
#include "scenarios/cli_tools/topics_command.h"
#include "sim/node.h"

namespace kafkalab::scenarios {

/// Maps a "host:port" a student typed ("localhost:9092") to the simulated broker
/// hosts to try, in order.
using ServerResolver = std::function<std::vector<std::string>(const std::vector<std::string>& servers)>;

/// The default: "localhost" and "127.0.0.1" mean broker-1 (any port), a broker's own
/// name means itself, and a ZooKeeper address (port 2181 or a zk-N host) means every
/// broker, since the ZooKeeper-era tools found brokers through ZooKeeper.
std::vector<std::string> default_resolve(const std::vector<std::string>& servers, int broker_count);

/// What describing one group came to: its description, or the admin client's timeout
/// when the command's --timeout ran out while it was still retrying.
struct GroupDescribeOutcome {
    ConsumerGroupDescription description;
    /// "Timed out waiting for a node assignment. Call: describeGroups(api=FIND_COORDINATOR)";
    /// empty when described.
    std::string timeout_message;
};

/// Each broker's server.properties as written, by broker id: what DescribeConfigs
/// reports with source STATIC_BROKER_CONFIG.
using StaticBrokerConfigs = std::map<kafka::BrokerId, kafka::Properties>;

class ToolsHost final : public sim::Node {
public:
    using Done = std::function<void(ToolOutput)>;

    ToolsHost(sim::NodeContext& context, ServerResolver resolve, StaticBrokerConfigs static_configs = {});

    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override;
    void on_disconnect(sim::NodeIndex peer) override { network_.on_disconnect(peer); }

    /// Runs kafka-topics; `done` gets what it printed. Tool timeouts follow Kafka's
    /// admin client (request.timeout.ms 30 s, default.api.timeout.ms 60 s).
    void run_topics(const TopicsCommand& command, Done done);
    /// Runs kafka-consumer-groups --list or --describe (offsets, members, state views):
    /// FindCoordinator, DescribeGroups and OffsetFetch to the group's coordinator, and
    /// ListOffsets to the partitions' leaders for LOG-END-OFFSET and LAG.
    void run_consumer_groups(const ConsumerGroupsCommand& command, Done done);

    kafka::NetworkClient& network() { return network_; }
    /// Fetches cluster metadata from the first answering server; nothing on timeout.
    void fetch_metadata(const std::vector<std::string>& servers,
                        std::function<void(std::optional<kafka::MetadataResponse>)> done);
    std::optional<sim::NodeIndex> node_of(const std::string& host);
    std::vector<std::string> resolve(const std::vector<std::string>& servers) const { return resolve_(servers); }

private:
    /// FindCoordinator, DescribeGroups and OffsetFetch as the admin client sends them,
    /// looking the coordinator up again while it is unavailable, until `deadline`.
    void describe_group(const std::string& group, std::shared_ptr<kafka::MetadataResponse> meta, sim::Time deadline,
                        std::function<void(GroupDescribeOutcome)> done);
    void fill_log_end_offsets(std::shared_ptr<kafka::MetadataResponse> meta,
                              std::shared_ptr<ConsumerGroupDescription> result,
                              std::function<void(ConsumerGroupDescription)> done);
    void try_metadata(std::shared_ptr<std::vector<std::string>> hosts, std::size_t index,
                      std::function<void(std::optional<kafka::MetadataResponse>)> done);

    ServerResolver resolve_;
    StaticBrokerConfigs static_configs_;
    kafka::NetworkClient network_;
};

}  // namespace kafkalab::scenarios
