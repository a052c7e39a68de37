/**
 * Placement inventories of a host profile, with the Nova/Placement 2023.1+ defaults: VCPU ratio 4.0,
 * MEMORY_MB 1.0, DISK_GB 1.0, 512 MB of memory reserved for the host, PCPU always 1.0; a single VM's
 * vCPUs never exceed the host's CPUs (max_unit = total).
 */
import type { ResourceClass } from "../../domain/index.js";
import { inventoryFieldProblem, type Inventory } from "../../nfvi/index.js";
import type { HostProfile } from "../schema/model.js";
import type { ResolvedInventory } from "./resolved-model.js";

export const DEFAULT_ALLOCATION_RATIOS = { VCPU: 4.0, MEMORY_MB: 1.0, DISK_GB: 1.0 } as const;
export const DEFAULT_RESERVED_MEMORY_MB = 512;

/** The NFVI inventory record of a resolved one: Placement's unit rules (min 1, step 1, max = total). */
export const nfviInventory = (inv: ResolvedInventory): Inventory => ({
  total: inv.total,
  reserved: inv.reserved,
  allocationRatio: inv.allocationRatio,
  minUnit: 1,
  maxUnit: inv.maxUnit,
  stepSize: 1,
});

/** Where the number at fault was written: the profile's field, or the scenario's ratio override. */
export interface InventoryProblem {
  readonly path: Array<string | number>;
  readonly message: string;
  /** Set when the scenario's `overrides.allocationRatios.<class>` is at fault (path is then the profile's). */
  readonly overriddenRatio?: "VCPU" | "MEMORY_MB" | "DISK_GB";
}

const TOTAL_PATH: Record<ResourceClass, Array<string | number>> = { VCPU: ["cpu"], PCPU: ["cpu", "dedicated"], MEMORY_MB: ["memoryMb"], DISK_GB: ["diskGb"] };

/** Inventories per class for `profile`, or the problems that make it impossible. */
export function profileInventories(
  profile: HostProfile,
  ratioOverrides: Partial<Record<"VCPU" | "MEMORY_MB" | "DISK_GB", number>> = {},
): {
  inventories: Partial<Record<ResourceClass, ResolvedInventory>>;
  problems: InventoryProblem[];
} {
  const problems: InventoryProblem[] = [];
  const cpus = profile.cpu.sockets * profile.cpu.coresPerSocket * (profile.cpu.threadsPerCore ?? 1);
  const dedicated = profile.cpu.dedicated ?? 0;
  if (dedicated > cpus) problems.push({ path: ["cpu", "dedicated"], message: `dedicated CPUs (${dedicated}) exceed the host's ${cpus} CPUs` });
  const reserved = profile.reserved ?? {};
  const ratios = profile.allocationRatios ?? {};
  const totals: Record<ResourceClass, number> = {
    VCPU: cpus - dedicated,
    PCPU: dedicated,
    MEMORY_MB: profile.memoryMb,
    DISK_GB: profile.diskGb,
  };
  const inventories: Partial<Record<ResourceClass, ResolvedInventory>> = {};
  for (const rc of ["VCPU", "PCPU", "MEMORY_MB", "DISK_GB"] as const) {
    const total = totals[rc];
    const res = reserved[rc] ?? (rc === "MEMORY_MB" ? Math.min(DEFAULT_RESERVED_MEMORY_MB, total) : 0);
    if (res > total) {
      problems.push({ path: ["reserved", rc], message: `reserved ${rc} (${res}) is greater than the total (${total})` });
      continue;
    }
    if (total <= 0) continue; // no inventory of this class: capacity 0, as Placement reports nothing
    const ratio = rc === "PCPU" ? 1.0 : (ratioOverrides[rc] ?? ratios[rc] ?? DEFAULT_ALLOCATION_RATIOS[rc]);
    const inventory = { total, reserved: res, allocationRatio: ratio, maxUnit: total };
    // The NFVI builder's own rules, run here so that a model that resolves always builds (issue 15).
    const problem = inventoryFieldProblem(rc, nfviInventory(inventory));
    if (problem === null) inventories[rc] = inventory;
    else problems.push(locate(rc, problem, rc !== "PCPU" && ratioOverrides[rc] !== undefined, rc !== "PCPU" && ratios[rc] !== undefined));
  }
  return { inventories, problems };
}

/** The profile field (or the ratio override) a builder problem points at. */
function locate(
  rc: ResourceClass,
  problem: { field: string; message: string },
  overridden: boolean,
  ratioWritten: boolean,
): InventoryProblem {
  const ratioPath = ["allocationRatios", rc];
  const message = problem.message;
  if (problem.field === "reserved") return { path: ["reserved", rc], message };
  if (problem.field === "allocationRatio" || (problem.field === "capacity" && (overridden || ratioWritten))) {
    return overridden ? { path: ratioPath, message, overriddenRatio: rc as "VCPU" | "MEMORY_MB" | "DISK_GB" } : { path: ratioPath, message };
  }
  return { path: TOTAL_PATH[rc], message };
}
