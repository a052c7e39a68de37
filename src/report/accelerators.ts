/**
 * The accelerator tables of report.md and report.html (one definition, two renderings): utilisation
 * per zone and type, bind failures by reason, reprogramming, offload latency. Empty when the run's
 * model has no accelerators.
 */
import type { RunResult } from "../scenario/index.js";
import { percent as pct } from "./number-format.js";
import { tableMarkdown, type ReportTable } from "./report-table.js";

const byKey = <V>(r: Readonly<Record<string, V>>): Array<[string, V]> => Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The tables, in report order; [] without an accelerators section. */
export function acceleratorTables(s: RunResult["summary"]): ReportTable[] {
  const a = s.accelerators;
  if (a === undefined) return [];
  const utilisation = byKey(a.utilisation).flatMap(([zone, types]) => byKey(types).map(([type, u]) => [zone, type, u.handles, u.meanBound.toFixed(2), pct(u.meanUtilisation), u.peakBound, pct(u.peakUtilisation)]));
  const failures = byKey(a.bindFailures).map(([reason, n]) => [reason, n]);
  const r = a.reprogramming;
  const offload = byKey(a.offload).map(([fn, o]) => [fn, o.offered, o.served, o.dropped, o.meanQueueLength.toFixed(2), o.waitingMs.toFixed(1), o.serviceMs.toFixed(1), o.latencyMs.mean.toFixed(1), o.latencyMs.p50, o.latencyMs.p95, o.latencyMs.p99, pct(o.utilisation)]);
  return [
    { title: "Accelerator utilisation (bound handles over the run)", headers: ["zone", "type", "handles", "mean bound", "mean", "peak bound", "peak"], rows: utilisation },
    { title: "Accelerator bind failures (no host with free handles, device faults)", headers: ["reason", "binds"], rows: failures.length > 0 ? failures : [["(none)", 0]] },
    // Only programmable devices (FPGAs) are reprogrammed: a table of zeros on a GPU-only site says nothing.
    ...(r.onloads + r.refused > 0 ? [{ title: "Reprogramming (OnloadAccImage)", headers: ["onloads", "refused", "device time (ms)", "handle time lost (ms)"], rows: [[r.onloads, r.refused, r.programmingTimeMs, r.handleTimeLostMs]] }] : []),
    ...(offload.length > 0 ? [{ title: "Offload data path (times in ms; mean queue = number waiting per data path; dropped = waiting at release)", headers: ["function", "offered", "served", "dropped", "mean queue", "wait", "service", "mean", "p50", "p95", "p99", "utilisation"], rows: offload }] : []),
  ];
}

/** The tables as Markdown sections. */
export function acceleratorMarkdown(s: RunResult["summary"]): string[] {
  return acceleratorTables(s).flatMap((t) => tableMarkdown(t));
}
