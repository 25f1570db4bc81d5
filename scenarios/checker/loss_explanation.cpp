#include "scenarios/checker/loss_explanation.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "scenarios/checker/check_report.h"

namespace kafkalab::scenarios {
namespace {

/// Whether `note` removed the record: its offset, or any offset when the offset is unknown.
bool removes(const kafka::TruncationNote& note, kafka::Offset offset) {
    if (offset < kafka::Offset{0}) return note.removed_count() > 0;
    return note.removed_from <= offset && offset < note.old_log_end_offset;
}

/// What the evidence says about one partition after one acknowledgement.
class PartitionHistory {
public:
    PartitionHistory(const LossEvidence& evidence, const LostWrite& lost) : evidence_(evidence), lost_(lost) {}

    /// Each broker that lost the record to a power loss after it was sent, with the first
    /// such time, in time order. Not only after the acknowledgement: a follower that
    /// fetched the record may lose power while the leader's answer is on its way.
    std::vector<std::pair<std::string, sim::Time>> power_losses() const {
        std::vector<std::pair<std::string, sim::Time>> out;
        for (const auto& tail : evidence_.lost_tails) {
            if (tail.at < lost_.sent_at || tail.note.partition != lost_.partition) continue;
            if (tail.note.cause != kafka::TruncationCause::power_loss || !removes(tail.note, lost_.acknowledged_offset)) {
                continue;
            }
            const bool known = std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == tail.note.broker; });
            if (!known) out.emplace_back(tail.note.broker, tail.at);
        }
        return out;
    }

    /// The first choice of this partition's leader at or after `from` that `fits`.
    template <class Fits>
    const LeaderChoice* first_choice(sim::Time from, Fits fits) const {
        for (const auto& choice : evidence_.leader_choices) {
            if (choice.partition == lost_.partition && choice.at >= from && fits(choice)) return &choice;
        }
        return nullptr;
    }

    /// The last clean choice of a new leader before `t` that was not the partition's first.
    const LeaderChoice* failover_before(sim::Time t) const {
        const LeaderChoice* first = nullptr;
        const LeaderChoice* found = nullptr;
        for (const auto& choice : evidence_.leader_choices) {
            if (choice.at >= t) break;
            if (choice.partition != lost_.partition || choice.unclean || choice.leader.empty()) continue;
            if (!first) {
                first = &choice;
            } else {
                found = &choice;
            }
        }
        return found;
    }

    /// An unclean choice before `t` whose leader still led at `t` (no other leader was
    /// chosen since): a record acknowledged after it came from a zombie, the old leader
    /// not yet told, and the unclean leader never had it.
    const LeaderChoice* unclean_in_force(sim::Time t) const {
        const LeaderChoice* found = nullptr;
        for (const auto& choice : evidence_.leader_choices) {
            if (choice.at >= t) break;
            if (choice.partition != lost_.partition) continue;
            if (choice.unclean) {
                found = &choice;
            } else if (found && choice.leader != found->leader) {
                found = nullptr;
            }
        }
        return found;
    }

    /// The last clean choice of this partition's leader before `t`.
    const LeaderChoice* leader_before(sim::Time t) const {
        const LeaderChoice* found = nullptr;
        for (const auto& choice : evidence_.leader_choices) {
            if (choice.at >= t) break;
            if (choice.partition == lost_.partition && !choice.unclean) found = &choice;
        }
        return found;
    }

    /// A cut of the record's offset on a broker other than `leader`, at or after `from`
    /// and before `until`, because a leader lacked it.
    bool follower_cut(const std::string& leader, sim::Time from, std::optional<sim::Time> until) const {
        return std::any_of(evidence_.lost_tails.begin(), evidence_.lost_tails.end(), [&](const LostTail& tail) {
            return tail.note.partition == lost_.partition && tail.note.broker != leader &&
                   tail.note.cause != kafka::TruncationCause::power_loss && tail.at >= from &&
                   (!until || tail.at < *until) && removes(tail.note, lost_.acknowledged_offset);
        });
    }

    const LostTail* high_watermark_cut() const {
        for (const auto& tail : evidence_.lost_tails) {
            if (tail.note.partition == lost_.partition && after_ack(tail.at) &&
                tail.note.cause == kafka::TruncationCause::high_watermark &&
                removes(tail.note, lost_.acknowledged_offset)) {
                return &tail;
            }
        }
        return nullptr;
    }

    bool after_ack(sim::Time t) const { return t >= lost_.acknowledged_at; }

private:
    const LossEvidence& evidence_;
    const LostWrite& lost_;
};

