/**
 * Admission of a storage reservation (INV-C1), a pure function of the state: for every instant t of
 * the window [start, end) of zone z,
 *   ordinary(z) + committed(z, t) + new ≤ capacity(z)
 * where ordinary is the GB of volumes no reservation backs now (they have no end time in the twin, so
 * they count at every t) and committed is every other storage reservation active at t (the
 * commitment index, one "host" per zone and a vector of width 1: GB). The same index answers the GB
 * held from now on, which ordinary volumes must leave free (INV-C2).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { CommitmentIndex } from "./commitment-index.js";

/** What storage admission reads of one zone. */
export interface StorageAdmissionView {
  readonly index: CommitmentIndex;
  /** Zone → its position in the index, undefined for a zone without a backend. */
  zoneNo(zoneId: string): number | undefined;
  capacityGb(zoneId: string): number;
  /** GB of the zone's volumes that no reservation backs. */
  ordinaryGb(zoneId: string): number;
}

/** The most GB committed in `zoneId` at any instant of [fromMs, toMs). */
export function maxCommittedGb(view: StorageAdmissionView, zoneNo: number, fromMs: number, toMs: number): number {
  return view.index.maxOver(zoneNo, fromMs, toMs, new Float64Array(1))[0]!;
}

/** An admitted storage reservation: its zone's number and the most committed over its window before it. */
export interface AdmittedStorage {
  readonly zoneNo: number;
  readonly windowMaxGb: number;
}

/** NOT_FOUND for a zone without a backend, INVALID_ARGUMENT for more than the backend, NO_VALID_HOST when the window has no room. */
export function admitStorage(view: StorageAdmissionView, zoneId: string, fromMs: number, toMs: number, sizeGb: number): Result<AdmittedStorage> {
  const zoneNo = view.zoneNo(zoneId);
  if (zoneNo === undefined) return fail(domainError("NOT_FOUND", `storage zone ${zoneId} does not exist`));
  const capacityGb = view.capacityGb(zoneId);
  if (sizeGb > capacityGb) return fail(domainError("INVALID_ARGUMENT", `the reservation asks ${sizeGb} GB, more than the ${capacityGb} GB of zone ${zoneId}'s backend`));
  const windowMaxGb = maxCommittedGb(view, zoneNo, fromMs, toMs);
  const roomGb = capacityGb - view.ordinaryGb(zoneId) - windowMaxGb;
  if (sizeGb <= roomGb) return ok({ zoneNo, windowMaxGb });
  return fail(domainError("NO_VALID_HOST", `zone ${zoneId}'s backend has ${Math.max(0, roomGb)} GB free over [${fromMs}, ${toMs}), ${sizeGb} GB asked`, { "insufficient storage over the window": 1 }));
}
