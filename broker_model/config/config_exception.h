#pragma once
// A value refused in the words of Kafka's ConfigException, as Kafka's tools print it:
//   "Invalid value two for configuration min.insync.replicas: Not a number of type INT"
//   "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1"
//   "Invalid value everyone for configuration acks: String must be one of: all, -1, 0, 1"
// The rules are the catalog's (check_value in config_def.h): a value refused here is
// refused by scenario validation too, only worded as ConfigDef.parseType and its
// validators word it.
#include <optional>
#include <string>
#include <string_view>

#include "broker_model/config/config_def.h"

namespace kafkalab::kafka {

/// Why `value` is not a valid value of `def`, in Kafka's words, or nothing when it is.
std::optional<std::string> config_exception_message(const ConfigDef& def, std::string_view value);

}  // namespace kafkalab::kafka
