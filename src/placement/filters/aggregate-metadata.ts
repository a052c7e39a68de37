/**
 * Nova AggregateInstanceExtraSpecsFilter: for every required key, one of the host's merged aggregate
 * values for that key (comma-separated items, stripped: nfvi topology) must match the requirement,
 * operators included (extra-specs-ops.ts). A key the host's aggregates lack rejects. The first
 * unmatched key (sorted) gives the reason.
 */
import { matchesRequirement } from "../extra-specs-ops.js";
import type { Filter } from "../types.js";

export const aggregateMetadataFilter: Filter = {
  name: "aggregate-metadata",
  indexForm: "aggregate-metadata",
  skippedWhenForced: true,
  check: (request, view, host) => {
    const metadata = view.topology.hosts[host]?.metadata;
    for (const [key, required] of request.requiredMetadata) {
      const values = metadata?.get(key);
      if (values === undefined || !values.some((v) => matchesRequirement(v, required))) {
        return `aggregate metadata ${key}=${required} not matched`;
      }
    }
    return null;
  },
};
