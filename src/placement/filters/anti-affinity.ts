/**
 * Nova ServerGroupAntiAffinityFilter: for an anti-affinity group, a host already holding
 * maxServerPerHost members is rejected (INV-E1). Other requests pass.
 */
import type { Filter } from "../types.js";

export const antiAffinityFilter: Filter = {
  name: "anti-affinity",
  indexForm: "anti-affinity",
  skippedWhenForced: true,
  check: (request, _view, host) => {
    const group = request.group;
    if (group === undefined || group.policy !== "anti-affinity") return null;
    return (group.members.get(host) ?? 0) >= group.maxServerPerHost ? "server group anti-affinity" : null;
  },
};
