/**
 * Periodic samples of what the NFVI holds: used and capacity per zone and resource class, servers
 * alive, and stranded capacity (free units on hosts where no flavour of the workload mix fits any
 * more: the fragmentation a planner pays for). Sampling reads state; it changes nothing.
 */
import { RESOURCE_CLASSES, RESOURCE_CLASS_COUNT } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { FlavourSpec } from "../../vim/index.js";
import type { TimeseriesRow } from "./run-result.js";

export const ALL_ZONES = "all";

export interface ZoneTotals {
  readonly used: Float64Array;
  readonly capacity: Float64Array;
  readonly stranded: Float64Array;
  readonly free: Float64Array;
}

/** Whether `flavour` fits host h now (capacity and unit rules of every class, aggregate metadata). */
function fits(nfvi: NfviState, h: number, flavour: FlavourSpec): boolean {
  for (let c = 0; c < RESOURCE_CLASS_COUNT; c++) {
    const amount = flavour.amounts[RESOURCE_CLASSES[c]!];
    if (amount > 0 && nfvi.checkAdd(h, c, amount) !== 0) return false;
  }
  for (const key of Object.keys(flavour.requiredMetadata)) if (!nfvi.hasMetadata(h, key, flavour.requiredMetadata[key]!)) return false;
  return true;
}

/** Per-zone totals (plus ALL_ZONES) of used, capacity, free and stranded units per class. */
export function sampleTotals(nfvi: NfviState, mix: ReadonlyArray<FlavourSpec>): Map<string, ZoneTotals> {
  const out = new Map<string, ZoneTotals>();
  const totalsOf = (zone: string): ZoneTotals => {
    let t = out.get(zone);
    if (t === undefined) {
      const make = () => new Float64Array(RESOURCE_CLASS_COUNT);
      t = { used: make(), capacity: make(), stranded: make(), free: make() };
      out.set(zone, t);
    }
    return t;
  };
  const zoneIds = nfvi.topology.zones.map((z) => z.id as string);
  for (let h = 0; h < nfvi.hostCount; h++) {
    const usable = nfvi.isUsable(h);
    const stranded = usable && !fitsAny(nfvi, h, mix);
    // The host's zone first, then ALL_ZONES: the map's key order is the first-seen order.
    addHost(nfvi, h, usable, stranded, totalsOf(zoneIds[nfvi.zoneIndexOf(h)]!));
    addHost(nfvi, h, usable, stranded, totalsOf(ALL_ZONES));
  }
  return out;
}

function fitsAny(nfvi: NfviState, h: number, mix: ReadonlyArray<FlavourSpec>): boolean {
  for (const f of mix) if (fits(nfvi, h, f)) return true;
  return false;
}

/** Adds host h's used, capacity, free and (when stranded) stranded units to `t`. */
function addHost(nfvi: NfviState, h: number, usable: boolean, stranded: boolean, t: ZoneTotals): void {
  for (let c = 0; c < RESOURCE_CLASS_COUNT; c++) {
    const cap = nfvi.capacity(h, c);
    const used = nfvi.used(h, c);
    t.used[c]! += used;
    t.capacity[c]! += cap;
    const free = usable ? Math.max(0, cap - used) : 0;
    t.free[c]! += free;
    if (stranded) t.stranded[c]! += free;
  }
}

/** Time-series rows of one sample, zones in sorted order with ALL_ZONES first. */
export function sampleRows(timeMs: number, totals: ReadonlyMap<string, ZoneTotals>, serversAlive: number): TimeseriesRow[] {
  const zones = [...totals.keys()].sort((a, b) => (a === ALL_ZONES ? -1 : b === ALL_ZONES ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return zones.map((zone) => {
    const t = totals.get(zone)!;
    const record = (arr: Float64Array) => Object.fromEntries(RESOURCE_CLASSES.map((rc, c) => [rc, arr[c] ?? 0]));
    return { timeMs, zone, serversAlive: zone === ALL_ZONES ? serversAlive : undefined, used: record(t.used), capacity: record(t.capacity), stranded: record(t.stranded) };
  });
}
