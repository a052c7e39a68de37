/**
 * The reservation views of a run's report (report.md and report.html share them): counts of leases
 * admitted, refused, expired, ended, terminated and servers reclaimed; each lease's final status;
 * occupancy over time (reserved vs consumed vCPUs of the active leases); and the rejected requests
 * split by reason: capacity (NO_VALID_HOST), quota (QUOTA_EXCEEDED) and reservation (what a
 * reservation refused: unknown, not active, used up). Rows are sorted; nothing depends on timing.
 */
import type { RunSummary } from "../scenario/index.js";
import { mdRow } from "./markdown-text.js";

type Reservations = NonNullable<RunSummary["reservations"]>;

const sum = (m: Readonly<Record<string, number>>): number => Object.values(m).reduce((a, b) => a + b, 0);
const sortedKinds = (m: Readonly<Record<string, number>>): string =>
  Object.keys(m)
    .sort()
    .map((k) => `${k} ${m[k]}`)
    .join(", ");

/** Rejected requests (all, warm-up included for reservation refusals) by reason family. */
export function rejectionSplit(s: RunSummary): { readonly capacity: number; readonly quota: number; readonly reservation: number } {
  const byKind = s.requests.rejectedByKind;
  return { capacity: byKind["NO_VALID_HOST"] ?? 0, quota: byKind["QUOTA_EXCEEDED"] ?? 0, reservation: s.reservations === undefined ? 0 : sum(s.reservations.counts.consumptionRefusedByKind) };
}

export const RESERVATION_COUNT_HEADERS = ["admitted", "refused", "servers bound", "consumption refused", "expired", "ended", "terminated", "reclaimed (deleted)", "reclaimed (kept)", "before-end warnings"] as const;

export function reservationCountRow(r: Reservations): Array<string | number> {
  const c = r.counts;
  return [c.admitted, sortedKinds(c.refusedByKind) || "0", c.serversBound, sortedKinds(c.consumptionRefusedByKind) || "0", c.expired, c.ended, c.terminated, c.reclaimedDeleted, c.reclaimedKept, c.beforeEndWarnings];
}

export const LEASE_HEADERS = ["reservation", "tenant", "status", "lease", "used", "bound at end"] as const;

export function leaseRows(r: Reservations): Array<Array<string | number>> {
  return r.leases.map((l) => [l.id, l.tenant, l.status, l.lease, l.used ? "yes" : "no", l.boundAtEnd]);
}

/** Occupancy rows where something changed (the first, every change, and the last sample). */
export function occupancyChanges(r: Reservations): Reservations["occupancy"] {
  const o = r.occupancy;
  return o.filter((x, i) => i === 0 || i === o.length - 1 || x.active !== o[i - 1]!.active || x.reservedVcpu !== o[i - 1]!.reservedVcpu || x.boundVcpu !== o[i - 1]!.boundVcpu);
}

/** The report.md section (empty when the run had no reservations). */
export function reservationMarkdown(s: RunSummary): string[] {
  const r = s.reservations;
  if (r === undefined) return [];
  const split = rejectionSplit(s);
  const lines = ["", "## Reservations", "", `| ${RESERVATION_COUNT_HEADERS.join(" | ")} |`, `|${RESERVATION_COUNT_HEADERS.map(() => "---:").join("|")}|`, mdRow(reservationCountRow(r)), ""];
  lines.push(`| ${LEASE_HEADERS.join(" | ")} |`, "|---|---|---|---|---|---:|", ...leaseRows(r).map(mdRow), "");
  lines.push("### Rejected requests by reason", "", "| capacity | quota | reservation |", "|---:|---:|---:|", `| ${split.capacity} | ${split.quota} | ${split.reservation} |`, "");
  lines.push("### Occupancy over time (active leases; samples where it changed)", "", "| time (h) | active | reserved vCPU | consumed vCPU | reserved RAM (MB) | consumed RAM (MB) |", "|---:|---:|---:|---:|---:|---:|");
  for (const o of occupancyChanges(r)) lines.push(`| ${(o.timeMs / 3_600_000).toFixed(2)} | ${o.active} | ${o.reservedVcpu} | ${o.boundVcpu} | ${o.reservedMemoryMb} | ${o.boundMemoryMb} |`);
  if (r.forecast !== undefined) {
    lines.push("", "### Capacity forecast (least available in each period, reservations booked)", "", `| ${FORECAST_HEADERS.join(" | ")} |`, "|---:|---:|---|---:|---:|---:|---:|");
    for (const row of forecastRows(r)) lines.push(mdRow(row));
  }
  return lines;
}

export const FORECAST_HEADERS = ["from (h)", "to (h)", "class", "total", "reserved", "allocated", "available (min)"] as const;

export function forecastRows(r: Reservations): Array<Array<string | number>> {
  const h = (t: number): string => (t / 3_600_000).toFixed(1);
  return (r.forecast ?? []).map((f) => [h(f.fromMs), h(f.toMs), f.resourceClass, f.totalCapacity, f.reservedCapacity, f.allocatedCapacity, f.availableCapacity]);
}
