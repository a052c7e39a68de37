/**
 * The utilisation time series as CSV: one row per sample and zone. Columns: timeMs, zone,
 * serversAlive and rejectedRequests (site-wide rows only), then per class the model has in use
 * `<class>_used`, `_capacity`, `_utilisation` (and `_stranded` for resource classes): resource classes
 * in their fixed order, then accelerator types and `TYPE/profile` keys sorted by name; in runs with
 * clusters, `clusters_nodes_<pool>` and `clusters_pendingPods` (site-wide rows only).
 */
import { RESOURCE_CLASSES } from "../domain/index.js";
import type { TimeseriesRow } from "../scenario/index.js";
import { formatNumber } from "./number-format.js";

const RESOURCE_CLASS_NAMES: ReadonlySet<string> = new Set(RESOURCE_CLASSES);

/**
 * The class keys of the rows that have capacity or use at some sample: resource classes in
 * RESOURCE_CLASSES order, then the rest (accelerator types, `TYPE/profile`) sorted, so a model
 * without PCPU or GPUs gets no columns of zeros for them.
 */
export function classesInUse(rows: ReadonlyArray<TimeseriesRow>): string[] {
  const seen = new Set<string>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.capacity)) if (v > 0) seen.add(k);
    for (const [k, v] of Object.entries(r.used)) if (v > 0) seen.add(k);
  }
  const others = [...seen].filter((k) => !RESOURCE_CLASS_NAMES.has(k)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...RESOURCE_CLASSES.filter((rc) => seen.has(rc)), ...others];
}

/** Cluster counts of any row (runs with clusters only, so other runs' CSV is unchanged), sorted. */
function clusterColumns(rows: ReadonlyArray<TimeseriesRow>): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.clusters ?? {})) keys.add(k);
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** CSV text with a header; numbers written with at most 6 decimals so output is platform-stable. */
export function timeseriesCsv(rows: ReadonlyArray<TimeseriesRow>): string {
  const classes = classesInUse(rows);
  const clusterKeys = clusterColumns(rows);
  const header = ["timeMs", "zone", "serversAlive", "rejectedRequests"];
  for (const rc of classes) header.push(`${rc}_used`, `${rc}_capacity`, `${rc}_utilisation`, ...(RESOURCE_CLASS_NAMES.has(rc) ? [`${rc}_stranded`] : []));
  header.push(...clusterKeys.map((k) => `clusters_${k.replace("/", "_")}`));
  const lines = [header.join(",")];
  const sorted = [...rows].sort((a, b) => a.timeMs - b.timeMs || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0));
  for (const r of sorted) {
    const cells: Array<string | number> = [r.timeMs, r.zone, r.serversAlive ?? "", r.rejectedRequests ?? ""];
    for (const rc of classes) {
      const used = r.used[rc] ?? 0;
      const cap = r.capacity[rc] ?? 0;
      cells.push(num(used), num(cap), num(cap > 0 ? used / cap : 0));
      if (RESOURCE_CLASS_NAMES.has(rc)) cells.push(num(r.stranded[rc] ?? 0));
    }
    for (const k of clusterKeys) cells.push(r.clusters === undefined ? "" : (r.clusters[k] ?? 0));
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

const num = (x: number): string => formatNumber(x, 6);
