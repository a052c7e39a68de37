/**
 * The time-window table of report.md (issue 16, item 7): per window its span, the servers decided
 * in it and the share rejected, the binding resource's (class or accelerator type) mean and peak
 * utilisation, and the share of host time up (runs with faults). Only for runs whose summary has `windows`.
 */
import type { RunResult } from "../scenario/index.js";
import { clockTime, percent as pct } from "./number-format.js";
import { tableMarkdown, type ReportTable } from "./report-table.js";

type Summary = RunResult["summary"];
type Window = NonNullable<Summary["windows"]>[string];

/**
 * The binding resource of a window: among the classes with capacity and the accelerator types with
 * handles, the highest mean utilisation (then peak, then name); undefined when there is none.
 */
export function bindingClass(w: Window): { readonly name: string; readonly mean: number; readonly peak: number } | undefined {
  const classes = Object.entries(w.utilisation).filter(([, u]) => u.meanCapacity > 0);
  const devices = Object.entries(w.accelerators ?? {}).filter(([, u]) => u.handles > 0);
  const all = [...classes, ...devices].map(([name, u]) => ({ name, mean: u.meanUtilisation, peak: u.peakUtilisation }));
  all.sort((x, y) => y.mean - x.mean || y.peak - x.peak || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return all[0];
}

/** The windows as a table (report.md and report.html), or undefined when the run has none. */
export function windowsTable(s: Summary): ReportTable | undefined {
  const windows = s.windows;
  if (windows === undefined) return undefined;
  const faults = s.availability !== undefined;
  const headers = ["window", "from", "to", "requests", "rejected", "servers", "rejected", "binding class mean / peak", ...(faults ? ["hosts up"] : [])];
  const rows = Object.entries(windows).map(([name, w]) => {
    const b = bindingClass(w);
    const use = b === undefined ? "—" : `${b.name} ${pct(b.mean)} / ${pct(b.peak)}`;
    const cells = [name, clockTime(w.measuredFromMs), clockTime(w.measuredToMs), w.requests.measured, pct(w.requests.rejectionRate), w.servers.requested, pct(w.servers.rejectionRate), use];
    return faults ? [...cells, w.availability === undefined ? "—" : pct(w.availability.hostAvailability)] : cells;
  });
  // Numbers right-aligned: every column but the window's name and the binding class.
  const rightAligned = headers.map((h, i) => i > 0 && !h.startsWith("binding"));
  return { title: "Windows (measured part of each; requests and servers decided within it, the binding class's mean / peak)", headers, rows, rightAligned };
}

/** The "Windows" section's lines; [] when the run has no windows. */
export function windowsMarkdown(s: Summary): string[] {
  const t = windowsTable(s);
  return t === undefined ? [] : tableMarkdown(t);
}
