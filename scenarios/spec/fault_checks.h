#pragma once
// Checks across faults: a timeline of named hosts and links replayed in time order,
// so that contradictions are reported. Internal to the loader.
//
// Judgement, as docs/SCENARIOS.md states it:
//  - error:   two of crash / restart / stop / power-loss hit the same host at the same
//             time, two partitions or a partition and a heal come at the same time,
//             or a cut and a restore of the same link, or a cut and a heal do (which
//             one wins would be an accident of the file's order);
//  - warning: a crash, stop, power-loss or pause of a host that is already down; a
//             restart of a host that is running; a heal with nothing to heal; a cut
//             of a link already cut; a restore of a link not cut.
// Faults with `when:` or aimed at leader-of / controller are resolved only at run time
// and are left out.
#include "scenarios/spec/yaml_fields.h"

namespace kafkalab::scenarios::detail {

void check_fault_timeline(Context& ctx);

}  // namespace kafkalab::scenarios::detail
