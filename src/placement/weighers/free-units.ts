/**
 * The shared shape of the RAM, CPU and disk weighers: Nova's HostState inputs, not Placement's
 * capacity. RAM and disk weigh the physical free units, total − reserved − used, with no allocation
 * ratio (HostState free_ram_mb, free_disk_mb); CPU weighs total × cpu_allocation_ratio − used, with no
 * reserved units and no rounding (CPUWeigher). All three have Nova's minval 0: x / max.
 */
import type { Weigher } from "../types.js";

/** A free-units weigher of class `classIndex` whose input is `input(inventory) − used` (0 without an inventory). */
function freeUnitsWeigher(name: string, classIndex: number, multiplierKey: string, input: (inv: { total: number; reserved: number; allocationRatio: number }) => number): Weigher {
  return {
    name,
    defaultMultiplier: 1.0,
    minval: 0,
    multiplierKey,
    indexForm: { kind: "free", classIndex },
    raw: (_request, view, host) => {
      const inv = view.inventory(host, classIndex);
      return (inv === undefined ? 0 : input(inv)) - view.used(host, classIndex);
    },
  };
}

/** A weigher of physical free units of class `classIndex`: total − reserved − used. */
export function physicalFreeWeigher(name: string, classIndex: number, multiplierKey: string): Weigher {
  return freeUnitsWeigher(name, classIndex, multiplierKey, (inv) => inv.total - inv.reserved);
}

/** Nova CPUWeigher's input: vcpus_total × cpu_allocation_ratio − vcpus_used (no reserved, no floor). */
export function overcommittedFreeWeigher(name: string, classIndex: number, multiplierKey: string): Weigher {
  return freeUnitsWeigher(name, classIndex, multiplierKey, (inv) => inv.total * inv.allocationRatio);
}
