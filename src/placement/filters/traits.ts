/**
 * Placement's required and forbidden traits (the flavour's extra specs trait:<NAME>=required|forbidden,
 * Nova's `required=` query of GET /allocation_candidates): a host passes when it has every required
 * trait and none of the forbidden ones. The host's traits are its root provider's and, as the model
 * keeps them, its nested providers'. The first missing (sorted) or present forbidden trait is the reason.
 * Checked at the leaves of the fast path: traits are not in the capacity index.
 */
import type { Filter } from "../types.js";

export const traitsFilter: Filter = {
  name: "traits",
  indexForm: "leaf",
  check: (request, view, host) => {
    const wanted = request.traits;
    if (wanted === undefined) return null;
    const traits = view.topology.hosts[host]?.spec.traits ?? [];
    for (const t of wanted.required) if (!traits.includes(t)) return `trait ${t} missing`;
    for (const t of wanted.forbidden) if (traits.includes(t)) return `trait ${t} forbidden`;
    return null;
  },
};
