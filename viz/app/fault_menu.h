#pragma once
// Breaking the cluster from the picture: a host's right-click menu (crash, power loss,
// restart, pause and resume, cut and restore its links, put it on a side of a network
// partition) and the bar that applies or heals a partition. Every item pushes a
// Command; the session records it as a live fault.
#include "viz/app/panels.h"
#include "viz/model/cluster_snapshot.h"

namespace kafkalab::viz {

void draw_host_fault_menu(SnapshotFrame& frame, const HostView& host);
/// The partition being picked (side A, side B) with Apply and Clear, and Heal while
/// the network is partitioned or a link is cut. Draws nothing when there is nothing to say.
void draw_partition_bar(SnapshotFrame& frame);

}  // namespace kafkalab::viz
