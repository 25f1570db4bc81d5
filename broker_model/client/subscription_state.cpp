#include "broker_model/client/subscription_state.h"

#include <algorithm>
#include <cassert>

namespace kafkalab::kafka {

void SubscriptionState::subscribe(std::vector<std::string> topics) {
    std::sort(topics.begin(), topics.end());
    topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
    mode_ = Mode::subscribed;
    topics_ = std::move(topics);
    assignment_.clear();
}

void SubscriptionState::assign(const std::vector<TopicPartition>& partitions) {
    mode_ = Mode::user_assigned;
    topics_.clear();
    assignment_.clear();
    for (const auto& tp : partitions) assignment_.try_emplace(tp);
}

void SubscriptionState::assign_from_group(const std::vector<TopicPartition>& partitions) {
    assert(mode_ == Mode::subscribed);
    std::map<TopicPartition, AssignedPartition> next;
    for (const auto& tp : partitions) {
        auto it = assignment_.find(tp);
        next.emplace(tp, it == assignment_.end() ? AssignedPartition{} : it->second);
    }
    assignment_ = std::move(next);
}

void SubscriptionState::remove(const std::vector<TopicPartition>& partitions) {
    for (const auto& tp : partitions) assignment_.erase(tp);
}

std::vector<TopicPartition> SubscriptionState::assigned_partitions() const {
    std::vector<TopicPartition> out;
    for (const auto& [tp, state] : assignment_) out.push_back(tp);
    return out;
}

const AssignedPartition* SubscriptionState::find(const TopicPartition& tp) const {
    auto it = assignment_.find(tp);
    return it == assignment_.end() ? nullptr : &it->second;
}

AssignedPartition* SubscriptionState::find_mutable(const TopicPartition& tp) {
    auto it = assignment_.find(tp);
    return it == assignment_.end() ? nullptr : &it->second;
}

std::vector<TopicPartition> SubscriptionState::partitions_in(FetchState state) const {
    std::vector<TopicPartition> out;
    for (const auto& [tp, p] : assignment_) {
        if (p.state == state) out.push_back(tp);
    }
    return out;
}

void SubscriptionState::seek(const TopicPartition& tp, Offset offset) {
    AssignedPartition* p = find_mutable(tp);
    if (!p) return;  // revoked while the answer was on its way
    p->state = FetchState::fetching;
    p->position = offset;
}

void SubscriptionState::request_reset(const TopicPartition& tp, std::optional<AutoOffsetReset> strategy) {
    AssignedPartition* p = find_mutable(tp);
    if (!p) return;
    p->position.reset();
    p->reset_strategy = strategy.value_or(default_reset_);
    p->state = p->reset_strategy == AutoOffsetReset::none ? FetchState::no_offset : FetchState::awaiting_reset;
}

void SubscriptionState::advance(const TopicPartition& tp, Offset next) {
    AssignedPartition* p = find_mutable(tp);
    assert(p && p->position && next >= *p->position);
    p->position = next;
}

void SubscriptionState::update_high_watermark(const TopicPartition& tp, Offset high_watermark) {
    if (AssignedPartition* p = find_mutable(tp)) p->high_watermark = high_watermark;
}

std::map<TopicPartition, Offset> SubscriptionState::all_consumed() const {
    std::map<TopicPartition, Offset> out;
    for (const auto& [tp, p] : assignment_) {
        if (p.state == FetchState::fetching && p.position) out.emplace(tp, *p.position);
    }
    return out;
}

}  // namespace kafkalab::kafka
