/** The chart data of one run, taken from its time series and summary: plain arrays, sorted. */
import { byLoad, classLoads } from "../../metrics/index.js";
import type { RunResult, TimeseriesRow } from "../../scenario/index.js";
import { classesInUse } from "../csv.js";
import type { Bar } from "./bar-chart.js";
import type { LineSeries } from "./line-chart.js";

const MS_PER_HOUR = 3_600_000;

/** Utilisation (used / capacity) over time, one series per zone and resource class with capacity. */
export function utilisationSeries(rows: ReadonlyArray<TimeseriesRow>): LineSeries[] {
  const byKey = new Map<string, Array<readonly [number, number]>>();
  for (const row of rows) {
    for (const rc of Object.keys(row.capacity).sort()) {
      const capacity = row.capacity[rc] ?? 0;
      if (capacity <= 0 || (rc.includes("/") && row.zone !== "all")) continue;
      const key = `${row.zone} ${rc}`;
      const points = byKey.get(key) ?? [];
      points.push([row.timeMs / MS_PER_HOUR, (row.used[rc] ?? 0) / capacity]);
      byKey.set(key, points);
    }
  }
  return [...byKey.keys()].sort().map((name) => ({ name, points: sortByX(byKey.get(name)!) }));
}

/** The utilisation chart of one class: its series per zone, and for an accelerator type its device profiles site-wide. */
export interface ClassChart {
  readonly resourceClass: string;
  readonly binding: boolean;
  readonly series: LineSeries[];
}

/**
 * One utilisation chart per class in use (resource classes, accelerator types): the binding resource
 * first, then by exact site-wide peak utilisation (then mean, then name), then classes without a
 * summary figure by name.
 */
export function utilisationCharts(result: RunResult): ClassChart[] {
  const inUse = classesInUse(result.timeseries);
  const base = (key: string): string => key.split("/")[0]!;
  const classes = [...new Set(inUse.map(base))];
  const ranked = classLoads(result.summary.utilisation, result.summary.accelerators).sort(byLoad).map((l) => l.class);
  const binding = result.summary.bindingResource?.class;
  const order = [...(binding === undefined ? [] : [binding]), ...ranked, ...[...classes].sort()];
  const ordered = [...new Set(order)].filter((c) => classes.includes(c));
  const series = utilisationSeries(result.timeseries);
  return ordered.map((rc) => ({
    resourceClass: rc,
    binding: rc === binding,
    // Series are named "<zone> <key>"; a profile's key is "<type>/<profile>", shown site-wide only.
    series: series.filter((s) => {
      const [zone, key] = splitName(s.name);
      return key === rc || (zone === "all" && base(key) === rc && key !== rc);
    }),
  }));
}

const splitName = (name: string): [string, string] => {
  const i = name.lastIndexOf(" ");
  return [name.slice(0, i), name.slice(i + 1)];
};

/** Requests rejected per sample period over time (the site-wide rows carry the count). */
export function rejectionSeries(rows: ReadonlyArray<TimeseriesRow>): LineSeries[] {
  const points = rows.flatMap((r) => (r.rejectedRequests === undefined ? [] : [[r.timeMs / MS_PER_HOUR, r.rejectedRequests] as const]));
  return points.length === 0 ? [] : [{ name: "rejected requests", points: sortByX(points) }];
}

/** Servers alive over time (the site-wide rows carry the count). */
export function aliveSeries(rows: ReadonlyArray<TimeseriesRow>): LineSeries[] {
  const points = rows.flatMap((r) => (r.serversAlive === undefined ? [] : [[r.timeMs / MS_PER_HOUR, r.serversAlive] as const]));
  return points.length === 0 ? [] : [{ name: "servers alive", points: sortByX(points) }];
}

/** Kubernetes nodes per pool name (summed over the clusters) over time; empty without clusters. */
export function clusterNodeSeries(rows: ReadonlyArray<TimeseriesRow>): LineSeries[] {
  const byPool = new Map<string, Array<readonly [number, number]>>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.clusters ?? {})) {
      if (!k.startsWith("nodes/")) continue;
      const pool = k.slice("nodes/".length);
      byPool.set(pool, [...(byPool.get(pool) ?? []), [r.timeMs / MS_PER_HOUR, v] as const]);
    }
  }
  return [...byPool].sort(([a], [b]) => (a < b ? -1 : 1)).map(([pool, points]) => ({ name: pool, points: sortByX(points) }));
}

/** Pending pods over time (all clusters); empty without clusters. */
export function pendingPodSeries(rows: ReadonlyArray<TimeseriesRow>): LineSeries[] {
  const points = rows.flatMap((r) => (r.clusters?.["pendingPods"] === undefined ? [] : [[r.timeMs / MS_PER_HOUR, r.clusters["pendingPods"]] as const]));
  return points.length === 0 ? [] : [{ name: "pending pods", points: sortByX(points) }];
}

/** Host rejections by filter reason, or rejected requests by kind when no filter reason was counted. */
export function rejectionBars(result: RunResult): { readonly bars: Bar[]; readonly title: string; readonly what: string } {
  const byReason = Object.entries(result.summary.requests.hostsRejectedByReason);
  if (byReason.length > 0) return { bars: byReason.map(([label, value]) => ({ label, value })), title: "Rejections by filter reason", what: "hosts rejected, summed over rejected requests" };
  return { bars: Object.entries(result.summary.requests.rejectedByKind).map(([label, value]) => ({ label, value })), title: "Rejections by kind", what: "rejected requests" };
}

const sortByX = (points: ReadonlyArray<readonly [number, number]>): Array<readonly [number, number]> => [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