bool alone_in(const std::vector<std::string>& isr, const std::string& broker) {
    return isr.size() == 1 && isr.front() == broker;
}

/// A broker that lost the record to a power loss and then led: chosen again since, or
/// still the chosen leader when a follower cut the record off to match it or when the
/// run ended.
std::optional<LossFinding> power_lost_leader(const PartitionHistory& history, const std::string& broker,
                                             sim::Time lost_power) {
    auto same = [&](const LeaderChoice& c) { return !c.unclean && c.leader == broker; };
    auto any = [](const LeaderChoice& c) { return !c.unclean; };
    const LeaderChoice* led_with = history.first_choice(lost_power, same);
    if (!led_with) {
        const LeaderChoice* before = history.leader_before(lost_power);
        if (!before || before->leader != broker) return std::nullopt;
        const LeaderChoice* next = history.first_choice(lost_power, any);
        const bool led = !next || history.follower_cut(broker, lost_power, next->at);
        if (!led) return std::nullopt;
        led_with = before;
    }
    const LossCause cause = alone_in(led_with->isr, broker) ? LossCause::last_replica_standing : LossCause::power_lost_leader;
    return LossFinding{cause, broker, lost_power};
}

}  // namespace

LossFinding explain_loss(const LostWrite& lost, const LossEvidence& evidence) {
    const PartitionHistory history(evidence, lost);
    const auto power_losses = history.power_losses();

    if (auto it = evidence.replicas.find(lost.partition); it != evidence.replicas.end() && !it->second.empty()) {
        const bool everywhere = std::all_of(it->second.begin(), it->second.end(), [&](const std::string& replica) {
            return std::any_of(power_losses.begin(), power_losses.end(), [&](const auto& p) { return p.first == replica; });
        });
        if (everywhere) return {LossCause::power_loss_of_every_replica, power_losses.back().first, power_losses.back().second};
    }
    const LeaderChoice* unclean = history.first_choice(lost.acknowledged_at, [](const LeaderChoice& c) { return c.unclean; });
    if (!unclean) unclean = history.unclean_in_force(lost.acknowledged_at);
    if (unclean) return {LossCause::unclean_leader_election, unclean->leader, unclean->at};
    for (const auto& [broker, at] : power_losses) {
        if (auto finding = power_lost_leader(history, broker, at)) return *finding;
    }
    if (const LostTail* cut = history.high_watermark_cut()) {
        return {LossCause::high_watermark_truncation, cut->note.broker, cut->at};
    }
    auto acks = evidence.producer_acks.find(lost.producer);
    if (acks != evidence.producer_acks.end() && acks->second != kafka::Acks::all) {
        auto elected = [](const LeaderChoice& c) { return !c.unclean && !c.leader.empty(); };
        // Elected after the acknowledgement, or before it while the old leader, not yet
        // told, went on acknowledging alone (a zombie leader cut off from the controller).
        const LeaderChoice* failover = history.first_choice(lost.acknowledged_at, elected);
        if (!failover) failover = history.failover_before(lost.acknowledged_at);
        if (failover) return {LossCause::acks_1_leader_failover, failover->leader, failover->at};
    }
    return {};
}

std::vector<LossExplanation> explain_losses(std::vector<LostWrite>& lost_writes, const LossEvidence& evidence) {
    // Grouped by partition, cause and broker; within a group, offsets in order.
    std::map<std::tuple<kafka::TopicPartition, LossCause, std::string>, LossExplanation> groups;
    for (auto& lost : lost_writes) {
        const LossFinding finding = explain_loss(lost, evidence);
        lost.cause = finding.cause;
        auto [it, created] = groups.try_emplace({lost.partition, finding.cause, finding.broker});
        LossExplanation& group = it->second;
        if (created) {
            group.partition = lost.partition;
            group.cause = finding.cause;
            group.broker = finding.broker;
            group.at = finding.at;
        }
        group.at = std::min(group.at, finding.at);
        ++group.records;
        if (lost.acknowledged_offset >= kafka::Offset{0}) {
            if (group.first_offset < kafka::Offset{0} || lost.acknowledged_offset < group.first_offset) {
                group.first_offset = lost.acknowledged_offset;
            }
            group.last_offset = std::max(group.last_offset, lost.acknowledged_offset);
        }
    }
    std::vector<LossExplanation> out;
    out.reserve(groups.size());
    for (auto& [key, group] : groups) out.push_back(std::move(group));
    std::stable_sort(out.begin(), out.end(), [](const LossExplanation& a, const LossExplanation& b) {
        return std::tie(a.partition, a.first_offset) < std::tie(b.partition, b.first_offset);
    });
    return out;
}

}  // namespace kafkalab::scenarios
