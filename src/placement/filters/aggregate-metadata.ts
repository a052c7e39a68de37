/**
 * Nova AggregateInstanceExtraSpecsFilter: every required key=value must be held by one of the
 * host's aggregates (merged metadata). The first unmatched key (sorted) gives the reason.
 */
import type { Filter } from "../types.js";

export const aggregateMetadataFilter: Filter = {
  name: "aggregate-metadata",
  indexForm: "aggregate-metadata",
  check: (request, view, host) => {
    for (const [key, value] of request.requiredMetadata) {
      if (!view.hasMetadata(host, key, value)) return `aggregate metadata ${key}=${value} not matched`;
    }
    return null;
  },
};
