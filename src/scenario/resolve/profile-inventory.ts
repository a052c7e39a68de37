/**
 * Placement inventories of a host profile, with the Nova/Placement 2023.1+ defaults: VCPU ratio 4.0,
 * MEMORY_MB 1.0, DISK_GB 1.0, PCPU 1.0, 512 MB of memory reserved for the host; unit rules min_unit 1,
 * step_size 1 and max_unit = total (a single VM's vCPUs never exceed the host's CPUs) unless the
 * profile's `units` say otherwise. What Placement stores but no compute reports (ratio 0, a PCPU ratio
 * ≠ 1, min_unit > max_unit) is a warning: an imported site must load.
 */
import type { ResourceClass } from "../../domain/index.js";
import { inventoryFieldProblem, inventoryWarnings, type Inventory } from "../../nfvi/index.js";
import type { HostProfile } from "../schema/model.js";
import type { ResolvedInventory } from "./resolved-model.js";

export const DEFAULT_ALLOCATION_RATIOS = { VCPU: 4.0, PCPU: 1.0, MEMORY_MB: 1.0, DISK_GB: 1.0 } as const;
export const DEFAULT_RESERVED_MEMORY_MB = 512;

/** The NFVI inventory record of a resolved one (unit rules included). */
export const nfviInventory = (inv: ResolvedInventory): Inventory => ({
  total: inv.total,
  reserved: inv.reserved,
  allocationRatio: inv.allocationRatio,
  minUnit: inv.minUnit ?? 1,
  maxUnit: inv.maxUnit,
  stepSize: inv.stepSize ?? 1,
});

/** Where the number at fault was written: the profile's field, or the scenario's ratio override. */
export interface InventoryProblem {
  readonly path: Array<string | number>;
  readonly message: string;
  /** Set when the scenario's `overrides.allocationRatios.<class>` is at fault (path is then the profile's). */
  readonly overriddenRatio?: RatioClass;
}

type RatioClass = "VCPU" | "PCPU" | "MEMORY_MB" | "DISK_GB";

const TOTAL_PATH: Record<ResourceClass, Array<string | number>> = { VCPU: ["cpu"], PCPU: ["cpu", "dedicated"], MEMORY_MB: ["memoryMb"], DISK_GB: ["diskGb"] };

/** Inventories per class for `profile`, or the problems that make it impossible. */
export function profileInventories(
  profile: HostProfile,
  ratioOverrides: Partial<Record<RatioClass, number>> = {},
): {
  inventories: Partial<Record<ResourceClass, ResolvedInventory>>;
  problems: InventoryProblem[];
  /** Loadable but unusual records (ratio 0, PCPU ratio ≠ 1, min_unit > max_unit), with the field at fault. */
  warnings: InventoryProblem[];
} {
  const warnings: InventoryProblem[] = [];
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
    const ratio = ratioOverrides[rc] ?? ratios[rc] ?? DEFAULT_ALLOCATION_RATIOS[rc];
    const units = profile.units?.[rc];
    const minUnit = units?.minUnit ?? 1;
    const stepSize = units?.stepSize ?? 1;
    // Unit fields other than Placement's defaults only: the resolved model of a file without them is unchanged.
    const inventory: ResolvedInventory = { total, reserved: res, allocationRatio: ratio, ...(minUnit === 1 ? {} : { minUnit }), maxUnit: units?.maxUnit ?? total, ...(stepSize === 1 ? {} : { stepSize }) };
    // The NFVI builder's own rules, run here so that a model that resolves always builds (issue 15).
    const problem = inventoryFieldProblem(rc, nfviInventory(inventory));
    if (problem === null) inventories[rc] = inventory;
    else problems.push(locate(rc, problem, ratioOverrides[rc] !== undefined, ratios[rc] !== undefined));
    if (problem !== null) continue;
    for (const message of inventoryWarnings(rc, nfviInventory(inventory))) {
      const path = /minUnit/.test(message) ? ["units", rc, "minUnit"] : ratios[rc] !== undefined || ratioOverrides[rc] !== undefined ? ["allocationRatios", rc] : TOTAL_PATH[rc];
      warnings.push({ path, message });
    }
  }
  return { inventories, problems, warnings };
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
  if (problem.field === "minUnit" || problem.field === "maxUnit" || problem.field === "stepSize") return { path: ["units", rc, problem.field], message };
  if (problem.field === "allocationRatio" || (problem.field === "capacity" && (overridden || ratioWritten))) {
    return overridden ? { path: ratioPath, message, overriddenRatio: rc } : { path: ratioPath, message };
  }
  return { path: TOTAL_PATH[rc], message };
}
