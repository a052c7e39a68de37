/** The shared shape of the RAM, CPU and disk weighers: free units (capacity − used) of one class. */
import type { Weigher } from "../types.js";

/** A weigher whose raw weight is the host's free units of class `classIndex` (Nova free_ram_mb etc.). */
export function freeUnitsWeigher(name: string, classIndex: number): Weigher {
  return {
    name,
    defaultMultiplier: 1.0,
    indexForm: { kind: "free", classIndex },
    raw: (_request, view, host) => view.free(host, classIndex),
  };
}
