/** The Storage reservations section of report.html: counts and each lease at the end of the run. */
import type { RunSummary } from "../../scenario/index.js";
import { STORAGE_LEASE_HEADERS, storageCountHeaders, storageCountRow, storageLeaseRows } from "../storage-reservations.js";
import { htmlTable, section } from "./fragments.js";

/** The section, or nothing when the run had no storage reservations. */
export function storageReservationsSection(s: RunSummary): string[] {
  const r = s.storageReservations;
  if (r === undefined) return [];
  return [section("Storage reservations", htmlTable(storageCountHeaders(r), [storageCountRow(r)]), htmlTable([...STORAGE_LEASE_HEADERS], storageLeaseRows(r)))];
}
