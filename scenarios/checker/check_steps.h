#pragma once
// The checker's inside: one index built once per check, and one function per family
// of anomalies, each filling its part of the report. checker.cpp runs them in order;
// they are declared here (and not in checker.h) because callers only need check().
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/checker/check_input.h"
#include "scenarios/checker/check_report.h"
#include "scenarios/checker/checker.h"

namespace kafkalab::scenarios::detail {

/// Where every record of the final logs is, and who read what. Built once, read by
/// every step. Ordered maps throughout, so reports come out in a deterministic order.
struct CheckIndex {
    /// Every place a record id appears in the final committed logs, in partition then
    /// offset order. Record id 0 (a record no ledger handed out) is left out.
    std::map<kafka::RecordId, std::vector<RecordLocation>> locations;
    /// The consumers that read each record id, in first-read order, each once.
    std::map<kafka::RecordId, std::vector<std::string>> readers;

    static CheckIndex build(const CheckInput& input);
    /// Whether `id` appears in `partition`'s final log; its first offset there if so.
    std::optional<kafka::Offset> offset_in(kafka::RecordId id, const kafka::TopicPartition& partition) const;
};

// Writes: the ledger against the final logs (write_checks.cpp).
void find_lost_writes(const CheckInput& input, const CheckIndex& index, CheckReport& report);
void find_duplicates(const CheckInput& input, const CheckIndex& index, CheckReport& report);
void find_inconsistent_offsets(const CheckInput& input, const CheckIndex& index, CheckReport& report);
void find_nonmonotonic_sends(const CheckInput& input, CheckReport& report);

// Reads: the consumption log against the ledger and the final logs (read_checks.cpp).
void find_aborted_reads(const CheckInput& input, const CheckIndex& index, CheckReport& report);
void find_unseen(const CheckInput& input, const CheckOptions& options, CheckReport& report);
void find_poll_issues(const CheckInput& input, CheckReport& report);

}  // namespace kafkalab::scenarios::detail
