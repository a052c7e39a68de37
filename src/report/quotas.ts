/**
 * The quota view of a run's report (report.md and report.html share it): each limited tenant's
 * compute quota against its use — the limits in force at the end, the peak and final usage, the
 * peak's share of each limit, and when the tenant first ran out (the time to exhaustion) with the
 * number of requests and scale-ups its quota refused. Rows are sorted by tenant.
 */
import type { RunSummary } from "../scenario/index.js";
import { mdRow } from "./markdown-text.js";

export const QUOTA_HEADERS = ["tenant", "item", "limit", "peak", "at end", "peak / limit", "refused", "first refused at (h)"] as const;

const limitText = (n: number): string => (n === -1 ? "unlimited" : String(n));
const shareText = (x: number | null): string => (x === null ? "-" : `${(x * 100).toFixed(1)} %`);

/** One row per tenant and item (instances, cores, RAM MB); refusals on the tenant's first row. */
export function quotaRows(s: RunSummary): Array<Array<string | number>> {
  const q = s.quotas;
  if (q === undefined) return [];
  const rows: Array<Array<string | number>> = [];
  for (const tenant of Object.keys(q).sort()) {
    const t = q[tenant]!;
    (["instances", "cores", "ram"] as const).forEach((item, i) => {
      const first = i === 0;
      const exhausted = t.firstRefusalMs === null ? "never" : (t.firstRefusalMs / 3_600_000).toFixed(2);
      rows.push([first ? tenant : "", item === "ram" ? "ram (MB)" : item, limitText(t.limits[item]), t.peak[item], t.end[item], shareText(t.peakShareOfLimit[item]), first ? t.refusals : "", first ? exhausted : ""]);
    });
  }
  return rows;
}

export function quotaMarkdown(s: RunSummary): string[] {
  const rows = quotaRows(s);
  if (rows.length === 0) return [];
  return [
    "",
    "## Quota usage per tenant",
    "",
    "Compute quotas against use; \"first refused at\" is when the tenant ran out (the time to exhaustion).",
    "",
    `| ${QUOTA_HEADERS.join(" | ")} |`,
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map(mdRow),
  ];
}
