#include "scenarios/spec/client_fields.h"

#include "broker_model/config/value_parsing.h"
#include "scenarios/spec/names.h"

namespace kafkalab::scenarios::detail {
namespace {

std::string join_addresses(const std::vector<BootstrapServer>& servers) {
    std::string text;
    for (const auto& s : servers) text += (text.empty() ? "" : ",") + s.address;
    return text;
}

}  // namespace

std::optional<std::string> read_client_name(Context& ctx, const Fields& f, const YAML::Node& entry,
                                            std::string_view kind) {
    const YAML::Node* node = f.find("name");
    if (!node) {
        error_at(ctx, entry, "a " + std::string(kind) + " needs a name (it is also its host name)");
        return std::nullopt;
    }
    auto name = read_string(ctx, *node, std::string(kind) + " name");
    if (!name) return std::nullopt;
    if (!is_valid_client_name(*name)) {
        error_at(ctx, *node, std::string(kind) + " name must be 1 to 64 letters, digits, '.', '_' or '-'; found " +
                                 describe(*node));
        return std::nullopt;
    }
    for (auto host : known_hosts(ctx.scenario)) {
        if (host == *name) {
            error_at(ctx, *node, "the name '" + *name + "' is already taken by another host");
            return std::nullopt;
        }
    }
    return name;
}

void read_client_config(Context& ctx, const Fields& f, const YAML::Node& entry, const std::string& name,
                        kafka::Properties& properties, std::vector<BootstrapServer>& servers) {
    if (const auto* n = f.find("properties")) read_properties(ctx, *n, properties);
    const YAML::Node* listed = f.find("bootstrap-servers");
    if (listed && properties.contains("bootstrap.servers")) {
        error_at(ctx, *listed, "bootstrap servers are given twice: in bootstrap-servers and in bootstrap.servers");
    }
    if (!listed && properties.contains("bootstrap.servers")) {
        // Each address is checked at the properties mapping, where it was written.
        const YAML::Node& at = *f.find("properties");
        for (const auto& address : kafka::split_list(properties.get_string("bootstrap.servers"))) {
            if (auto s = resolve_bootstrap(ctx, at, address)) servers.push_back(*s);
        }
    } else {
        servers = read_bootstrap_servers(ctx, listed);
    }
    properties.set("bootstrap.servers", join_addresses(servers));
    if (!properties.contains("client.id")) properties.set("client.id", name);
    check_cross_keys(ctx, f.find("properties") ? *f.find("properties") : entry, properties);
}

}  // namespace kafkalab::scenarios::detail
