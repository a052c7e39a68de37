/** Nova ComputeFilter: only UP hosts whose compute service is enabled take new servers. */
import type { Filter } from "../types.js";

export const hostStateFilter: Filter = {
  name: "host-state",
  indexForm: "host-state",
  check: (_request, view, host) => {
    const state = view.hostState(host);
    if (state === "DOWN") return "host down";
    if (state === "MAINTENANCE") return "host in maintenance";
    return view.isEnabled(host) ? null : "host disabled";
  },
};
