/**
 * Placement inventories and THE capacity rule (style rule 9). Every capacity decision in the twin —
 * a claim in nfvi, the capacity filter in placement, the capacity index — goes through `capacity`
 * and `checkAmount` below; nothing else computes `(total − reserved) × ratio`.
 *
 * Integer handling: Placement computes `capacity = (total − reserved) × allocation_ratio` as a float
 * and rejects when `used + amount > capacity`. Usages and amounts are integers, so
 * `used + amount ≤ c` ⇔ `used + amount ≤ floor(c)`: storing `floor` of the same IEEE product gives
 * exactly Placement's decisions while every stored number stays an integer.
 */
import type { ResourceClass } from "../domain/index.js";

/** One Placement inventory record of a (host, resource class) pair. */
export interface Inventory {
  readonly total: number;
  readonly reserved: number;
  readonly allocationRatio: number;
  readonly minUnit: number;
  readonly maxUnit: number;
  readonly stepSize: number;
}

/** Allocatable units of an inventory: floor((total − reserved) × allocationRatio); absent → 0. */
export function capacity(inventory: Inventory | undefined): number {
  if (inventory === undefined) return 0;
  return Math.floor((inventory.total - inventory.reserved) * inventory.allocationRatio);
}

/** Verdicts of `checkAmount`, small integers so the hot path allocates nothing. */
export const ADD_OK = 0;
export const ADD_NO_INVENTORY = 1;
export const ADD_BELOW_MIN_UNIT = 2;
export const ADD_ABOVE_MAX_UNIT = 3;
export const ADD_STEP_SIZE = 4;
/** The pair is already over capacity (capacity lowered under usage, INV-A2): nothing new fits. */
export const ADD_EXCEEDED = 5;
export const ADD_INSUFFICIENT = 6;
export type AddVerdict = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * Can `amount` more units be allocated on a pair with these unit rules, capacity and usage?
 * amount 0 means "class not requested" and always passes. Unit rules are checked before capacity,
 * as Placement does. `present` false means the host has no inventory of the class.
 */
export function checkAmount(
  present: boolean,
  minUnit: number,
  maxUnit: number,
  stepSize: number,
  capacityUnits: number,
  used: number,
  amount: number,
): AddVerdict {
  if (amount === 0) return ADD_OK;
  const units = unitVerdict(present, minUnit, maxUnit, stepSize, amount);
  return units !== ADD_OK ? units : capacityVerdict(capacityUnits, used, amount);
}

/** The unit half of `checkAmount` (static per inventory, so callers may precompute it). */
export function unitVerdict(present: boolean, minUnit: number, maxUnit: number, stepSize: number, amount: number): AddVerdict {
  if (!present) return ADD_NO_INVENTORY;
  if (amount < minUnit) return ADD_BELOW_MIN_UNIT;
  if (amount > maxUnit) return ADD_ABOVE_MAX_UNIT;
  if (amount % stepSize !== 0) return ADD_STEP_SIZE;
  return ADD_OK;
}

/** The capacity half of `checkAmount`: `used + amount ≤ capacity`, nothing new on an exceeded pair. */
export function capacityVerdict(capacityUnits: number, used: number, amount: number): AddVerdict {
  if (used > capacityUnits) return ADD_EXCEEDED;
  if (used + amount > capacityUnits) return ADD_INSUFFICIENT;
  return ADD_OK;
}

/** `checkAmount` for an inventory record (undefined = no inventory of that class). */
export function checkAdd(inventory: Inventory | undefined, used: number, amount: number): AddVerdict {
  if (inventory === undefined) return checkAmount(false, 0, 0, 1, 0, used, amount);
  const { minUnit, maxUnit, stepSize } = inventory;
  return checkAmount(true, minUnit, maxUnit, stepSize, capacity(inventory), used, amount);
}

/** True when usage is above capacity: the pair accepts decreases only (INV-A1/A2 "exceeded"). */
export const isExceeded = (inventory: Inventory | undefined, used: number): boolean => used > capacity(inventory);

/** The countable reason text of a failed verdict, e.g. "insufficient MEMORY_MB", "VCPU exceeds max_unit". */
export function verdictReason(verdict: AddVerdict, rc: ResourceClass): string {
  switch (verdict) {
    case ADD_OK:
      return "ok";
    case ADD_NO_INVENTORY:
      return `no ${rc} inventory`;
    case ADD_BELOW_MIN_UNIT:
      return `${rc} below min_unit`;
    case ADD_ABOVE_MAX_UNIT:
      return `${rc} exceeds max_unit`;
    case ADD_STEP_SIZE:
      return `${rc} not a multiple of step_size`;
    case ADD_EXCEEDED:
      return `${rc} capacity exceeded`;
    case ADD_INSUFFICIENT:
      return `insufficient ${rc}`;
  }
}

/** Upper limit of totals and capacities (2^30): far above any real host (1 PB of RAM in MB). */
export const MAX_UNITS = 1073741824;

const isNonNegativeInteger = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;

/** Checks one inventory record (INV-A5 shape rules); returns the problem or null. */
export function inventoryProblem(rc: ResourceClass, inv: Inventory): string | null {
  return inventoryFieldProblem(rc, inv)?.message ?? null;
}

/** The field of an inventory record a problem is about (`capacity`: total, reserved and ratio together). */
export type InventoryField = keyof Inventory | "capacity";

/**
 * `inventoryProblem` with the field at fault, so a file loader can point at the line that set it.
 * The one list of inventory rules: the loader and the NFVI builder both call it.
 */
