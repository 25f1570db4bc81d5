#include "viz/model/cluster_layout.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace kafkalab::viz {

namespace {

/// Places `count` boxes evenly on a row: returns their centres' x.
std::vector<float> spread(std::size_t count, float left, float width) {
    std::vector<float> xs;
    for (std::size_t i = 0; i < count; ++i) {
        xs.push_back(left + width * (static_cast<float>(i) + 0.5f) / static_cast<float>(count));
    }
    return xs;
}

void place_row(ClusterLayout& layout, const std::vector<const HostView*>& hosts, float left, float width, float y) {
    auto xs = spread(hosts.size(), left, width);
    for (std::size_t i = 0; i < hosts.size(); ++i) {
        Point c{xs[i], y};
        layout.centers[hosts[i]->vertex] = c;
        layout.boxes[hosts[i]->vertex] =
            Rect{c.x - layout.box_width / 2, c.y - layout.box_height / 2, layout.box_width, layout.box_height};
    }
}


}  // namespace

std::optional<sim::VertexId> ClusterLayout::host_at(Point p) const {
    for (const auto& [vertex, box] : boxes) {
        if (box.contains(p)) return vertex;
    }
    return std::nullopt;
}

ClusterLayout layout_cluster(const ClusterSnapshot& snapshot, Rect canvas) {
    std::vector<const HostView*> zookeepers, brokers, clients;
    for (const auto& host : snapshot.hosts) {
        if (host.role == HostRole::zookeeper) zookeepers.push_back(&host);
        if (host.role == HostRole::broker) brokers.push_back(&host);
        if (host.role == HostRole::producer) clients.push_back(&host);
    }
    for (const auto& host : snapshot.hosts) {
        if (host.role == HostRole::consumer || host.role == HostRole::tools) clients.push_back(&host);
    }
    // Brokers go rack by rack, each rack a block of columns; without racks, one block.
    std::map<std::string, std::vector<const HostView*>> racks;
    for (const auto* b : brokers) racks[b->switch_name].push_back(b);
    for (auto& [name, members] : racks) {
        std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->broker_id < b->broker_id; });
    }
    std::size_t largest_rack = 1;
    for (const auto& [name, members] : racks) largest_rack = std::max(largest_rack, members.size());
    const std::size_t blocks = std::max<std::size_t>(racks.size(), 1);
    std::size_t broker_rows = 1;
    while (blocks * ((largest_rack + broker_rows - 1) / broker_rows) > 12 && broker_rows < 4) ++broker_rows;
    const std::size_t columns = (largest_rack + broker_rows - 1) / broker_rows;  // per rack

    ClusterLayout layout;
    const float pad = 0.03f * canvas.width;
    const float usable = canvas.width - 2 * pad;
    std::size_t widest = std::max({blocks * columns, zookeepers.size(), clients.size(), std::size_t{1}});
    layout.box_width = std::min(120.0f, usable / static_cast<float>(widest) * 0.82f);
    layout.box_height = std::min(40.0f, canvas.height / (3.0f + static_cast<float>(broker_rows)) * 0.55f);
    auto row_y = [&](float fraction) { return canvas.y + canvas.height * fraction; };

    place_row(layout, zookeepers, canvas.x + pad, usable, row_y(0.10f));
    place_row(layout, clients, canvas.x + pad, usable, row_y(0.90f));
    const float block_width = usable / static_cast<float>(blocks);
    const float broker_top = row_y(0.32f);
    const float row_step = broker_rows > 1 ? (row_y(0.58f) - broker_top) / static_cast<float>(broker_rows - 1) : 0;
    std::size_t block = 0;
    for (const auto& [name, members] : racks) {
        float left = canvas.x + pad + block_width * static_cast<float>(block++);
        for (std::size_t i = 0; i < members.size(); ++i) {
            std::size_t row = i / columns;
            std::vector<const HostView*> one{members[i]};
            float column_width = block_width / static_cast<float>(columns);
            place_row(layout, one, left + column_width * static_cast<float>(i % columns), column_width,
                      broker_top + row_step * static_cast<float>(row));
        }
        if (racks.size() > 1) {
            float top = broker_top - layout.box_height;
            float bottom = broker_top + row_step * static_cast<float>(broker_rows - 1) + layout.box_height;
            layout.racks.push_back({name, Rect{left + 2, top, block_width - 4, bottom - top}});
        }
    }
    // Switches: a rack's under its block, the others (the core, "switch") in the middle.
    for (const auto& sw : snapshot.switches) {
        auto frame = std::find_if(layout.racks.begin(), layout.racks.end(),
                                  [&](const RackFrame& r) { return r.name == sw.name; });
        if (frame != layout.racks.end()) {
            layout.centers[sw.vertex] = Point{frame->area.x + frame->area.width / 2, row_y(0.70f)};
        } else {
            float offset = sw.name == "core" ? 0.0f : 0.14f * canvas.width;
            layout.centers[sw.vertex] = Point{canvas.x + canvas.width / 2 + offset, row_y(0.76f)};
        }
    }
    return layout;
}

}  // namespace kafkalab::viz
