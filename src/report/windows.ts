/**
 * The time-window table of report.md (issue 16, item 7): per window its span, the servers decided
 * in it and the share rejected, the binding resource class's mean and peak utilisation, and the
 * share of host time up (runs with faults). Only for runs whose summary has `windows`.
 */
import type { RunResult } from "../scenario/index.js";
import { mdRow } from "./markdown-text.js";
import { clockTime } from "./number-format.js";

type Summary = RunResult["summary"];
type WindowUse = NonNullable<Summary["windows"]>[string]["utilisation"];

const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;

/** The class with the highest mean utilisation in the window (then peak, then name); undefined when nothing has capacity. */
export function bindingClass(use: WindowUse): string | undefined {
  const classes = Object.entries(use).filter(([, u]) => u.meanCapacity > 0);
  classes.sort(([a, x], [b, y]) => y.meanUtilisation - x.meanUtilisation || y.peakUtilisation - x.peakUtilisation || (a < b ? -1 : a > b ? 1 : 0));
  return classes[0]?.[0];
}

/** The "Windows" section's lines; [] when the run has no windows. */
export function windowsMarkdown(s: Summary): string[] {
  const windows = s.windows;
  if (windows === undefined) return [];
  const faults = s.availability !== undefined;
  const lines = [
    "",
    "## Windows (measured part of each; servers decided within it, the binding class's mean / peak)",
    "",
    `| window | from | to | requests | rejected | binding class mean / peak${faults ? " | hosts up" : ""} |`,
    `|---|---:|---:|---:|---:|---|${faults ? "---:|" : ""}`,
  ];
  for (const [name, w] of Object.entries(windows)) {
    const rc = bindingClass(w.utilisation);
    const use = rc === undefined ? "—" : `${rc} ${pct(w.utilisation[rc]!.meanUtilisation)} / ${pct(w.utilisation[rc]!.peakUtilisation)}`;
    const cells = [name, clockTime(w.measuredFromMs), clockTime(w.measuredToMs), w.requests.measured, pct(w.requests.rejectionRate), use];
    lines.push(mdRow(faults ? [...cells, w.availability === undefined ? "—" : pct(w.availability.hostAvailability)] : cells));
  }
  return lines;
}
