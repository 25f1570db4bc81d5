#pragma once
// Kafka's requests and responses nest partitions under their topic; the simulation's
// keep one flat list of TopicPartition entries. These helpers bridge the two.
#include <cstddef>
#include <string_view>
#include <vector>

namespace kafkalab::kafka::wire {

/// Runs of consecutive entries with the same topic, in order: [begin, end) indexes.
struct TopicRun {
    std::string_view topic;
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// `topic_of(entry)` names an entry's topic. Entries of one topic that are not
/// adjacent form separate runs, as a client that listed them so would expect.
template <class Entries, class TopicOf>
std::vector<TopicRun> topic_runs(const Entries& entries, TopicOf topic_of) {
    std::vector<TopicRun> runs;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string_view topic = topic_of(entries[i]);
        if (runs.empty() || runs.back().topic != topic) runs.push_back({topic, i, i});
        runs.back().end = i + 1;
    }
    return runs;
}

}  // namespace kafkalab::kafka::wire
