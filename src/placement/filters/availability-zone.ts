/** Availability zone (Nova's AZ pre-filter): a request naming a zone only goes to that zone's hosts. */
import type { Filter } from "../types.js";

export const availabilityZoneFilter: Filter = {
  name: "availability-zone",
  indexForm: "availability-zone",
  skippedWhenForced: true,
  check: (request, view, host) => {
    const zone = request.zone;
    if (zone === undefined || view.topology.hosts[host]?.spec.zone === zone) return null;
    return `not in availability zone ${zone}`;
  },
};
