#pragma once
// "Did you mean" suggestions for misspelt names, by edit distance. Shared by the
// config validator and the scenario loader so both suggest alike.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace kafkalab::kafka {

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps
/// of neighbours each cost one, so "replcia" is one step from "replica".
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if close enough to be a likely typo: at most a
/// third of the word's length away (and at least two edits are always allowed).
/// Ties go to the earlier candidate. Empty when nothing is close.
std::string_view closest_match(std::string_view word, std::span<const std::string_view> candidates);

/// "; did you mean 'x'?" for a message tail, or "" when there is no suggestion.
std::string did_you_mean(std::string_view suggestion);

}  // namespace kafkalab::kafka
