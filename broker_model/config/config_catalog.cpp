#include "broker_model/config/config_catalog.h"

#include <array>

#include "broker_model/config/catalog_tables.h"
#include "broker_model/config/did_you_mean.h"

namespace kafkalab::kafka {
namespace {

constexpr std::array all_scopes{ConfigScope::broker, ConfigScope::topic, ConfigScope::producer, ConfigScope::consumer,
                                ConfigScope::zookeeper};

struct Catalog {
    std::array<std::vector<ConfigDef>, all_scopes.size()> by_scope;
    std::array<std::vector<std::string_view>, all_scopes.size()> names;
};

// Built on first use and never changed afterwards, so readers need no locking once
// the (thread-safe) static initialisation is done.
const Catalog& catalog() {
    static const Catalog instance = [] {
        Catalog c;
        c.by_scope[static_cast<std::size_t>(ConfigScope::broker)] = tables::broker_configs();
        c.by_scope[static_cast<std::size_t>(ConfigScope::topic)] = tables::topic_configs();
        c.by_scope[static_cast<std::size_t>(ConfigScope::producer)] = tables::producer_configs();
        c.by_scope[static_cast<std::size_t>(ConfigScope::consumer)] = tables::consumer_configs();
        c.by_scope[static_cast<std::size_t>(ConfigScope::zookeeper)] = tables::zookeeper_configs();
        for (std::size_t i = 0; i < all_scopes.size(); ++i) {
            for (const auto& def : c.by_scope[i]) c.names[i].push_back(def.name);
        }
        return c;
    }();
    return instance;
}

}  // namespace

std::span<const ConfigDef> configs_in(ConfigScope scope) {
    return catalog().by_scope[static_cast<std::size_t>(scope)];
}

const ConfigDef* find_config(ConfigScope scope, std::string_view key) {
    for (const auto& def : configs_in(scope)) {
        if (def.name == key) return &def;
    }
    return nullptr;
}

std::vector<ConfigScope> scopes_knowing(std::string_view key) {
    std::vector<ConfigScope> scopes;
    for (auto scope : all_scopes) {
        if (find_config(scope, key)) scopes.push_back(scope);
    }
    return scopes;
}

std::string_view suggest_key(ConfigScope scope, std::string_view key) {
    return closest_match(key, catalog().names[static_cast<std::size_t>(scope)]);
}

}  // namespace kafkalab::kafka
