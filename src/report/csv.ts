/** The utilisation time series as CSV: one row per sample and zone, columns in a fixed order. */
import { RESOURCE_CLASSES } from "../domain/index.js";
import type { TimeseriesRow } from "../scenario/index.js";
import { formatNumber } from "./number-format.js";

/** CSV text with a header; numbers written with at most 6 decimals so output is platform-stable. */
export function timeseriesCsv(rows: ReadonlyArray<TimeseriesRow>): string {
  const header = ["timeMs", "zone", "serversAlive"];
  for (const rc of RESOURCE_CLASSES) header.push(`${rc}_used`, `${rc}_capacity`, `${rc}_utilisation`, `${rc}_stranded`);
  const lines = [header.join(",")];
  const sorted = [...rows].sort((a, b) => a.timeMs - b.timeMs || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0));
  for (const r of sorted) {
    const cells: Array<string | number> = [r.timeMs, r.zone, r.serversAlive ?? ""];
    for (const rc of RESOURCE_CLASSES) {
      const used = r.used[rc] ?? 0;
      const cap = r.capacity[rc] ?? 0;
      cells.push(num(used), num(cap), num(cap > 0 ? used / cap : 0), num(r.stranded[rc] ?? 0));
    }
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

const num = (x: number): string => formatNumber(x, 6);
