/**
 * Rows of the time series: used, capacity and stranded units per zone and resource class, bound and
 * total handles per accelerator type and device profile, servers alive and requests rejected since
 * the last sample (and, in runs with clusters, Kubernetes nodes per pool and pending pods), read from the usage tracker's present totals on the sample period. Samples are
 * for the CSV and the charts only; the summary's means are the tracker's exact integrals.
 */
import { RESOURCE_CLASSES } from "../../domain/index.js";
import type { TimeseriesRow } from "./run-result.js";

export const ALL_ZONES = "all";

export interface ZoneTotals {
  readonly used: Float64Array;
  readonly capacity: Float64Array;
  readonly stranded: Float64Array;
}

/** Bound and total accelerator handles of one zone per class key (AcceleratorRun.presentHandles). */
export interface AccHandles {
  readonly used: Readonly<Record<string, number>>;
  readonly capacity: Readonly<Record<string, number>>;
}

/** What one sample reads besides the tracker: site-wide counts, and accelerator handles per zone. */
export interface SampleExtras {
  readonly serversAlive: number;
  readonly rejectedRequests: number;
  readonly accelerators: ReadonlyMap<string, AccHandles> | undefined;
  /** Kubernetes clusters' counts (ClusterRun.sample), only in runs with clusters. */
  readonly clusters?: Readonly<Record<string, number>> | undefined;
}

/** Time-series rows of one sample, zones in sorted order with ALL_ZONES first. */
export function sampleRows(timeMs: number, totals: ReadonlyMap<string, ZoneTotals>, extras: SampleExtras): TimeseriesRow[] {
  const zones = [...totals.keys()].sort((a, b) => (a === ALL_ZONES ? -1 : b === ALL_ZONES ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return zones.map((zone) => {
    const t = totals.get(zone)!;
    const record = (arr: Float64Array) => Object.fromEntries(RESOURCE_CLASSES.map((rc, c) => [rc, arr[c] ?? 0]));
    const acc = extras.accelerators?.get(zone);
    const site = zone === ALL_ZONES;
    return {
      timeMs,
      zone,
      serversAlive: site ? extras.serversAlive : undefined,
      rejectedRequests: site ? extras.rejectedRequests : undefined,
      used: { ...record(t.used), ...acc?.used },
      capacity: { ...record(t.capacity), ...acc?.capacity },
      stranded: record(t.stranded),
      ...(site && extras.clusters !== undefined ? { clusters: extras.clusters } : {}),
    };
  });
}
