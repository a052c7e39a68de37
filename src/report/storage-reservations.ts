/** The storage reservations section of report.md and report.html: counts and each lease at the end. */
import type { RunSummary } from "../scenario/index.js";
import { mdRow } from "./markdown-text.js";

type StorageReservations = NonNullable<RunSummary["storageReservations"]>;

const sum = (m: Readonly<Record<string, number>>): number => Object.values(m).reduce((a, b) => a + b, 0);

export const STORAGE_COUNT_HEADERS = ["admitted", "refused", "volumes bound", "volumes refused", "expired", "ended", "terminated", "volumes deleted", "volumes kept"] as const;
export const STORAGE_LEASE_HEADERS = ["lease", "tenant", "zone", "GB", "status", "used", "volumes bound"] as const;

/** The count headers: before-end warnings only when some lease asked for them (older reports stay as they were). */
export function storageCountHeaders(r: StorageReservations): string[] {
  return [...STORAGE_COUNT_HEADERS, ...(r.counts.beforeEndWarnings === undefined ? [] : ["before-end warnings"])];
}

export function storageCountRow(r: StorageReservations): number[] {
  const c = r.counts;
  const warnings = c.beforeEndWarnings === undefined ? [] : [c.beforeEndWarnings];
  return [c.admitted, sum(c.refusedByKind), c.volumesBound, sum(c.consumptionRefusedByKind), c.expired, c.ended, c.terminated, c.reclaimedDeleted, c.reclaimedKept, ...warnings];
}

export function storageLeaseRows(r: StorageReservations): Array<Array<string | number>> {
  return r.leases.map((l) => [l.id, l.tenant, l.zone, l.gigabytes, l.status, l.used ? "yes" : "no", l.volumesBound]);
}

/** The report.md section (empty when the run had no storage reservations). */
export function storageReservationMarkdown(s: RunSummary): string[] {
  const r = s.storageReservations;
  if (r === undefined) return [];
  const table = (headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, align: string[]) => [`| ${headers.join(" | ")} |`, `|${align.join("|")}|`, ...rows.map(mdRow), ""];
  return [
    "",
    "## Storage reservations",
    "",
    ...table(storageCountHeaders(r), [storageCountRow(r)], storageCountHeaders(r).map(() => "---:")),
    ...table(STORAGE_LEASE_HEADERS, storageLeaseRows(r), ["---", "---", "---", "---:", "---", "---", "---:"]),
  ];
}
