#include "broker_model/group/member_metadata.h"

#include <algorithm>
#include <cassert>

namespace kafkalab::kafka {

bool same_protocols(const std::vector<GroupProtocol>& a, const std::vector<GroupProtocol>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].name != b[i].name || a[i].topics != b[i].topics || a[i].owned_partitions != b[i].owned_partitions ||
            a[i].generation != b[i].generation) {
            return false;
        }
    }
    return true;
}

const GroupProtocol* MemberMetadata::metadata(const std::string& protocol) const {
    for (const auto& p : supported_protocols) {
        if (p.name == protocol) return &p;
    }
    return nullptr;
}

std::string MemberMetadata::vote(const std::vector<std::string>& candidates) const {
    for (const auto& p : supported_protocols) {
        if (std::find(candidates.begin(), candidates.end(), p.name) != candidates.end()) return p.name;
    }
    assert(false && "a member votes only among protocols it supports");
    return {};
}

}  // namespace kafkalab::kafka
