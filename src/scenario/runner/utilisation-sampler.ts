/**
 * Rows of the time series: used, capacity and stranded units per zone and resource class, and servers
 * alive, read from the usage tracker's present totals on the sample period. Samples are for the CSV
 * and the charts only; the summary's means are the tracker's exact integrals.
 */
import { RESOURCE_CLASSES } from "../../domain/index.js";
import type { TimeseriesRow } from "./run-result.js";

export const ALL_ZONES = "all";

export interface ZoneTotals {
  readonly used: Float64Array;
  readonly capacity: Float64Array;
  readonly stranded: Float64Array;
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
