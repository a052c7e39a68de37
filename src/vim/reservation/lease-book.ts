/**
 * What the compute, storage and network reservation services share: the leases by id and in creation
 * order, the lookups of Query, the status guard of Update and Terminate (NOT_FOUND, WRONG_STATE), and
 * the times of an Update (the change over the lease's own, validated as an ACTIVE lease's when it is).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { ChangeLog } from "../common/change-log.js";
import { cancelLease, scheduleLease, type LeaseLike, type LeaseSteps } from "./lease-events.js";
import type { ReservationStats } from "./reservation-stats.js";
import { holdsCapacity, reservationTransition, type ReservationStatus } from "./reservation-machine.js";
import { validateTimes, type ReclaimPolicy, type ReservationTimes } from "./reservation.js";

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

/** What Create and Update need of a lease service (storage, network) besides its admission. */
export interface LeaseBookkeeping<R extends Lease & LeaseLike, A> {
  readonly sim: Simulation;
  readonly leases: LeaseBook<R>;
  readonly stats: ReservationStats;
  readonly changes: ChangeLog;
  readonly steps: LeaseSteps<R>;
  /** Books an admitted lease's amounts over its window. */
  book(record: R, admitted: A): void;
  /** The lease as a log record and notification show it. */
  view(record: R): unknown;
}

/**
 * Create once admission has answered: a refusal is counted and logged; an admitted lease is entered,
 * booked, counted, logged and its start, end and expiry scheduled.
 */
export function enterLease<R extends Lease & LeaseLike, A>(c: LeaseBookkeeping<R, A>, req: { readonly reservationId?: string; readonly tenantId: string }, admission: Result<{ readonly record: R; readonly admitted: A }>): Result<R> {
  if (!admission.ok) {
    const e = admission.error;
    c.stats.refused(e.kind);
    c.changes.write("reservation", req.reservationId ?? "(refused)", "create.refused", null, () => ({ tenantId: req.tenantId, kind: e.kind, message: e.message }));
    return admission;
  }
  const { record, admitted } = admission.value;
  c.leases.add(record);
  c.book(record, admitted);
  c.stats.admitted();
  c.changes.write("reservation", record.reservationId, "create", null, () => c.view(record));
  scheduleLease(c.sim, record, c.steps);
  return ok(record);
}

/** A status-only edge (start, before-end) of a storage or network lease: its record and notification; false when illegal now. */
export function leaseStep<R extends Lease & LeaseLike, A>(c: LeaseBookkeeping<R, A>, r: R, op: "start" | "beforeEnd"): boolean {
  const t = reservationTransition(r.status, op);
  if (t === undefined) return false;
  const before = c.changes.snapshot(() => c.view(r));
  r.status = t.next;
  if (op === "beforeEnd") c.stats.warned();
  c.changes.write("reservation", r.reservationId, op, before, () => c.view(r));
  return true;
}

/** The edges that end a lease: its end, its expiry unused (INV-C4), Terminate. */
export type FinishOp = "end" | "expire" | "terminate";

/** What ending a lease does to the resources it holds and the ones bound to it. */
export interface LeaseRelease<R> {
  /** Gives back the capacity the lease booked (called only while it still holds capacity). */
  unbook(record: R): void;
  /** The ids of the resources bound to the lease, in the order they are reclaimed. */
  boundInOrder(record: R): string[];
  unbind(record: R, id: string): void;
  /** Deletes one bound resource (reclaim "delete"); an error when it is already gone. */
  remove(id: string): Result<void>;
}

/**
 * End, expiry or Terminate of a storage or network lease: unbook, then each bound resource unbound
 * and deleted or kept by the reclaim policy (INV-C5, C9), the change logged with its `before`.
 */
export function finishLease<R extends Lease & LeaseLike & { readonly reclaim: ReclaimPolicy }, A>(c: LeaseBookkeeping<R, A>, r: R, op: FinishOp, release: LeaseRelease<R>): void {
  const t = reservationTransition(r.status, op);
  if (t === undefined) return;
  const before = c.changes.snapshot(() => c.view(r));
  if (holdsCapacity(r.status)) release.unbook(r);
  r.status = t.next;
  c.stats.finished(op);
  for (const id of release.boundInOrder(r)) {
    // Unbound first: the resource is ordinary usage from here on, whether it is then deleted or kept.
    release.unbind(r, id);
    if (r.reclaim === "keep") c.stats.reclaimed("keep");
    else if (release.remove(id).ok) c.stats.reclaimed("delete");
  }
  c.changes.write("reservation", r.reservationId, op, before, () => c.view(r));
}

/**
 * Update once the new window and amounts are admitted (and the lease's fields set): the new amounts
 * booked, its events rescheduled, the change logged with its `before`.
 */
export function rebookLease<R extends Lease & LeaseLike, A>(c: LeaseBookkeeping<R, A>, r: R, admitted: A, before: unknown): Result<R> {
  c.book(r, admitted);
  cancelLease(c.sim, r);
  scheduleLease(c.sim, r, c.steps);
  c.changes.write("reservation", r.reservationId, "update", before, () => c.view(r));
  return ok(r);
}

/**
 * The times an Update asks for: the change over the lease's times, checked against `nowMs`. An ACTIVE
 * lease keeps its start (WRONG_STATE when the change names one).
 */
export function updatedTimes(r: Lease, change: TimesChange, nowMs: number): Result<ReservationTimes> {
  if (r.status.lease === "ACTIVE" && change.startMs !== undefined) return fail(domainError("WRONG_STATE", `reservation ${r.reservationId} is ACTIVE: its startTime cannot change`));
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
