#include "scenarios/runner/loss_evidence_recorder.h"

#include <variant>

#include "broker_model/common/host_names.h"
#include "broker_model/events/model_event.h"

namespace kafkalab::scenarios {
namespace {

std::vector<std::string> hosts(const std::vector<kafka::BrokerId>& ids) {
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (kafka::BrokerId id : ids) out.push_back(kafka::broker_host(id));
    return out;
}

}  // namespace

void LossEvidenceRecorder::on_event(const sim::TraceRecord& record) {
    const auto* event = record.event_as<kafka::ModelEvent>();
    if (!event) return;
    if (const auto* elected = std::get_if<kafka::LeaderElected>(event)) {
        const std::string leader = elected->leader == kafka::no_broker ? "" : kafka::broker_host(elected->leader);
        evidence_.leader_choices.push_back({record.time, elected->partition, leader, hosts(elected->isr), false});
    } else if (const auto* unclean = std::get_if<kafka::UncleanLeaderElected>(event)) {
        evidence_.leader_choices.push_back({record.time, unclean->partition, kafka::broker_host(unclean->leader), {}, true});
    } else if (const auto* note = std::get_if<kafka::TruncationNote>(event)) {
        evidence_.lost_tails.push_back({record.time, *note});
    }
}

}  // namespace kafkalab::scenarios
