#include "broker_model/client/producer_workload.h"

#include <stdexcept>

#include "broker_model/client/producer.h"
#include "sim/disk.h"

namespace kafkalab::kafka {
namespace {

/// How far a scripted producer got, kept on its disk across crashes.
struct WorkloadProgress final : sim::DurableState {
    std::uint64_t records_sent = 0;
    // The application writes its counter synchronously; nothing is ever lost.
    void lose_unflushed() override {}
};

void check_keys(const ProducerWorkload& workload) {
    if (workload.key_mode == WorkloadKeyMode::fixed && workload.keys.size() != 1) {
        throw std::invalid_argument("producer workload: a fixed key needs exactly one key");
    }
    if (workload.key_mode == WorkloadKeyMode::cycle && workload.keys.empty()) {
        throw std::invalid_argument("producer workload: cycling keys needs at least one key");
    }
}

}  // namespace

WorkloadDriver::WorkloadDriver(sim::NodeContext& context, Producer& producer, ProducerWorkload workload)
    : context_(context),
      producer_(producer),
      workload_(std::move(workload)),
      schedule_(parse_send_schedule(workload_.schedule)),
      generator_(make_value_generator(workload_.value)),
      records_sent_(context.disk().get_or_create<WorkloadProgress>("producer-workload").records_sent) {
    check_keys(workload_);
}

WorkloadDriver::~WorkloadDriver() { context_.cancel_timer(timer_); }

std::uint64_t WorkloadDriver::records_sent() const { return records_sent_; }

void WorkloadDriver::start() {
    const sim::Time now = context_.now();
    const sim::Duration until_start = workload_.start > now ? workload_.start - now : sim::Duration{0};
    timer_ = context_.set_timer(until_start, "producer workload", [this] { step(); });
}

bool WorkloadDriver::done() const {
    return context_.now() >= workload_.stop || (workload_.record_limit && records_sent_ >= *workload_.record_limit);
}

std::optional<std::string> WorkloadDriver::key_for(std::uint64_t sequence) const {
    switch (workload_.key_mode) {
        case WorkloadKeyMode::none: return std::nullopt;
        case WorkloadKeyMode::fixed: return workload_.keys.front();
        case WorkloadKeyMode::sequence: return workload_.key_prefix + std::to_string(sequence);
        case WorkloadKeyMode::cycle: return workload_.keys[sequence % workload_.keys.size()];
    }
    return std::nullopt;
}

void WorkloadDriver::step() {
    if (done()) {
        finished_ = true;
        return;
    }
    SendStep next = schedule_->next(context_.random());
    for (std::uint32_t i = 0; i < next.records && !done(); ++i) {
        const std::uint64_t sequence = records_sent_++;
        const std::string_view value = generator_->generate_view(sequence, context_.now(), context_.random(), value_);
        const std::optional<std::string> key = key_for(sequence);
        std::optional<std::string_view> key_bytes;
        if (key) key_bytes = *key;
        producer_.send_view(workload_.topic, workload_.partition, key_bytes, value);
    }
    // A schedule that neither sends nor waits would spin; a nanosecond keeps time moving.
    sim::Duration wait = next.wait;
    if (wait <= sim::Duration{0} && next.records == 0) wait = sim::Duration{1};
    timer_ = context_.set_timer(wait, "producer workload", [this] { step(); });
}

}  // namespace kafkalab::kafka
