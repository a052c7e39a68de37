/** The network reservations section of report.md and report.html: counts and each lease at the end. */
import type { RunSummary } from "../scenario/index.js";
import { mdRow } from "./markdown-text.js";

type NetworkReservations = NonNullable<RunSummary["networkReservations"]>;

const sum = (m: Readonly<Record<string, number>>): number => Object.values(m).reduce((a, b) => a + b, 0);

export const NETWORK_COUNT_HEADERS = ["admitted", "refused", "public IPs bound", "ports bound", "segments bound", "allocations refused", "expired", "ended", "terminated", "deleted", "kept", "before-end warnings"] as const;
export const NETWORK_LEASE_HEADERS = ["lease", "tenant", "public IPs", "ports", "network", "segments", "status", "used", "bound at end"] as const;

export function networkCountRow(r: NetworkReservations): number[] {
  const c = r.counts;
  return [c.admitted, sum(c.refusedByKind), c.publicIpsBound, c.portsBound, c.segmentsBound, sum(c.consumptionRefusedByKind), c.expired, c.ended, c.terminated, c.reclaimedDeleted, c.reclaimedKept, c.beforeEndWarnings];
}

export function networkLeaseRows(r: NetworkReservations): Array<Array<string | number>> {
  return r.leases.map((l) => [l.id, l.tenant, l.publicIps, l.ports, l.network ?? "-", l.segments === 0 ? 0 : `${l.segments} ${l.segmentType}`, l.status, l.used ? "yes" : "no", l.boundAtEnd]);
}

/** The report.md section (empty when the run had no network reservations). */
export function networkReservationMarkdown(s: RunSummary): string[] {
  const r = s.networkReservations;
  if (r === undefined) return [];
  const table = (headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, align: string[]) => [`| ${headers.join(" | ")} |`, `|${align.join("|")}|`, ...rows.map(mdRow), ""];
  return [
    "",
    "## Network reservations",
    "",
    ...table(NETWORK_COUNT_HEADERS, [networkCountRow(r)], NETWORK_COUNT_HEADERS.map(() => "---:")),
    ...table(NETWORK_LEASE_HEADERS, networkLeaseRows(r), ["---", "---", "---:", "---:", "---", "---:", "---", "---", "---:"]),
  ];
}
