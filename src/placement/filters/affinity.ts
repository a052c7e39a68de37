/**
 * Nova ServerGroupAffinityFilter: once an affinity group has a member somewhere, only hosts holding
 * members pass (INV-E2); the first member may go anywhere. Other requests pass.
 */
import type { Filter } from "../types.js";

export const affinityFilter: Filter = {
  name: "affinity",
  indexForm: "affinity",
  skippedWhenForced: true,
  check: (request, _view, host) => {
    const group = request.group;
    if (group === undefined || group.policy !== "affinity" || group.members.size === 0) return null;
    return group.members.has(host) ? null : "server group affinity";
  },
};
