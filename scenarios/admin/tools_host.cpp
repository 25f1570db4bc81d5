#include "scenarios/admin/tools_host.h"

#include "broker_model/common/host_names.h"
#include "sim/simulation.h"

namespace kafkalab::scenarios {

using namespace std::chrono_literals;

std::vector<std::string> default_resolve(const std::vector<std::string>& servers, int broker_count) {
    std::vector<std::string> hosts;
    auto all_brokers = [&] {
        for (int id = 1; id <= broker_count; ++id) hosts.push_back(kafka::broker_host(kafka::BrokerId{id}));
    };
    for (const auto& server : servers) {
        std::string host = server.substr(0, server.find(':'));
        std::string port = server.find(':') == std::string::npos ? "" : server.substr(server.find(':') + 1);
        if (port == "2181" || kafka::is_zookeeper_host(host)) {
            all_brokers();
        } else if (host == "localhost" || host == "127.0.0.1") {
            hosts.push_back(kafka::broker_host(kafka::BrokerId{1}));
        } else {
            hosts.push_back(host);
        }
    }
    if (hosts.empty()) all_brokers();
    return hosts;
}

ToolsHost::ToolsHost(sim::NodeContext& context, ServerResolver resolve, StaticBrokerConfigs static_configs)
    : sim::Node(context), resolve_(std::move(resolve)), static_configs_(std::move(static_configs)), network_(context) {}

void ToolsHost::on_message(sim::NodeIndex from, const sim::MessagePtr& message) { network_.on_response(from, message); }

std::optional<sim::NodeIndex> ToolsHost::node_of(const std::string& host) {
    return context().simulation().find_node(host);
}

void ToolsHost::fetch_metadata(const std::vector<std::string>& servers,
                               std::function<void(std::optional<kafka::MetadataResponse>)> done) {
    auto hosts = std::make_shared<std::vector<std::string>>(resolve_(servers));
    try_metadata(hosts, 0, std::move(done));
}

void ToolsHost::try_metadata(std::shared_ptr<std::vector<std::string>> hosts, std::size_t index,
                             std::function<void(std::optional<kafka::MetadataResponse>)> done) {
    if (index >= hosts->size()) return done(std::nullopt);
    auto node = node_of((*hosts)[index]);
    if (!node) return try_metadata(hosts, index + 1, std::move(done));
    auto request = std::make_shared<kafka::MetadataRequest>();
    request->allow_auto_topic_creation = false;
    network_.send(*node, request, 10s, [this, hosts, index, done](kafka::Error error, const sim::MessagePtr& response) {
        if (error != kafka::Error::none) return try_metadata(hosts, index + 1, done);
        done(kafka::message_as<kafka::MetadataResponse>(*response));
    });
}

}  // namespace kafkalab::scenarios
