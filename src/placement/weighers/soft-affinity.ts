/**
 * Nova ServerGroupSoftAffinityWeigher: for a soft-affinity group, the number of members already on
 * the host (more is better). Never rejects (INV-E3); 0 for every other request.
 */
import type { Weigher } from "../types.js";

export const softAffinityWeigher: Weigher = {
  name: "soft-affinity",
  defaultMultiplier: 1.0,
  multiplierKey: "soft_affinity_weight_multiplier",
  // Nova's option has min=0.0 (a negative multiplier would turn affinity into anti-affinity).
  minMultiplier: 0,
  indexForm: { kind: "group", policy: "soft-affinity" },
  raw: (request, _view, host) => {
    const group = request.group;
    return group !== undefined && group.policy === "soft-affinity" ? (group.members.get(host) ?? 0) : 0;
  },
};
