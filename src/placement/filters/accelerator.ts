/**
 * Cyborg-aware placement (Nova asks Placement for the device profile's accelerator resources): a
 * request with accelerator groups passes only hosts whose enabled devices have enough free matching
 * attach handles, found by the same rule that binds them (nfvi AcceleratorPool), so a pass here is a
 * bind there. Requests without groups pass at once. Reasons are countable: "insufficient FPGA handles".
 */
import type { Filter } from "../types.js";

const NO_ACCELERATORS = "no accelerators";

export const acceleratorFilter: Filter = {
  name: "accelerator",
  // Checked at the leaves of the capacity-index search: correct for any pruning of the other filters.
  indexForm: "accelerator",
  check: (request, view, host) => {
    const groups = request.accelerators;
    if (groups === undefined) return null;
    const acc = view.accelerators;
    return acc === undefined ? NO_ACCELERATORS : acc.bindProblem(host, groups);
  },
};