export function inventoryFieldProblem(rc: ResourceClass, inv: Inventory): { field: InventoryField; message: string } | null {
  const at = (field: InventoryField, message: string) => ({ field, message });
  if (!isNonNegativeInteger(inv.total) || inv.total === 0) return at("total", `${rc}: total must be a positive integer`);
  if (!isNonNegativeInteger(inv.reserved) || inv.reserved > inv.total) {
    return at("reserved", `${rc}: reserved must be an integer in [0, total]`);
  }
  // Placement stores any ratio ≥ 0 (0: no capacity), a PCPU ratio other than 1 and min_unit > max_unit
  // (nothing fits): a real site must load, so those are warnings (inventoryWarnings), not problems.
  if (!Number.isFinite(inv.allocationRatio) || inv.allocationRatio < 0) {
    return at("allocationRatio", `${rc}: allocationRatio must be a finite number ≥ 0`);
  }
  if (!isNonNegativeInteger(inv.minUnit) || inv.minUnit < 1) return at("minUnit", `${rc}: minUnit must be an integer ≥ 1`);
  if (!isNonNegativeInteger(inv.maxUnit) || inv.maxUnit < 1) return at("maxUnit", `${rc}: maxUnit must be an integer ≥ 1`);
  if (!isNonNegativeInteger(inv.stepSize) || inv.stepSize < 1) return at("stepSize", `${rc}: stepSize must be an integer ≥ 1`);
  // The capacity index stores free units as Int32 (capacity-index.ts): keep every number within ±2^30.
  if (inv.total > MAX_UNITS) return at("total", `${rc}: total ${inv.total} must not exceed ${MAX_UNITS} (2^30)`);
  const units = capacity(inv);
  if (units > MAX_UNITS) {
    return at("capacity", `${rc}: capacity (${inv.total} − ${inv.reserved}) × ${inv.allocationRatio} = ${units} must not exceed ${MAX_UNITS} (2^30)`);
  }
  return null;
}

/**
 * What a real Placement accepts but no real compute reports, each a warning: an allocation ratio of 0
 * (no capacity), a PCPU ratio other than 1 (Nova always reports 1.0), min_unit above max_unit (no
 * amount fits). Empty for an ordinary record.
 */
export function inventoryWarnings(rc: ResourceClass, inv: Inventory): string[] {
  const out: string[] = [];
  if (inv.allocationRatio === 0) out.push(`${rc}: allocationRatio 0 leaves no capacity`);
  if (rc === "PCPU" && inv.allocationRatio !== 1 && inv.allocationRatio !== 0) out.push(`PCPU: allocationRatio ${inv.allocationRatio} (Nova reports 1.0 for pinned CPUs; Placement stores any)`);
  if (inv.minUnit > inv.maxUnit) out.push(`${rc}: minUnit ${inv.minUnit} > maxUnit ${inv.maxUnit}: no allocation of this class fits`);
  return out;
}

/** Nova/Placement defaults of 2023.1 (Antelope) and later (digest §4.2). */
export const NOVA_DEFAULTS = {
  cpuAllocationRatio: 4.0,
  ramAllocationRatio: 1.0,
  diskAllocationRatio: 1.0,
  reservedHostMemoryMb: 512,
  reservedHostCpus: 0,
  reservedHostDiskGb: 0,
} as const;

/** What a compute node reports; everything but the sizes defaults to NOVA_DEFAULTS. */
export interface ComputeResources {
  /** Shared (floating) CPUs: the VCPU inventory. */
  readonly vcpus: number;
  /** Dedicated (pinned) CPUs: the PCPU inventory; 0 or absent = none. */
  readonly pcpus?: number;
  readonly memoryMb: number;
  readonly diskGb: number;
  readonly cpuAllocationRatio?: number;
  readonly ramAllocationRatio?: number;
  readonly diskAllocationRatio?: number;
  readonly reservedHostMemoryMb?: number;
  readonly reservedHostCpus?: number;
  readonly reservedHostDiskGb?: number;
}

const record = (total: number, reserved: number, allocationRatio: number): Inventory => ({
  total,
  reserved,
  allocationRatio,
  minUnit: 1,
  // As the libvirt driver reports: one allocation never exceeds the host's own total, whatever the ratio.
  maxUnit: total,
  stepSize: 1,
});

/** The inventories Nova's libvirt driver would report for these resources (absent class → no record). */
export function novaInventories(r: ComputeResources): Partial<Record<ResourceClass, Inventory>> {
  const out: Partial<Record<ResourceClass, Inventory>> = {};
  const d = NOVA_DEFAULTS;
  if (r.vcpus > 0) {
    out.VCPU = record(r.vcpus, r.reservedHostCpus ?? d.reservedHostCpus, r.cpuAllocationRatio ?? d.cpuAllocationRatio);
  }
  if ((r.pcpus ?? 0) > 0) out.PCPU = record(r.pcpus ?? 0, 0, 1);
  if (r.memoryMb > 0) {
    const reserved = r.reservedHostMemoryMb ?? d.reservedHostMemoryMb;
    out.MEMORY_MB = record(r.memoryMb, reserved, r.ramAllocationRatio ?? d.ramAllocationRatio);
  }
  if (r.diskGb > 0) {
    const reserved = r.reservedHostDiskGb ?? d.reservedHostDiskGb;
    out.DISK_GB = record(r.diskGb, reserved, r.diskAllocationRatio ?? d.diskAllocationRatio);
  }
  return out;
}
