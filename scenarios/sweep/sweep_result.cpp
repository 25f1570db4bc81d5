#include "scenarios/sweep/sweep_result.h"

#include <nlohmann/json.hpp>

namespace kafkalab::scenarios {

std::size_t SweepRunResult::anomaly(std::string_view name) const {
    auto it = anomalies.find(std::string(name));
    return it == anomalies.end() ? 0 : it->second;
}

std::string to_json_line(const SweepRunResult& r) {
    // Ordered, so the line reads seed first and stays the same byte for byte.
    nlohmann::ordered_json j;
    j["seed"] = r.seed;
    j["passed"] = r.passed;
    j["checker"] = r.clean ? "clean" : "anomalies";
    j["faults"] = r.faults;
    j["records"] = {{"sent", r.sent}, {"acknowledged", r.acknowledged}, {"failed", r.failed}, {"pending", r.pending}};
    nlohmann::ordered_json anomalies = nlohmann::ordered_json::object();
    for (const auto& [name, n] : r.anomalies) anomalies[name] = n;
    j["anomalies"] = anomalies;
    j["failed_expectations"] = r.failed_expectations;
    j["replay"] = r.replay;
    return j.dump();
}

std::variant<SweepRunResult, std::string> parse_json_line(std::string_view line) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::string("not a JSON object");
    try {
        SweepRunResult r;
        r.seed = j.at("seed").get<std::uint64_t>();
        r.passed = j.at("passed").get<bool>();
        r.clean = j.at("checker").get<std::string>() == "clean";
        r.faults = j.at("faults").get<std::vector<std::string>>();
        const auto& records = j.at("records");
        r.sent = records.at("sent").get<std::size_t>();
        r.acknowledged = records.at("acknowledged").get<std::size_t>();
        r.failed = records.at("failed").get<std::size_t>();
        r.pending = records.at("pending").get<std::size_t>();
        r.anomalies = j.at("anomalies").get<std::map<std::string, std::size_t>>();
        r.failed_expectations = j.at("failed_expectations").get<std::vector<std::string>>();
        r.replay = j.at("replay").get<std::string>();
        return r;
    } catch (const nlohmann::json::exception& e) {
        return std::string("not a sweep result: ") + e.what();
    }
}

}  // namespace kafkalab::scenarios
