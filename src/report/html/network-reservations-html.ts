/** The Network reservations section of report.html: counts and each lease at the end of the run. */
import type { RunSummary } from "../../scenario/index.js";
import { NETWORK_COUNT_HEADERS, NETWORK_LEASE_HEADERS, networkCountRow, networkLeaseRows } from "../network-reservations.js";
import { htmlTable, section } from "./fragments.js";

/** The section, or nothing when the run had no network reservations. */
export function networkReservationsSection(s: RunSummary): string[] {
  const r = s.networkReservations;
  if (r === undefined) return [];
  return [section("Network reservations", htmlTable([...NETWORK_COUNT_HEADERS], [networkCountRow(r)]), htmlTable([...NETWORK_LEASE_HEADERS], networkLeaseRows(r)))];
}
