/**
 * Nova ServerGroupSoftAntiAffinityWeigher: for a soft-anti-affinity group, minus the number of members
 * already on the host (fewer is better). Never rejects (INV-E3); 0 for every other request.
 */
import type { Weigher } from "../types.js";

export const softAntiAffinityWeigher: Weigher = {
  name: "soft-anti-affinity",
  defaultMultiplier: 1.0,
  multiplierKey: "soft_anti_affinity_weight_multiplier",
  // Nova's option has min=0.0 (a negative multiplier would turn affinity into anti-affinity).
  minMultiplier: 0,
  indexForm: { kind: "group", policy: "soft-anti-affinity" },
  raw: (request, _view, host) => {
    const group = request.group;
    if (group === undefined || group.policy !== "soft-anti-affinity") return 0;
    const count = group.members.get(host) ?? 0;
    return count === 0 ? 0 : -count;
  },
};
