#pragma once
// The catalog: every key kafkalab knows, per scope, with Kafka's names and defaults
// (3.6 unless an era says otherwise). Read-only after first use.
//
// Keys whose `modelled` flag is false (num.network.threads, log.dirs, ...) are in the
// catalog so that a real server.properties loads without complaint; the simulation
// ignores them.
#include <span>
#include <string_view>
#include <vector>

#include "broker_model/config/config_def.h"

namespace kafkalab::kafka {

/// Every key of one scope, in the catalog's order (grouped as Kafka's docs group them).
std::span<const ConfigDef> configs_in(ConfigScope scope);

/// The definition of `key` in `scope`, or null when the scope has no such key.
const ConfigDef* find_config(ConfigScope scope, std::string_view key);

/// The scopes other than `scope` that know `key`, so a message can say "acks is a
/// producer config, not a server.properties key".
std::vector<ConfigScope> scopes_knowing(std::string_view key);

/// The closest known key of `scope` to a misspelt `key`, or empty when none is close.
std::string_view suggest_key(ConfigScope scope, std::string_view key);

}  // namespace kafkalab::kafka
