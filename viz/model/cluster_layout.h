#pragma once
// Where each host and switch goes in the cluster picture, as a pure function of the
// hosts and the canvas, so it is the same every frame and testable without a window:
//
//   ZooKeeper nodes                       (top row)
//   brokers, rack by rack                 (one or more rows)
//   switches: racks, and the core switch  (links run through them)
//   producers ...            consumers, tools   (bottom row)
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "viz/model/cluster_snapshot.h"

namespace kafkalab::viz {

struct Point {
    float x = 0;
    float y = 0;
};

struct Rect {
    float x = 0;
    float y = 0;
    float width = 0;
    float height = 0;
    bool contains(Point p) const { return p.x >= x && p.x <= x + width && p.y >= y && p.y <= y + height; }
    bool overlaps(const Rect& o) const {
        return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
    }
};

/// A rack's brokers share a frame, labelled with the rack's switch name.
struct RackFrame {
    std::string name;
    Rect area;
};

struct ClusterLayout {
    std::map<sim::VertexId, Point> centers;  // hosts and switches
    std::map<sim::VertexId, Rect> boxes;     // hosts only
    std::vector<RackFrame> racks;            // only when brokers sit in named racks
    float box_width = 0;
    float box_height = 0;

    /// The host whose box holds `p`, if any.
    std::optional<sim::VertexId> host_at(Point p) const;
};

ClusterLayout layout_cluster(const ClusterSnapshot& snapshot, Rect canvas);

}  // namespace kafkalab::viz
