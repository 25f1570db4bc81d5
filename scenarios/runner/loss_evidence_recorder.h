#pragma once
// Collects the checker's LossEvidence (scenarios/checker/loss_evidence.h) from a run's
// typed events as they happen: every leader the controller chose, every unclean
// election and every log tail a replica lost. It only reads events, so the run and its
// trace are the same with it or without it. The producers' acks and the partitions'
// replicas are added by the run, which knows them.
#include <string>

#include "broker_model/common/types.h"
#include "scenarios/checker/loss_evidence.h"
#include "sim/trace.h"

namespace kafkalab::scenarios {

class LossEvidenceRecorder {
public:
    void on_event(const sim::TraceRecord& record);
    void note_producer(const std::string& name, kafka::Acks acks) { evidence_.producer_acks[name] = acks; }
    LossEvidence& evidence() { return evidence_; }
    const LossEvidence& evidence() const { return evidence_; }

private:
    LossEvidence evidence_;
};

}  // namespace kafkalab::scenarios
