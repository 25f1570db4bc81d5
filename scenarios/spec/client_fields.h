#pragma once
// What producers and consumers share when read: their names (which are host names)
// and their bootstrap servers and client properties. Internal to the loader.
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenarios/spec/yaml_fields.h"

namespace kafkalab::scenarios::detail {

/// A client's name: letters, digits, '.', '_', '-', unique among all hosts.
std::optional<std::string> read_client_name(Context& ctx, const Fields& f, const YAML::Node& entry,
                                            std::string_view kind);

/// Reads `properties` (client scope) and `bootstrap-servers`, which may also come from
/// bootstrap.servers in the properties (not both). Afterwards the properties hold
/// bootstrap.servers and client.id (the client's name unless given).
void read_client_config(Context& ctx, const Fields& f, const YAML::Node& entry, const std::string& name,
                        kafka::Properties& properties, std::vector<BootstrapServer>& servers);

}  // namespace kafkalab::scenarios::detail
