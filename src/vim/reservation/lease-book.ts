/**
 * What the compute, storage and network reservation services share: the leases by id and in creation
 * order, the lookups of Query, the status guard of Update and Terminate (NOT_FOUND, WRONG_STATE), and
 * the times of an Update (the change over the lease's own, validated as an ACTIVE lease's when it is).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { reservationTransition, type ReservationStatus } from "./reservation-machine.js";
import { validateTimes, type ReservationTimes } from "./reservation.js";

/** The fields every lease record has. */
export interface Lease {
  readonly reservationId: string;
  readonly tenantId: string;
  status: ReservationStatus;
  times: ReservationTimes;
}

/** A change of a lease's times (absent: unchanged). */
export interface TimesChange {
  readonly startMs?: number;
  readonly endMs?: number;
  readonly expiryMs?: number;
  readonly beforeEndLeadMs?: number;
}

export class LeaseBook<R extends Lease> {
  private readonly byId = new Map<string, R>();
  /** Leases in creation order. */
  readonly order: R[] = [];

  has(reservationId: string): boolean {
    return this.byId.has(reservationId);
  }

  get(reservationId: string): R | undefined {
    return this.byId.get(reservationId);
  }

  add(record: R): void {
    this.byId.set(record.reservationId, record);
    this.order.push(record);
  }

  /** Query: the leases matching the filter, in creation order. */
  query(filter: { readonly reservationId?: string; readonly tenantId?: string } = {}): R[] {
    return this.order.filter((r) => (filter.reservationId === undefined || r.reservationId === filter.reservationId) && (filter.tenantId === undefined || r.tenantId === filter.tenantId));
  }

  /** The lease `reservationId` if its status allows `op`: NOT_FOUND or WRONG_STATE otherwise. */
  forOp(reservationId: string, op: "update" | "terminate"): Result<R> {
    const r = this.byId.get(reservationId);
    if (r === undefined) return fail(domainError("NOT_FOUND", `reservation ${reservationId} does not exist`));
    if (reservationTransition(r.status, op) !== undefined) return ok(r);
    const why = op === "terminate" ? "is already deleted" : `cannot be updated in status ${r.status.ifa}`;
    return fail(domainError("WRONG_STATE", `reservation ${reservationId} ${why}`));
  }
}

/** The times an Update asks for: the change over the lease's times, checked against `nowMs`. */
export function updatedTimes(r: Lease, change: TimesChange, nowMs: number): Result<ReservationTimes> {
  const endMs = change.endMs ?? (Number.isFinite(r.times.endMs) ? r.times.endMs : undefined);
  const merged = { startMs: change.startMs ?? r.times.startMs, endMs, expiryMs: change.expiryMs ?? r.times.expiryMs, beforeEndLeadMs: change.beforeEndLeadMs ?? r.times.beforeEndLeadMs };
  return r.status.lease === "ACTIVE" ? validateActiveTimes(merged, r.times, nowMs) : validateTimes(merged, nowMs);
}

/** An ACTIVE reservation's new end and expiry: the end after now, the expiry inside the window. */
export function validateActiveTimes(merged: { endMs: number | undefined; expiryMs: number | undefined; beforeEndLeadMs: number }, current: ReservationTimes, nowMs: number): Result<ReservationTimes> {
  const endMs = merged.endMs ?? Number.POSITIVE_INFINITY;
  if (!(endMs > nowMs)) return fail(domainError("INVALID_ARGUMENT", `endTime ${endMs} is not after now (${nowMs})`));
  const r = validateTimes({ startMs: nowMs, endMs: merged.endMs, beforeEndLeadMs: merged.beforeEndLeadMs }, nowMs);
  if (!r.ok) return r;
  const expiryMs = merged.expiryMs;
  if (expiryMs !== undefined && (expiryMs <= nowMs || expiryMs >= endMs)) return fail(domainError("INVALID_ARGUMENT", `expiryTime ${expiryMs} is not inside (${nowMs}, ${endMs})`));
  return ok({ startMs: current.startMs, endMs, expiryMs, beforeEndLeadMs: merged.beforeEndLeadMs });
}
