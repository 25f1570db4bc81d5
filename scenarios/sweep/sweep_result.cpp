#include "scenarios/sweep/sweep_result.h"

#include <set>

#include <nlohmann/json.hpp>

#include "scenarios/checker/check_report.h"
#include "scenarios/sweep/seed_range.h"

namespace kafkalab::scenarios {
namespace {

using Json = nlohmann::json;

/// Thrown by the readers below with what is wrong; caught in parse_json_line.
struct BadLine {
    std::string why;
};

const Json& member(const Json& object, const char* key, const std::string& where) {
    auto it = object.find(key);
    if (it == object.end()) throw BadLine{where + "has no \"" + key + "\""};
    return *it;
}

/// Only the keys a line has; a line with others was not written by kafkalab sweep.
void only_keys(const Json& object, std::initializer_list<const char*> keys, const std::string& where) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char* k : keys) known = known || it.key() == k;
        if (!known) throw BadLine{where + "has an unknown key \"" + it.key().substr(0, 40) + "\""};
    }
}

/// A whole number in [0, most], written as one: nlohmann reads -5 as a signed integer,
/// 1e3, 2.0 and anything beyond 2^64 - 1 as floating point, and all of them are refused.
std::uint64_t whole_number(const Json& value, const std::string& name, std::uint64_t most) {
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() > most) {
        throw BadLine{"\"" + name + "\" must be a whole number from 0 to " + std::to_string(most) + ", found " +
                      value.dump().substr(0, 40)};
    }
    return value.get<std::uint64_t>();
}

std::string text(const Json& value, const std::string& name) {
    if (!value.is_string()) throw BadLine{"\"" + name + "\" must be a string"};
    return value.get<std::string>();
}

std::vector<std::string> texts(const Json& value, const std::string& name) {
    if (!value.is_array()) throw BadLine{"\"" + name + "\" must be a list of strings"};
    std::vector<std::string> out;
    for (const auto& item : value) out.push_back(text(item, name));
    return out;
}

SweepRunIdentity read_identity(const Json& run) {
    if (!run.is_object()) throw BadLine{"\"run\" must be an object"};
    only_keys(run, {"scenario", "faults", "version"}, "\"run\" ");
    SweepRunIdentity identity;
    identity.scenario = text(member(run, "scenario", "\"run\" "), "run.scenario");
    identity.faults = text(member(run, "faults", "\"run\" "), "run.faults");
    identity.version = text(member(run, "version", "\"run\" "), "run.version");
    if (identity.faults != "random" && identity.faults != "none") {
        throw BadLine{"\"run.faults\" must be \"random\" or \"none\", found \"" + identity.faults.substr(0, 40) + "\""};
    }
    return identity;
}

/// Every anomaly kind the checker knows, each once, and nothing else.
std::map<std::string, std::size_t> read_anomalies(const Json& anomalies) {
    if (!anomalies.is_object()) throw BadLine{"\"anomalies\" must be an object"};
    std::map<std::string, std::size_t> counts;
    for (AnomalyKind kind : all_anomaly_kinds) {
        const std::string name = to_string(kind);
        counts[name] = whole_number(member(anomalies, name.c_str(), "\"anomalies\" "), "anomalies." + name, most_counted);
    }
    if (anomalies.size() != counts.size()) {
        for (auto it = anomalies.begin(); it != anomalies.end(); ++it) {
            if (!counts.count(it.key())) {
                throw BadLine{"\"anomalies\" has an unknown kind \"" + it.key().substr(0, 40) + "\""};
            }
        }
    }
    return counts;
}

/// Known causes only, each with at least one record, adding up to the lost writes.
std::map<std::string, std::size_t> read_lost_by_cause(const Json& causes, std::size_t lost_writes) {
    if (!causes.is_object()) throw BadLine{"\"lost_by_cause\" must be an object"};
    std::map<std::string, std::size_t> counts;
    std::size_t total = 0;
    for (auto it = causes.begin(); it != causes.end(); ++it) {
        if (!parse_loss_cause(it.key())) {
            throw BadLine{"\"lost_by_cause\" has an unknown cause \"" + it.key().substr(0, 40) + "\""};
        }
        const std::size_t n = whole_number(it.value(), "lost_by_cause." + it.key(), most_counted);
        if (n == 0) throw BadLine{"\"lost_by_cause\" lists " + it.key() + " with no record"};
        counts[it.key()] = n;
        total += n;
    }
    if (total != lost_writes) {
        throw BadLine{"\"lost_by_cause\" adds up to " + std::to_string(total) + ", not the " +
                      std::to_string(lost_writes) + " lost writes"};
    }
    return counts;
}

