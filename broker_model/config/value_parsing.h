#pragma once
// Strict parsing of configuration values the way Kafka's ConfigDef.parseType reads them:
// booleans are "true"/"false" in any case, numbers are plain decimal integers that fit
// the type, lists are comma-separated with blanks trimmed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kafkalab::kafka {

/// Removes spaces and tabs at both ends.
std::string_view trim(std::string_view text);

/// "true"/"false", case-insensitive, as Kafka accepts them; nothing otherwise.
std::optional<bool> parse_bool(std::string_view text);

/// A decimal integer with an optional sign; nothing on junk or overflow.
std::optional<std::int64_t> parse_int64(std::string_view text);

/// A finite decimal number ("0.5", "1e-3"); nothing otherwise.
std::optional<double> parse_double(std::string_view text);

/// Splits "a, b,c" into {"a","b","c"}; an empty or blank text is the empty list.
std::vector<std::string> split_list(std::string_view text);

/// A network port, 1..65535.
std::optional<std::uint16_t> parse_port(std::string_view text);

/// Splits "host:port" at the last colon. Nothing when either part is missing or the
/// port is not a valid port number.
struct HostPort {
    std::string host;
    std::uint16_t port = 0;
};
std::optional<HostPort> parse_host_port(std::string_view text);

// Format checks used as ConfigDef::check (see config_def.h).

/// bootstrap.servers: "host:port[,host:port...]".
std::optional<std::string> check_host_port_list(std::string_view value);
/// zookeeper.connect: "host:port[,host:port...][/chroot]".
std::optional<std::string> check_zookeeper_connect(std::string_view value);
/// listeners: "NAME://[host]:port[,...]" such as "PLAINTEXT://:9092".
std::optional<std::string> check_listener_list(std::string_view value);

}  // namespace kafkalab::kafka
