/**
 * A storage resource reservation (IFA 005 §1.10 CreateStorageResourceReservation,
 * StoragePoolReservation{storageSize, numVolumes}): GB of one zone's volume backend for a window,
 * optionally bounding how many volumes may draw from it. Its validation (bad input is
 * INVALID_ARGUMENT), the record the service keeps, and its IFA view (ReservedVirtualStorage).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { leaseView, type ReclaimPolicy, type ReservationRequest, type ReservationTimes } from "./reservation.js";
import type { ReservationStatus } from "./reservation-machine.js";

export interface StoragePoolRequest {
  /** IFA storageSize, GB. */
  readonly storageSizeGb: number;
  /** IFA numVolumes: at most this many volumes draw from it (absent: any number). */
  readonly numVolumes?: number;
}

/** CreateStorageResourceReservation's input. */
export interface StorageReservationRequest extends Pick<ReservationRequest, "reservationId" | "tenantId" | "startMs" | "endMs" | "expiryMs" | "beforeEndLeadMs" | "reclaim"> {
  /** The zone whose backend is reserved. */
  readonly zoneId: string;
  readonly storagePool: StoragePoolRequest;
}

/** UpdateStorageResourceReservation's change (absent: unchanged). */
export type StorageReservationUpdate = Partial<Pick<StorageReservationRequest, "startMs" | "endMs" | "expiryMs" | "beforeEndLeadMs" | "storagePool">>;

export interface StorageReservationRecord {
  readonly reservationId: string;
  readonly tenantId: string;
  readonly zoneId: string;
  readonly reclaim: ReclaimPolicy;
  readonly createdAtMs: number;
  times: ReservationTimes;
  storagePool: StoragePoolRequest;
  status: ReservationStatus;
  /** Bound volume id → the GB it draws, in binding order. */
  readonly bound: Map<string, number>;
  /** GB drawn by the bound volumes. */
  boundGb: number;
  /** Volumes that ever drew from it (numVolumes bounds this, a deleted one does not give its turn back). */
  volumesBound: number;
  used: boolean;
  handles: number[];
}

/** INVALID_ARGUMENT unless the size is a positive integer and the volume count, if any, too. */
export function validateStoragePool(p: StoragePoolRequest): Result<StoragePoolRequest> {
  if (!Number.isSafeInteger(p.storageSizeGb) || p.storageSizeGb < 1) return fail(domainError("INVALID_ARGUMENT", `storageSize ${p.storageSizeGb} GB is not a positive integer`));
  if (p.numVolumes !== undefined && (!Number.isSafeInteger(p.numVolumes) || p.numVolumes < 1)) return fail(domainError("INVALID_ARGUMENT", `numVolumes ${p.numVolumes} is not a positive integer`));
  return ok(p);
}


/** IFA ReservedVirtualStorage (with Blazar's statuses), for queries, log records and notifications. */
export function storageReservationView(r: StorageReservationRecord): Record<string, unknown> {
  return {
    // The before-end event shows only on leases that asked for the warning (older outputs stay as they were).
    ...leaseView(r, r.times.beforeEndLeadMs > 0),
    storagePoolReserved: { storageSize: r.storagePool.storageSizeGb, numVolumes: r.storagePool.numVolumes ?? null, zoneId: r.zoneId },
    boundGb: r.boundGb,
    boundStorageIds: [...r.bound.keys()].sort(),
  };
}