RunLiveness read_liveness(const Json& value) {
    const std::string name = text(value, "liveness");
    for (RunLiveness l : {RunLiveness::not_asked, RunLiveness::live, RunLiveness::not_live, RunLiveness::not_judged}) {
        if (name == to_string(l)) return l;
    }
    throw BadLine{"\"liveness\" must be \"live\", \"not-live\", \"not-judged\" or \"not-asked\", found \"" +
                  name.substr(0, 40) + "\""};
}

SweepRunResult read_result(const Json& j) {
    only_keys(j, {"seed", "run", "passed", "checker", "faults", "records", "anomalies", "lost_by_cause", "liveness",
                  "failed_expectations", "replay"},
              "");
    SweepRunResult r;
    r.seed = whole_number(member(j, "seed", ""), "seed", max_seed);
    r.run = read_identity(member(j, "run", ""));
    const Json& passed = member(j, "passed", "");
    if (!passed.is_boolean()) throw BadLine{"\"passed\" must be true or false"};
    r.passed = passed.get<bool>();
    const std::string checker = text(member(j, "checker", ""), "checker");
    if (checker != "clean" && checker != "anomalies") throw BadLine{"\"checker\" must be \"clean\" or \"anomalies\""};
    r.clean = checker == "clean";
    r.faults = texts(member(j, "faults", ""), "faults");
    const Json& records = member(j, "records", "");
    if (!records.is_object()) throw BadLine{"\"records\" must be an object"};
    only_keys(records, {"sent", "acknowledged", "failed", "pending"}, "\"records\" ");
    r.sent = whole_number(member(records, "sent", "\"records\" "), "records.sent", most_counted);
    r.acknowledged = whole_number(member(records, "acknowledged", "\"records\" "), "records.acknowledged", most_counted);
    r.failed = whole_number(member(records, "failed", "\"records\" "), "records.failed", most_counted);
    r.pending = whole_number(member(records, "pending", "\"records\" "), "records.pending", most_counted);
    r.anomalies = read_anomalies(member(j, "anomalies", ""));
    r.lost_by_cause = read_lost_by_cause(member(j, "lost_by_cause", ""), r.anomaly(to_string(AnomalyKind::lost_write)));
    r.liveness = read_liveness(member(j, "liveness", ""));
    r.failed_expectations = texts(member(j, "failed_expectations", ""), "failed_expectations");
    r.replay = text(member(j, "replay", ""), "replay");
    return r;
}

}  // namespace

const char* to_string(RunLiveness liveness) {
    switch (liveness) {
        case RunLiveness::not_asked: return "not-asked";
        case RunLiveness::live: return "live";
        case RunLiveness::not_live: return "not-live";
        case RunLiveness::not_judged: return "not-judged";
    }
    return "not-asked";
}

std::size_t SweepRunResult::anomaly(std::string_view name) const {
    auto it = anomalies.find(std::string(name));
    return it == anomalies.end() ? 0 : it->second;
}

std::string to_json_line(const SweepRunResult& r) {
    // Ordered, so the line reads seed first and stays the same byte for byte.
    nlohmann::ordered_json j;
    j["seed"] = r.seed;
    j["run"] = {{"scenario", r.run.scenario}, {"faults", r.run.faults}, {"version", r.run.version}};
    j["passed"] = r.passed;
    j["checker"] = r.clean ? "clean" : "anomalies";
    j["faults"] = r.faults;
    j["records"] = {{"sent", r.sent}, {"acknowledged", r.acknowledged}, {"failed", r.failed}, {"pending", r.pending}};
    nlohmann::ordered_json anomalies = nlohmann::ordered_json::object();
    for (const auto& [name, n] : r.anomalies) anomalies[name] = n;
    j["anomalies"] = anomalies;
    nlohmann::ordered_json causes = nlohmann::ordered_json::object();
    for (const auto& [name, n] : r.lost_by_cause) causes[name] = n;
    j["lost_by_cause"] = causes;
    j["liveness"] = to_string(r.liveness);
    j["failed_expectations"] = r.failed_expectations;
    j["replay"] = r.replay;
    return j.dump();
}

std::variant<SweepRunResult, std::string> parse_json_line(std::string_view line) {
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::string("not a JSON object");
    try {
        return read_result(j);
    } catch (const BadLine& bad) {
        return "not a sweep result: " + bad.why;
    } catch (const nlohmann::json::exception& e) {
        return std::string("not a sweep result: ") + e.what();
    }
}

}  // namespace kafkalab::scenarios
