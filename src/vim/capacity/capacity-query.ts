/**
 * IFA 005 QueryResourceCapacity over the NFVI: total, reserved, allocated and available units of one
 * resource class in a zone or the whole VIM, summed over its hosts, with
 * total = available + reserved + allocated exactly (INV-A9).
 *
 * - total: the allocatable units, Placement's floor((total − reserved) × allocation_ratio) per host
 *   (Placement's own `reserved` is host overhead that can never be allocated, so it is not IFA's);
 * - reserved: capacity promised to reservations and not yet consumed (IFA §1.10), taken from a
 *   `CapacityCommitments` source; until reservations exist that source is NO_RESERVATIONS (0);
 * - allocated: the ledger's usage, moves' double claims included (INV-A8);
 * - available: the rest. It is negative only where an inventory was lowered below usage (INV-A1's
 *   "exceeded" case), which keeps the identity exact instead of hiding the excess.
 *
 * Over a time window the answer is the instant of the window with the least available capacity
 * (what a planner must know before accepting a reservation). Allocations have no end time in the
 * twin, so only future commitments can vary over the window: without reservations this is the
 * current value.
 */
import { domainError, fail, ok, RESOURCE_CLASSES, resourceClassIndex, type ResourceClass, type Result } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";

export interface CapacityQuery {
  /** Absent: the whole VIM. */
  readonly zoneId?: string;
  readonly resourceClass: ResourceClass;
  /** IFA timePeriod; absent: now. */
  readonly timeWindow?: { readonly fromMs: number; readonly toMs: number };
}

/** IFA CapacityInformation, in units of the resource class. */
export interface CapacityInformation {
  readonly zoneId: string | null;
  readonly resourceClass: ResourceClass;
  readonly totalCapacity: number;
  readonly reservedCapacity: number;
  readonly allocatedCapacity: number;
  readonly availableCapacity: number;
  /** The instant the values hold at: now, or the window's instant of least available capacity. */
  readonly atMs: number;
}

/** Capacity promised for the future (the reservation hook): what is reserved at an instant, and when that changes. */
export interface CapacityCommitments {
  reservedAt(zoneId: string | null, resourceClass: ResourceClass, atMs: number): number;
  /** Instants in (fromMs, toMs] where reservedAt changes, ascending. */
  changesWithin(zoneId: string | null, resourceClass: ResourceClass, fromMs: number, toMs: number): readonly number[];
  /** Usage the ledger counts now that is a reservation hold, not an allocation (absent: none). */
  heldNow?(zoneId: string | null, resourceClass: ResourceClass): number;
}

export const NO_RESERVATIONS: CapacityCommitments = { reservedAt: () => 0, changesWithin: () => [] };

/** The host indices of a zone, or of every host: NOT_FOUND for an unknown zone. */
export function hostsInScope(nfvi: NfviState, zoneId: string | undefined): Result<readonly number[]> {
  if (zoneId === undefined) return ok(nfvi.topology.hosts.map((_, h) => h));
  const zone = nfvi.topology.zones.find((z) => z.id === zoneId);
  return zone === undefined ? fail(domainError("NOT_FOUND", `zone ${zoneId} does not exist`)) : ok(zone.hosts);
}

/** Sums of allocatable capacity and usage of class `c` over `hosts`. */
export function totalsOf(nfvi: NfviState, hosts: readonly number[], c: number): { readonly total: number; readonly allocated: number } {
  let total = 0;
  let allocated = 0;
  for (const h of hosts) {
    total += nfvi.capacity(h, c);
    allocated += nfvi.used(h, c);
  }
  return { total, allocated };
}

/** QueryResourceCapacity: see the file comment. INVALID_ARGUMENT for a bad class or window. */
export function queryCapacity(nfvi: NfviState, q: CapacityQuery, nowMs: number, commitments: CapacityCommitments = NO_RESERVATIONS): Result<CapacityInformation> {
  if (!RESOURCE_CLASSES.includes(q.resourceClass)) return fail(domainError("INVALID_ARGUMENT", `unknown resource class ${String(q.resourceClass)}`));
  const w = q.timeWindow;
  if (w !== undefined && !(Number.isFinite(w.fromMs) && Number.isFinite(w.toMs) && w.fromMs <= w.toMs)) {
    return fail(domainError("INVALID_ARGUMENT", `time window [${w.fromMs}, ${w.toMs}] is not an interval`));
  }
  const hosts = hostsInScope(nfvi, q.zoneId);
  if (!hosts.ok) return hosts;
  const zoneId = q.zoneId ?? null;
  const totals = totalsOf(nfvi, hosts.value, resourceClassIndex(q.resourceClass));
  const total = totals.total;
  // Holds sit in the ledger to keep ordinary placement off reserved capacity: they are reserved, not allocated.
  const allocated = totals.allocated - (commitments.heldNow?.(zoneId, q.resourceClass) ?? 0);
  // The past is not planned for: a window starting before now starts now.
  const fromMs = w === undefined ? nowMs : Math.max(w.fromMs, nowMs);
  const instants = w === undefined || w.toMs < nowMs ? [fromMs] : [fromMs, ...commitments.changesWithin(zoneId, q.resourceClass, fromMs, w.toMs)];
  let best: CapacityInformation | undefined;
  for (const atMs of instants) {
    const reserved = commitments.reservedAt(zoneId, q.resourceClass, atMs);
    const info = { zoneId, resourceClass: q.resourceClass, totalCapacity: total, reservedCapacity: reserved, allocatedCapacity: allocated, availableCapacity: total - reserved - allocated, atMs };
    if (best === undefined || info.availableCapacity < best.availableCapacity) best = info;
  }
  return ok(best!);
}
