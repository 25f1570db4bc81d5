#include "broker_model/config/value_parsing.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace kafkalab::kafka {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

bool is_host_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

bool is_host_name(std::string_view host) {
    if (host.empty()) return false;
    for (char c : host) {
        if (!is_host_char(c)) return false;
    }
    return true;
}

}  // namespace

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::optional<bool> parse_bool(std::string_view text) {
    text = trim(text);
    if (equals_ignoring_case(text, "true")) return true;
    if (equals_ignoring_case(text, "false")) return false;
    return std::nullopt;
}

std::optional<std::int64_t> parse_int64(std::string_view text) {
    text = trim(text);
    // from_chars refuses a leading '+', which Java's Long.parseLong accepts.
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return std::nullopt;
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<double> parse_double(std::string_view text) {
    std::string copy(trim(text));
    if (copy.empty()) return std::nullopt;
    char* end = nullptr;
    double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    if (trim(text).empty()) return items;
    std::size_t pos = 0;
    while (true) {
        std::size_t comma = text.find(',', pos);
        std::string_view item = text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
        items.emplace_back(trim(item));
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return items;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
    auto value = parse_int64(text);
    if (!value || *value < 1 || *value > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(*value);
}

std::optional<HostPort> parse_host_port(std::string_view text) {
    text = trim(text);
    std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view host = text.substr(0, colon);
    auto port = parse_port(text.substr(colon + 1));
    if (!is_host_name(host) || !port) return std::nullopt;
    return HostPort{std::string(host), *port};
}

std::optional<std::string> check_host_port_list(std::string_view value) {
    auto items = split_list(value);
    if (items.empty()) return "a comma-separated list of host:port addresses";
    for (const auto& item : items) {
        if (!parse_host_port(item)) return "host:port addresses such as broker-1:9092; '" + item + "' is not one";
    }
    return std::nullopt;
}

std::optional<std::string> check_zookeeper_connect(std::string_view value) {
    // A chroot path may follow the last address: "zk-1:2181,zk-2:2181/kafka".
    std::size_t slash = value.find('/');
    std::string_view servers = value.substr(0, slash);
    if (slash != std::string_view::npos && value.size() == slash + 1) {
        return "a chroot path after '/', such as /kafka";
    }
    if (check_host_port_list(servers)) {
        return "host:port addresses of ZooKeeper servers, such as zk-1:2181, optionally followed by a /chroot";
    }
    return std::nullopt;
}

std::optional<std::string> check_listener_list(std::string_view value) {
    for (const auto& item : split_list(value)) {
        std::size_t scheme_end = item.find("://");
        bool ok = scheme_end != std::string::npos && scheme_end > 0;
        if (ok) {
            std::string_view rest = std::string_view(item).substr(scheme_end + 3);
            std::size_t colon = rest.rfind(':');
            ok = colon != std::string_view::npos && parse_port(rest.substr(colon + 1)).has_value() &&
                 (colon == 0 || is_host_name(rest.substr(0, colon)));
        }
        if (!ok) return "listeners such as PLAINTEXT://:9092 or PLAINTEXT://broker-1:9092; '" + item + "' is not one";
    }
    return std::nullopt;
}

}  // namespace kafkalab::kafka
