/** report.md's stranded-capacity table: free units no flavour of the mix can use, per zone and class. */
import type { RunSummary } from "../scenario/index.js";
import { percent as pct } from "./number-format.js";

/** Rows for every zone and class (accelerator types in handles) that had stranded units; a line when none had. */
export function fragmentationMarkdown(s: RunSummary): string[] {
  const rows: string[] = [];
  for (const zone of Object.keys(s.fragmentation).sort()) {
    const byClass = s.fragmentation[zone]!.byClass;
    for (const name of Object.keys(byClass).sort()) {
      const f = byClass[name]!;
      if (f.meanStranded === 0 && f.lastStranded === 0) continue;
      rows.push(`| ${zone} | ${name} | ${f.meanStranded.toFixed(1)} | ${pct(f.meanStrandedShareOfFree)} | ${f.lastStranded} |`);
    }
  }
  const title = ["", "## Stranded capacity (free on usable hosts where no flavour of the mix fits; time-weighted)", ""];
  if (rows.length === 0) return [...title, "No capacity of any class or accelerator type was stranded."];
  return [...title, "| zone | class | mean stranded | share of free | at end |", "|---|---|---:|---:|---:|", ...rows];
}
