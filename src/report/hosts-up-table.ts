/**
 * The k-of-n table of report.md (issue 16, item 8): per failure domain, the share of the run with all
 * hosts up, with at least n−1 and n−2 up, and the fewest hosts ever up. The site and every zone; racks
 * only when they lost a host (a rack that never did reads 100 % everywhere). summary.json has every k.
 */
import type { RunResult } from "../scenario/index.js";
import type { ReportTable } from "./report-table.js";

const pct = (x: number | undefined): string => (x === undefined ? "—" : `${(x * 100).toFixed(4)} %`);

/** The table, or undefined when the run has no availability section. */
export function hostsUpTable(s: RunResult["summary"]): ReportTable | undefined {
  const up = s.availability?.hostsUp;
  if (up === undefined) return undefined;
  const zones = Object.keys(up).filter((id) => id !== "all" && !id.includes("/")).sort();
  const racks = Object.keys(up).filter((id) => id.includes("/") && up[id]!.minUp < up[id]!.hosts).sort();
  const rows = ["all", ...zones, ...racks].flatMap((id) => {
    const d = up[id];
    if (d === undefined) return [];
    const share = (k: number) => (k < 0 ? undefined : d.atLeast[String(k)]);
    return [[id === "all" ? "site" : id, d.hosts, pct(share(d.hosts)), pct(share(d.hosts - 1)), pct(share(d.hosts - 2)), d.minUp]];
  });
  return { title: "Hosts up (k of n): site, zones, racks that lost a host", headers: ["domain", "hosts", "all up", "≥ n−1 up", "≥ n−2 up", "fewest up"], rows };
}
