#include "viz/model/elide.h"

#include <vector>

namespace kafkalab::viz {

std::string elide(const std::string& text, float width, const std::function<float(std::string_view)>& measure) {
    if (measure(text) <= width) return text;
    // Where a character starts: the cut never splits an arrow or a dash.
    std::vector<std::size_t> boundaries;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) boundaries.push_back(i);
    }
    auto with_ellipsis = [&](std::size_t length) {
        while (length > 0 && text[length - 1] == ' ') --length;
        return text.substr(0, length) + std::string(ellipsis);
    };
    // The most characters that fit, by bisection: a longer start is never narrower.
    std::size_t low = 0, high = boundaries.size() - 1;  // boundaries[0] == 0 always fits by definition
    while (low < high) {
        std::size_t mid = (low + high + 1) / 2;
        if (measure(with_ellipsis(boundaries[mid])) <= width) low = mid;
        else high = mid - 1;
    }
    return with_ellipsis(boundaries[low]);
}

}  // namespace kafkalab::viz
