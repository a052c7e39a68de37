/**
 * Placement's resource check (what Nova delegates to the Placement query): for every requested class,
 * unit rules and `used + amount ≤ capacity` through nfvi's one capacity rule. The first failing class
 * in RESOURCE_CLASSES order gives the reason ("insufficient MEMORY_MB", "VCPU exceeds max_unit").
 */
import { RESOURCE_CLASS_COUNT, RESOURCE_CLASSES } from "../../domain/index.js";
import { ADD_OK, verdictReason, type AddVerdict } from "../../nfvi/index.js";
import type { Filter } from "../types.js";

const VERDICTS: readonly AddVerdict[] = [0, 1, 2, 3, 4, 5, 6];
/** Reason texts precomputed per (verdict, class) so a rejection allocates nothing. */
const REASONS: readonly (readonly string[])[] = VERDICTS.map((v) => RESOURCE_CLASSES.map((rc) => verdictReason(v, rc)));

export const capacityFilter: Filter = {
  name: "capacity",
  indexForm: "capacity",
  check: (request, view, host) => {
    const amounts = request.amounts;
    // Stryker disable next-line EqualityOperator: one class past the end reads no amount (0), which is skipped
    for (let c = 0; c < RESOURCE_CLASS_COUNT; c++) {
      const a = amounts[c] ?? 0;
      if (a === 0) continue;
      const verdict = view.checkAdd(host, c, a);
      if (verdict !== ADD_OK) return REASONS[verdict]?.[c] ?? "insufficient resources";
    }
    return null;
  },
};
