#include "broker_model/group/group_metadata.h"

#include <algorithm>
#include <cassert>
#include <fmt/format.h>

namespace kafkalab::kafka {

GroupMetadata::GroupMetadata(std::string group_id, GroupState initial_state, sim::Time now)
    : group_id_(std::move(group_id)), state_(initial_state), state_since_(now) {}

void GroupMetadata::transition_to(GroupState to, sim::Time now) {
    assert(is_valid_transition(state_, to) && "Kafka's GroupMetadata.assertValidTransition");
    state_ = to;
    state_since_ = now;
}

std::vector<std::string> GroupMetadata::member_ids() const {
    std::vector<const MemberMetadata*> ordered;
    for (const auto& [id, member] : members_) ordered.push_back(&member);
    std::sort(ordered.begin(), ordered.end(),
              [](const MemberMetadata* a, const MemberMetadata* b) { return a->join_sequence < b->join_sequence; });
    std::vector<std::string> ids;
    for (const MemberMetadata* member : ordered) ids.push_back(member->member_id);
    return ids;
}

void GroupMetadata::count_supporters(const MemberMetadata& member, int delta) {
    for (const auto& protocol : member.supported_protocols) protocol_supporters_[protocol.name] += delta;
}

void GroupMetadata::add(MemberMetadata member, JoinCallback callback) {
    if (members_.empty()) protocol_type_ = member.protocol_type;
    assert(supports_protocols(member.protocol_type, member.supported_protocols));
    if (leader_id_.empty()) leader_id_ = member.member_id;
    member.join_sequence = next_join_sequence_++;
    member.awaiting_join = std::move(callback);
    if (member.is_awaiting_join()) ++num_awaiting_join_;
    count_supporters(member, +1);
    pending_members_.erase(member.member_id);
    std::string id = member.member_id;
    members_.insert_or_assign(id, std::move(member));
}

void GroupMetadata::remove(const std::string& member_id) {
    auto it = members_.find(member_id);
    if (it != members_.end()) {
        count_supporters(it->second, -1);
        if (it->second.is_awaiting_join()) --num_awaiting_join_;
        members_.erase(it);
    }
    if (is_leader(member_id)) {
        // Kafka takes any remaining member (members.keys.headOption); the earliest one
        // keeps runs reproducible.
        auto ids = member_ids();
        leader_id_ = ids.empty() ? std::string{} : ids.front();
    }
    pending_members_.erase(member_id);
    pending_sync_members_.erase(member_id);
}

void GroupMetadata::update_member(MemberMetadata& member, std::vector<GroupProtocol> protocols,
                                  sim::Duration rebalance_timeout, sim::Duration session_timeout,
                                  JoinCallback callback) {
    count_supporters(member, -1);
    member.supported_protocols = std::move(protocols);
    count_supporters(member, +1);
    member.rebalance_timeout = rebalance_timeout;
    member.session_timeout = session_timeout;
    if (callback && !member.is_awaiting_join()) ++num_awaiting_join_;
    if (!callback && member.is_awaiting_join()) --num_awaiting_join_;
    member.awaiting_join = std::move(callback);
}

void GroupMetadata::maybe_invoke_join_callback(MemberMetadata& member, std::shared_ptr<JoinGroupResponse> response) {
    if (!member.is_awaiting_join()) return;
    // Clear first: the callback may send, and sending may lead back here.
    JoinCallback callback = std::move(member.awaiting_join);
    member.awaiting_join = nullptr;
    --num_awaiting_join_;
    callback(std::move(response));
}

bool GroupMetadata::maybe_invoke_sync_callback(MemberMetadata& member, std::shared_ptr<SyncGroupResponse> response) {
    if (!member.is_awaiting_sync()) return false;
    SyncCallback callback = std::move(member.awaiting_sync);
    member.awaiting_sync = nullptr;
    callback(std::move(response));
    return true;
}

bool GroupMetadata::maybe_elect_new_joined_leader() {
    if (leader_id_.empty()) return false;
    if (get(leader_id_).is_awaiting_join()) return true;
    for (const auto& id : member_ids()) {
        if (get(id).is_awaiting_join()) {
            leader_id_ = id;
            return true;
        }
    }
    return false;
}

std::vector<std::string> GroupMetadata::not_yet_rejoined_members() const {
    std::vector<std::string> ids;
    for (const auto& id : member_ids()) {
        if (!get(id).is_awaiting_join()) ids.push_back(id);
    }
    return ids;
}

sim::Duration GroupMetadata::rebalance_timeout() const {
    sim::Duration longest{0};
    for (const auto& [id, member] : members_) longest = std::max(longest, member.rebalance_timeout);
    return longest;
}

void GroupMetadata::add_pending_member(const std::string& member_id) {
    assert(!has(member_id) && "a pending member is not yet a member");
    pending_members_.insert(member_id);
}

std::string GroupMetadata::generate_member_id(const std::string& client_id, sim::RandomStream& random) {
    // Java's UUID.randomUUID(): 122 random bits, version 4, IETF variant.
    std::uint64_t high = random.next_u64();
    std::uint64_t low = random.next_u64();
    high = (high & ~std::uint64_t{0xF000}) | 0x4000;
    low = (low & ~(std::uint64_t{0xC} << 60)) | (std::uint64_t{0x8} << 60);
    return fmt::format("{}-{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", client_id, high >> 32, (high >> 16) & 0xFFFF,
                       high & 0xFFFF, low >> 48, low & 0xFFFFFFFFFFFFULL);
}

bool GroupMetadata::supports_protocols(const std::string& protocol_type,
                                       const std::vector<GroupProtocol>& protocols) const {
    if (is(GroupState::empty)) return !protocol_type.empty() && !protocols.empty();
    if (protocol_type_ != protocol_type) return false;
    return std::any_of(protocols.begin(), protocols.end(), [this](const GroupProtocol& p) {
        auto it = protocol_supporters_.find(p.name);
        int supporters = it == protocol_supporters_.end() ? 0 : it->second;
        return supporters == static_cast<int>(members_.size());
    });
}

std::string GroupMetadata::select_protocol() const {
    assert(!members_.empty() && "Cannot select protocol for empty group");
    std::vector<std::string> candidates;
    for (const auto& [name, count] : protocol_supporters_) {
        if (count == static_cast<int>(members_.size())) candidates.push_back(name);
    }
    std::map<std::string, int> votes;
    std::vector<std::string> first_voted;  // protocols in the order members voted for them
    for (const auto& id : member_ids()) {
        std::string choice = get(id).vote(candidates);
        if (votes[choice]++ == 0) first_voted.push_back(choice);
    }
    std::string best = first_voted.front();
    for (const auto& name : first_voted) {
        if (votes[name] > votes[best]) best = name;
    }
    return best;
}

void GroupMetadata::init_next_generation(sim::Time now) {
    generation_ = Generation{generation_.value + 1};
    if (!members_.empty()) {
        protocol_name_ = select_protocol();
        transition_to(GroupState::completing_rebalance, now);
    } else {
        protocol_name_.reset();
        transition_to(GroupState::empty, now);
    }
    clear_pending_sync_members();
}

std::vector<JoinGroupMember> GroupMetadata::current_member_metadata() const {
    assert(!is(GroupState::dead) && !is(GroupState::preparing_rebalance));
    std::vector<JoinGroupMember> list;
    for (const auto& id : member_ids()) {
        const MemberMetadata& member = get(id);
        const GroupProtocol* subscription = member.metadata(protocol_name_.value_or(""));
        list.push_back({id, member.client_id, member.client_host, subscription ? *subscription : GroupProtocol{}});
    }
    return list;
}

void GroupMetadata::restore(Generation generation, std::optional<std::string> protocol_type,
                            std::optional<std::string> protocol_name, std::string leader_id) {
    generation_ = generation;
    protocol_type_ = std::move(protocol_type);
    protocol_name_ = std::move(protocol_name);
    leader_id_ = std::move(leader_id);
}

void GroupMetadata::on_offset_commit_append(const TopicPartition& tp, const OffsetAndMetadata& entry) {
    auto it = offsets_.find(tp);
    // Commits answered out of order must not let an older record overwrite a newer one
    // (CommitRecordMetadataAndOffset.olderThan).
    if (it == offsets_.end() || it->second.record_offset < entry.record_offset) offsets_[tp] = entry;
}

}  // namespace kafkalab::kafka
