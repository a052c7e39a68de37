/** The chart data of one run, taken from its time series and summary: plain arrays, sorted. */
import type { RunResult, TimeseriesRow } from "../../scenario/index.js";
import type { Bar } from "./bar-chart.js";
import type { LineSeries } from "./line-chart.js";

const MS_PER_HOUR = 3_600_000;

/** Utilisation (used / capacity) over time, one series per zone and resource class with capacity. */
export function utilisationSeries(rows: ReadonlyArray<TimeseriesRow>): LineSeries[] {
  const byKey = new Map<string, Array<readonly [number, number]>>();
  for (const row of rows) {
    for (const rc of Object.keys(row.capacity).sort()) {
      const capacity = row.capacity[rc] ?? 0;
      if (capacity <= 0) continue;
      const key = `${row.zone} ${rc}`;
      const points = byKey.get(key) ?? [];
      points.push([row.timeMs / MS_PER_HOUR, (row.used[rc] ?? 0) / capacity]);
      byKey.set(key, points);
    }
  }
  return [...byKey.keys()].sort().map((name) => ({ name, points: sortByX(byKey.get(name)!) }));
}

/** Servers alive over time (the site-wide rows carry the count). */
export function aliveSeries(rows: ReadonlyArray<TimeseriesRow>): LineSeries[] {
  const points = rows.flatMap((r) => (r.serversAlive === undefined ? [] : [[r.timeMs / MS_PER_HOUR, r.serversAlive] as const]));
  return points.length === 0 ? [] : [{ name: "servers alive", points: sortByX(points) }];
}

/** Host rejections by filter reason, or rejected requests by kind when no filter reason was counted. */
export function rejectionBars(result: RunResult): { readonly bars: Bar[]; readonly title: string; readonly what: string } {
  const byReason = Object.entries(result.summary.requests.hostsRejectedByReason);
  if (byReason.length > 0) return { bars: byReason.map(([label, value]) => ({ label, value })), title: "Rejections by filter reason", what: "hosts rejected, summed over rejected requests" };
  return { bars: Object.entries(result.summary.requests.rejectedByKind).map(([label, value]) => ({ label, value })), title: "Rejections by kind", what: "rejected requests" };
}

const sortByX = (points: ReadonlyArray<readonly [number, number]>): Array<readonly [number, number]> => [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
