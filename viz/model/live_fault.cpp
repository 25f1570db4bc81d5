#include "viz/model/live_fault.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kafkalab::viz {

namespace {

/// A YAML single-quoted scalar: everything is literal but the quote, which doubles.
std::string single_quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

}  // namespace

const char* to_string(LiveFaultKind kind) {
    switch (kind) {
        case LiveFaultKind::crash: return "crash";
        case LiveFaultKind::restart: return "restart";
        case LiveFaultKind::power_loss: return "power-loss";
        case LiveFaultKind::pause: return "pause";
        case LiveFaultKind::partition: return "partition";
        case LiveFaultKind::heal: return "heal";
        case LiveFaultKind::cut: return "cut";
        case LiveFaultKind::restore: return "restore";
        case LiveFaultKind::command: return "command";
        case LiveFaultKind::add_producer: return "add producer";
        case LiveFaultKind::add_consumer: return "add consumer";
    }
    return "?";
}

bool changes_liveness(LiveFaultKind kind) {
    return kind == LiveFaultKind::crash || kind == LiveFaultKind::restart || kind == LiveFaultKind::power_loss;
}

LiveFault LiveFault::on_host(LiveFaultKind kind, std::string host) {
    LiveFault fault;
    fault.kind = kind;
    fault.host = std::move(host);
    return fault;
}

LiveFault LiveFault::pause(std::string host, sim::Duration for_duration) {
    LiveFault fault = on_host(LiveFaultKind::pause, std::move(host));
    fault.for_duration = for_duration;
    return fault;
}

LiveFault LiveFault::partition(std::vector<std::vector<std::string>> groups) {
    LiveFault fault;
    fault.kind = LiveFaultKind::partition;
    fault.groups = std::move(groups);
    return fault;
}

LiveFault LiveFault::heal() {
    LiveFault fault;
    fault.kind = LiveFaultKind::heal;
    return fault;
}

LiveFault LiveFault::link(LiveFaultKind kind, std::string a, std::string b) {
    LiveFault fault = on_host(kind, std::move(a));
    fault.peer = std::move(b);
    return fault;
}

LiveFault LiveFault::command(std::string run, std::vector<std::string> input) {
    LiveFault fault;
    fault.kind = LiveFaultKind::command;
    fault.run = std::move(run);
    fault.input = std::move(input);
    return fault;
}


LiveFault LiveFault::add_producer(const std::string& name, const std::string& topic, const std::string& acks,
                                  int records_per_second) {
    LiveFault fault = on_host(LiveFaultKind::add_producer, name);
    fault.client_entry = fmt::format("{{name: {}, topic: {}, rate: {}/s, properties: {{acks: {}}}}}", single_quoted(name),
                                     single_quoted(topic), records_per_second, single_quoted(acks));
    return fault;
}

LiveFault LiveFault::add_consumer(const std::string& name, const std::string& topic, const std::string& group_id) {
    LiveFault fault = on_host(LiveFaultKind::add_consumer, name);
    std::string group = group_id.empty() ? "" : ", group-id: " + single_quoted(group_id);
    fault.client_entry = fmt::format("{{name: {}{}, topics: [{}]}}", single_quoted(name), group, single_quoted(topic));
    return fault;
}

std::string LiveFault::to_yaml() const {
    const std::string at_text = sim::format_duration(at.time);
    switch (kind) {
        case LiveFaultKind::pause:
            return fmt::format("- {{at: {}, pause: {}, for: {}}}", at_text, host, sim::format_duration(for_duration));
        case LiveFaultKind::partition: {
            std::vector<std::string> sides;
            for (const auto& group : groups) sides.push_back(fmt::format("[{}]", fmt::join(group, ", ")));
            return fmt::format("- {{at: {}, partition: {{groups: [{}]}}}}", at_text, fmt::join(sides, ", "));
        }
        case LiveFaultKind::heal: return fmt::format("- {{at: {}, heal: all}}", at_text);
        case LiveFaultKind::cut:
        case LiveFaultKind::restore: return fmt::format("- {{at: {}, {}: [{}, {}]}}", at_text, to_string(kind), host, peer);
        case LiveFaultKind::command: {
            std::string line = fmt::format("- {{at: {}, run: {}", at_text, single_quoted(run));
            if (!input.empty()) {
                std::vector<std::string> quoted;
                for (const auto& typed : input) quoted.push_back(single_quoted(typed));
                line += fmt::format(", input: [{}]", fmt::join(quoted, ", "));
            }
            return line + "}";
        }
        case LiveFaultKind::add_producer:
        case LiveFaultKind::add_consumer:
            // The entry's closing brace gives way to its start.
            return fmt::format("- {}, start: {}}}", client_entry.substr(0, client_entry.size() - 1), at_text);
        default: return fmt::format("- {{at: {}, {}: {}}}", at_text, to_string(kind), host);
    }
}

std::string LiveFault::describe() const {
    switch (kind) {
        case LiveFaultKind::pause: return fmt::format("pause {} for {}", host, sim::format_duration(for_duration));
        case LiveFaultKind::partition: {
            std::vector<std::string> sides;
            for (const auto& group : groups) sides.push_back(fmt::format("{}", fmt::join(group, " ")));
            return fmt::format("partition {}", fmt::join(sides, " | "));
        }
        case LiveFaultKind::heal: return "heal the network";
        case LiveFaultKind::cut:
        case LiveFaultKind::restore: return fmt::format("{} {} -- {}", to_string(kind), host, peer);
        case LiveFaultKind::command: return "$ " + run;
        case LiveFaultKind::add_producer: return "add producer " + host;
        case LiveFaultKind::add_consumer: return "add consumer " + host;
        default: return fmt::format("{} {}", to_string(kind), host);
    }
}

}  // namespace kafkalab::viz
