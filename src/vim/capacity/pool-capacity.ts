/**
 * IFA 005 QueryResourceCapacity, storage and network variants: the capacity of countable pools that
 * are not host inventories — GB of a zone's volume backend, public IPs of the external network's
 * pool, the IPv4 addresses (ports) of a network, the segmentation ids of a provider range. Each pool
 * answers, in its own unit,
 *
 * - total: what the pool holds;
 * - allocated: what live resources take now, reservation-backed ones included (counted once);
 * - reserved: what reservations hold and their resources have not consumed yet — at an instant t,
 *   the most any later instant commits less what is bound to reservations still active at t (the
 *   amount ordinary allocations must leave free then, INV-C2; now it is exactly the pools' `held`);
 * - available: the rest, total − reserved − allocated (INV-A9), which is what an allocation naming
 *   no reservation can take now.
 *
 * Over a time window the answer is the instant of the least available capacity among the window's
 * start and the instants where commitments change (future leases booked); allocations have no end
 * time in the twin, so only reserved varies. Several pools (storage of the whole VIM: every zone)
 * are summed instant by instant.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";

/** The storage and network resource types of QueryResourceCapacity, each with its unit. */
export type PoolResourceType = "storageGb" | "publicIps" | "ports" | "segments";

/** One countable pool, as the capacity query reads it. */
export interface PoolCapacitySource {
  total(): number;
  allocated(): number;
  /** Reserved and not yet consumed at `atMs` (≥ now). */
  reservedAt(atMs: number): number;
  /** Instants in (fromMs, toMs] where reservedAt may change, ascending. */
  changesWithin(fromMs: number, toMs: number): readonly number[];
}

/** IFA CapacityInformation of one storage or network resource type, in its unit. */
export interface PoolCapacityInformation {
  readonly resourceType: PoolResourceType;
  /** The zone the pools belong to (storage), null for the whole VIM or a VIM-wide pool (network). */
  readonly zoneId: string | null;
  /** The pool's name: `publicIp`, `port:<networkId>`, `segment:<type>`, or the storage zones summed. */
  readonly pool: string;
  readonly totalCapacity: number;
  readonly reservedCapacity: number;
  readonly allocatedCapacity: number;
  readonly availableCapacity: number;
  /** The instant the values hold at: now, or the window's instant of least available capacity. */
  readonly atMs: number;
}

/** A time window of QueryResourceCapacity (IFA timePeriod), both ends in ms. */
export interface CapacityWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

/** INVALID_ARGUMENT unless the window (if any) is a finite interval. */
export function checkWindow(w: CapacityWindow | undefined): Result<void> {
  if (w === undefined || (Number.isFinite(w.fromMs) && Number.isFinite(w.toMs) && w.fromMs <= w.toMs)) return ok(undefined);
  return fail(domainError("INVALID_ARGUMENT", `time window [${w.fromMs}, ${w.toMs}] is not an interval`));
}

/** The instants a window is read at: its start (not before now), then every change of any source in it. */
function instantsOf(sources: readonly PoolCapacitySource[], w: CapacityWindow | undefined, nowMs: number): number[] {
  // The past is not planned for: a window starting before now starts now.
  const fromMs = w === undefined ? nowMs : Math.max(w.fromMs, nowMs);
  if (w === undefined || w.toMs < nowMs) return [fromMs];
  const changes = new Set<number>();
  for (const s of sources) for (const t of s.changesWithin(fromMs, w.toMs)) changes.add(t);
  return [fromMs, ...[...changes].sort((a, b) => a - b)];
}

/** QueryResourceCapacity over `sources` summed: see the file comment. INVALID_ARGUMENT for a bad window. */
export function queryPoolCapacity(
  label: { readonly resourceType: PoolResourceType; readonly zoneId: string | null; readonly pool: string },
  sources: readonly PoolCapacitySource[],
  window: CapacityWindow | undefined,
  nowMs: number,
): Result<PoolCapacityInformation> {
  const checked = checkWindow(window);
  if (!checked.ok) return checked;
  let total = 0;
  let allocated = 0;
  for (const s of sources) {
    total += s.total();
    allocated += s.allocated();
  }
  let best: PoolCapacityInformation | undefined;
  for (const atMs of instantsOf(sources, window, nowMs)) {
    let reserved = 0;
    for (const s of sources) reserved += s.reservedAt(atMs);
    const info = { ...label, totalCapacity: total, reservedCapacity: reserved, allocatedCapacity: allocated, availableCapacity: total - reserved - allocated, atMs };
    // Ties keep the earliest instant.
    if (best === undefined || info.availableCapacity < best.availableCapacity) best = info;
  }
  return ok(best!);
}
