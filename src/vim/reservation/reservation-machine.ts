/**
 * Reservation life cycle as explicit tables (rule 10), after Blazar's `status.py` (ifa-digest §4.7):
 * one IFA reservation is one Blazar lease holding one reservation, with its three events
 * (start_lease, before_end_lease, end_lease). Three tables:
 *   - LEASE_EDGES: the legal lease status edges, stable and transitional, exactly Blazar's;
 *   - the allowed combinations of lease status with reservation status and start/end event status;
 *   - RESERVATION_OPS: each twin operation as a pure step from one stable lease status to the next,
 *     passing through Blazar's transitional statuses (all inside one simulated step, because the
 *     twin's handlers complete at once).
 * The IFA `reservationStatus` shown to consumers (§1.10 design: PENDING, ACTIVE, EXPIRED,
 * TERMINATED, CANCELLED, ERROR) is derived from the operation that ended a lease.
 *
 * A terminated-by-consumer lease (TerminateComputeResourceReservation = Blazar delete) goes through
 * DELETING; Blazar then drops the row. The twin keeps it for queries with the pseudo status DELETED,
 * which no edge leaves.
 */
export const LEASE_STATUSES = ["CREATING", "PENDING", "STARTING", "ACTIVE", "UPDATING", "TERMINATING", "TERMINATED", "DELETING", "ERROR", "DELETED"] as const;
export type LeaseStatus = (typeof LEASE_STATUSES)[number];
export type BlazarReservationStatus = "pending" | "active" | "deleted" | "error";
export type EventStatus = "UNDONE" | "IN_PROGRESS" | "DONE" | "ERROR";
export type IfaReservationStatus = "PENDING" | "ACTIVE" | "EXPIRED" | "TERMINATED" | "CANCELLED" | "ERROR";

const STABLE: readonly LeaseStatus[] = ["PENDING", "ACTIVE", "TERMINATED", "ERROR"];

/** Blazar's lease edges (status.py LeaseStatus), plus DELETING → DELETED (the row is gone). */
export const LEASE_EDGES: Readonly<Record<LeaseStatus, readonly LeaseStatus[]>> = {
  CREATING: ["PENDING", "DELETING"],
  PENDING: ["STARTING", "UPDATING", "DELETING"],
  STARTING: ["ACTIVE", "ERROR", "DELETING"],
  ACTIVE: ["TERMINATING", "UPDATING", "DELETING"],
  UPDATING: [...STABLE, "DELETING"],
  TERMINATING: ["TERMINATED", "ERROR", "DELETING"],
  TERMINATED: ["UPDATING", "DELETING"],
  DELETING: ["ERROR", "DELETED"],
  ERROR: ["TERMINATING", "UPDATING", "DELETING"],
  DELETED: [],
};

/** The reservation's whole status: the lease, its one reservation, its events, and the IFA view. */
export interface ReservationStatus {
  readonly lease: LeaseStatus;
  readonly reservation: BlazarReservationStatus;
  readonly startEvent: EventStatus;
  readonly endEvent: EventStatus;
  readonly beforeEndEvent: EventStatus;
  readonly ifa: IfaReservationStatus;
}

export const INITIAL_STATUS: ReservationStatus = { lease: "PENDING", reservation: "pending", startEvent: "UNDONE", endEvent: "UNDONE", beforeEndEvent: "UNDONE", ifa: "PENDING" };

/** Blazar's allowed combinations: lease status ⇒ reservation statuses / start event / end event. */
const ALLOWED: Readonly<Partial<Record<LeaseStatus, readonly [readonly BlazarReservationStatus[], readonly EventStatus[], readonly EventStatus[]]>>> = {
  CREATING: [["pending"], ["UNDONE"], ["UNDONE"]],
  PENDING: [["pending"], ["UNDONE"], ["UNDONE"]],
  STARTING: [["pending", "active", "error"], ["IN_PROGRESS"], ["UNDONE"]],
  ACTIVE: [["active"], ["DONE"], ["UNDONE"]],
  TERMINATING: [["active", "deleted", "error"], ["DONE", "ERROR"], ["IN_PROGRESS"]],
  TERMINATED: [["deleted"], ["DONE"], ["DONE"]],
  ERROR: [["error"], ["DONE", "ERROR"], ["UNDONE", "ERROR"]],
};

/** INV-C6: does this status respect Blazar's combination table? (UPDATING, DELETING, DELETED: any.) */
export function isAllowedCombination(s: ReservationStatus): boolean {
  const row = ALLOWED[s.lease];
  if (row === undefined) return true;
  return row[0].includes(s.reservation) && row[1].includes(s.startEvent) && row[2].includes(s.endEvent);
}

export const RESERVATION_OPS = ["start", "beforeEnd", "end", "expire", "update", "terminate", "fail"] as const;
export type ReservationOp = (typeof RESERVATION_OPS)[number];

/** One step: the statuses passed through (transitional first, the new stable status last) and the result. */
export interface ReservationTransition {
  readonly path: readonly LeaseStatus[];
  readonly next: ReservationStatus;
}

const ended = (s: ReservationStatus, ifa: IfaReservationStatus): ReservationStatus => ({ ...s, lease: "TERMINATED", reservation: "deleted", endEvent: "DONE", ifa });

/**
 * The pure step of `op` from `s`, or undefined when the op is illegal there (WRONG_STATE; nothing
 * changes). Expiry and end are the same Blazar path (the lease ends early when unused); terminate is
 * Blazar's delete, legal from every status but DELETED.
 */
export function reservationTransition(s: ReservationStatus, op: ReservationOp): ReservationTransition | undefined {
  switch (op) {
    case "start":
      return s.lease === "PENDING" ? { path: ["STARTING", "ACTIVE"], next: { ...s, lease: "ACTIVE", reservation: "active", startEvent: "DONE", ifa: "ACTIVE" } } : undefined;
    case "beforeEnd":
      return s.lease === "ACTIVE" && s.beforeEndEvent === "UNDONE" ? { path: [], next: { ...s, beforeEndEvent: "DONE" } } : undefined;
    case "end":
      return s.lease === "ACTIVE" ? { path: ["TERMINATING", "TERMINATED"], next: ended(s, "TERMINATED") } : undefined;
    case "expire":
      return s.lease === "ACTIVE" ? { path: ["TERMINATING", "TERMINATED"], next: ended(s, "EXPIRED") } : undefined;
    case "update":
      return s.lease === "PENDING" || s.lease === "ACTIVE" ? { path: ["UPDATING", s.lease], next: s } : undefined;
    case "terminate":
      return s.lease === "DELETED" ? undefined : { path: ["DELETING", "DELETED"], next: { ...s, lease: "DELETED", reservation: "deleted", ifa: s.lease === "TERMINATED" ? s.ifa : "CANCELLED" } };
    case "fail":
      return s.lease === "PENDING" ? { path: ["STARTING", "ERROR"], next: { ...s, lease: "ERROR", reservation: "error", startEvent: "ERROR", ifa: "ERROR" } } : undefined;
  }
}

/** Does the lease hold capacity in this status (it counts in admission and in the holds)? */
export const holdsCapacity = (s: ReservationStatus): boolean => s.lease === "PENDING" || s.lease === "ACTIVE";
