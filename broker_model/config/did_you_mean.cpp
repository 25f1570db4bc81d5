#include "broker_model/config/did_you_mean.h"

#include <algorithm>
#include <vector>

namespace kafkalab::kafka {
namespace {

// Names longer than this are never typos of a real name; skipping them keeps the
// quadratic distance cheap whatever a file contains.
constexpr std::size_t longest_name_compared = 100;

std::size_t allowed_distance(std::string_view word) { return std::max<std::size_t>(2, word.size() / 3); }

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t rows = a.size() + 1;
    const std::size_t cols = b.size() + 1;
    std::vector<std::size_t> d(rows * cols);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * cols + j]; };
    for (std::size_t i = 0; i < rows; ++i) at(i, 0) = i;
    for (std::size_t j = 0; j < cols; ++j) at(0, j) = j;
    for (std::size_t i = 1; i < rows; ++i) {
        for (std::size_t j = 1; j < cols; ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
            }
        }
    }
    return at(rows - 1, cols - 1);
}

std::string_view closest_match(std::string_view word, std::span<const std::string_view> candidates) {
    if (word.empty() || word.size() > longest_name_compared) return {};
    std::string_view best;
    std::size_t best_distance = allowed_distance(word) + 1;
    for (auto candidate : candidates) {
        if (candidate.size() > longest_name_compared) continue;
        std::size_t length_gap = candidate.size() > word.size() ? candidate.size() - word.size()
                                                                : word.size() - candidate.size();
        if (length_gap >= best_distance) continue;
        std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view suggestion) {
    if (suggestion.empty()) return "";
    return "; did you mean '" + std::string(suggestion) + "'?";
}

}  // namespace kafkalab::kafka
