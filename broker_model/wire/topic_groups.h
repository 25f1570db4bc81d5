#pragma once
// Kafka's requests and responses nest partitions under their topic; the simulation's
// keep one flat list of TopicPartition entries. These helpers bridge the two.
#include <cstddef>
#include <string_view>
#include <vector>

#include "broker_model/wire/wire_writer.h"

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

/// Writes `entries` nested as Kafka's (non-flexible) responses nest them: an array of
/// topics, each its name and an array of its entries, each written by `write_entry`.
/// Entries are the simulation's, which name their partition in `partition`.
template <class Entries, class WriteEntry>
void write_nested_by_topic(WireWriter& out, const Entries& entries, WriteEntry write_entry) {
    const auto runs = topic_runs(entries, [](const auto& entry) -> std::string_view { return entry.partition.topic; });
    out.array_length(static_cast<std::int32_t>(runs.size()));
    for (const TopicRun& run : runs) {
        out.string(run.topic);
        out.array_length(static_cast<std::int32_t>(run.end - run.begin));
        for (std::size_t i = run.begin; i < run.end; ++i) write_entry(entries[i]);
    }
}

}  // namespace kafkalab::kafka::wire
