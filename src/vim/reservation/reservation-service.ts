/**
 * IFA 005 reservation management over the kernel (Create / Query / Update / Terminate compute
 * resource reservations), realised as Blazar leases:
 *   - Create admits the reservation over its whole window (admission.ts, INV-C1), books it in the
 *     commitment index and resizes the holds of its hosts (reservation-booking.ts, INV-C2), holds its
 *     accelerator handles (reservation-handles.ts, INV-F7) and schedules its start, before-end, end
 *     and expiry events (lease-events.ts);
 *   - a bound allocation (`allocateBound`, bound-servers.ts) draws from the reservation only while it
 *     is ACTIVE, for its own tenant, and up to its slots or amounts (INV-C3), on the reserved hosts;
 *   - expiry without use releases it (INV-C4); at the end, servers still bound are reclaimed by its
 *     policy: deleted like Blazar, or kept as ordinary usage (INV-C5); Terminate does the same at once
 *     (INV-C9);
 *   - events at equal times run before_end < end (and expiry) < start (INV-C7) through kernel
 *     priorities just above HIGH, so all of them precede the requests of the same millisecond; a
 *     lease's own before-end that coincides with its start runs right after the start.
 * Every change is one log record and one ReservationChangeNotification (reservation-log.ts). Status
 * changes are edges of the lease machine (reservation-machine.ts).
 */
import { domainError, fail, ok, type DomainError, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { ChangeNotifier } from "../change/change-notifier.js";
import type { AllocateComputeRequest, ComputeService } from "../compute/compute-service.js";
import type { ServerRecord } from "../compute/server.js";
import type { AccHoldBook } from "./acc-hold.js";
import { admitReservation, type Placement } from "./admission.js";
import { BoundServers } from "./bound-servers.js";
import type { CommitmentIndex } from "./commitment-index.js";
import type { HoldBook } from "./hold-book.js";
import { LeaseBook, updatedTimes } from "./lease-book.js";
import { cancelLease, scheduleLease, type LeaseSteps } from "./lease-events.js";
import { ReservationBooking } from "./reservation-booking.js";
import { ReservationHandles } from "./reservation-handles.js";
import { checkReservationInvariants } from "./reservation-invariants.js";
import { ReservationLog } from "./reservation-log.js";
import { INITIAL_STATUS, holdsCapacity, reservationTransition, type ReservationOp } from "./reservation-machine.js";
import type { ReservationRouting } from "./reservation-routing.js";
import { ReservationStats } from "./reservation-stats.js";
import { validateShape, validateTimes, type ReservationRecord, type ReservationRequest } from "./reservation.js";

export interface ReservationFilter {
  readonly reservationId?: string;
  readonly tenantId?: string;
}

/** Times and amounts Update may change (absent: unchanged). */
export type ReservationUpdate = Pick<ReservationRequest, "startMs" | "endMs" | "expiryMs" | "beforeEndLeadMs" | "pool" | "container">;

export class ReservationService {
  readonly index: CommitmentIndex;
  readonly holds: HoldBook;
  /** Accelerator handles held for reservations of device-profile flavours (INV-F7). */
  readonly accHolds: AccHoldBook;
  readonly stats = new ReservationStats();
  private readonly leases = new LeaseBook<ReservationRecord>();
  private readonly rlog: ReservationLog;
  private readonly booking: ReservationBooking;
  private readonly handles: ReservationHandles;
  private readonly bound: BoundServers;
  /** What the lease's kernel events do (lease-events.ts). */
  private readonly steps: LeaseSteps<ReservationRecord>;
  private nextNo = 1;
  /** Next-fit position per admission scope ("" for the whole VIM). */
  private readonly fitCursor = new Map<string, number>();

  constructor(
    private readonly sim: Simulation,
    private readonly nfvi: NfviState,
    compute: ComputeService,
    routing: ReservationRouting,
    log: EventLog,
    notifier: ChangeNotifier,
  ) {
    this.rlog = new ReservationLog(sim, nfvi, log, notifier);
    this.booking = new ReservationBooking(sim, nfvi, this.rlog, this.stats);
    this.handles = new ReservationHandles(nfvi, this.rlog, this.stats);
    this.bound = new BoundServers(compute, routing, notifier, this.leases, this.booking, this.handles, this.rlog, this.stats);
    this.index = this.booking.index;
    this.holds = this.booking.holds;
    this.accHolds = this.handles.accHolds;
    this.steps = { start: (r) => this.step(r, "start"), beforeEnd: (r) => this.step(r, "beforeEnd"), finish: (r, op) => this.finish(r, op) };
  }

  /** CreateComputeResourceReservation: the record, or INVALID_ARGUMENT / NOT_FOUND / CONFLICT / NO_VALID_HOST. */
  create(req: ReservationRequest): Result<ReservationRecord> {
    const r = this.admitNew(req);
    if (!r.ok) {
      this.stats.refused(r.error.kind);
      this.rlog.write("reservation", req.reservationId ?? "(refused)", "create.refused", null, () => ({ tenantId: req.tenantId, kind: r.error.kind, message: r.error.message }), req.tenantId);
      return r;
    }
    const record = r.value;
    this.leases.add(record);
    this.booking.book(record);
    this.stats.admitted();
    this.rlog.changed(record, "create", null);
    scheduleLease(this.sim, record, this.steps);
    return ok(record);
  }

  private admitNew(req: ReservationRequest): Result<ReservationRecord> {
    const id = req.reservationId ?? `resv-${this.nextNo}`;
    if (this.leases.has(id)) return fail(domainError("CONFLICT", `reservation ${id} already exists`));
    const times = validateTimes(req, this.sim.nowMs);
    if (!times.ok) return times;
    const shape = validateShape(req);
    if (!shape.ok) return shape;
    const groups = req.container?.flavour.deviceProfile?.groups;
    const acc = req.pool?.acceleration;
    const placed = admitReservation(this.booking.view, { zoneId: req.zoneId, fromMs: times.value.startMs, toMs: times.value.endMs, shape: shape.value, startAt: this.nextFit(req.zoneId), ...this.handles.slotLimit(groups), ...this.handles.poolSets(acc) });
    if (!placed.ok) return placed;
    const held = this.handles.holdFor(id, req.tenantId, groups, acc, placed.value);
    if (!held.ok) return held;
    this.advanceFit(req.zoneId, placed.value);
    if (req.reservationId === undefined) this.nextNo++;
    return ok({
      reservationId: id,
      tenantId: req.tenantId,
      zoneId: req.zoneId,
      reclaim: req.reclaim ?? "delete",
      createdAtMs: this.sim.nowMs,
      times: times.value,
      shape: shape.value,
      flavourId: req.container?.flavour.id,
      status: INITIAL_STATUS,
      placements: placed.value,
      bindings: new Map(),
      used: false,
      handles: [],
      ...(acc === undefined ? {} : { poolAcceleration: acc }),
    });
  }

  /** Where the next admission in `zoneId` starts trying hosts (next fit, see admission.ts). */
  private nextFit(zoneId: string | undefined): number {
    return this.fitCursor.get(zoneId ?? "") ?? 0;
  }

  /** After an admission: the next one starts after the last host it used, in the scope's order. */
  private advanceFit(zoneId: string | undefined, placed: readonly Placement[]): void {
    const scope = this.booking.view.hostsOf(zoneId) ?? [];
    const last = placed.at(-1);
    if (last === undefined || scope.length === 0) return;
    this.fitCursor.set(zoneId ?? "", (scope.indexOf(last.host) + 1) % scope.length);
  }

  /** QueryComputeResourceReservation: matching reservations in creation order. */
  query(filter: ReservationFilter = {}): ReservationRecord[] {
    return this.leases.query(filter);
  }

  get(reservationId: string): ReservationRecord | undefined {
    return this.leases.get(reservationId);
  }

  /**
   * UpdateComputeResourceReservation: new times (and, while PENDING, new amounts) admitted as a whole
   * against every other commitment; nothing changes on refusal. An ACTIVE reservation keeps its hosts
   * (its servers are there): only its end and expiry can move, re-checked on those hosts.
   */
  update(reservationId: string, change: ReservationUpdate): Result<ReservationRecord> {
    const found = this.leases.forOp(reservationId, "update");
    if (!found.ok) return found;
    const r = found.value;
    const active = r.status.lease === "ACTIVE";
    if (active && (change.startMs !== undefined || change.pool !== undefined || change.container !== undefined)) {
      return fail(domainError("WRONG_STATE", `reservation ${reservationId} is ACTIVE: only endTime, expiryTime and the before-end lead can change`));
    }
    const times = updatedTimes(r, change, this.sim.nowMs);
    if (!times.ok) return times;
    // IFA: an absent field is unchanged, a pool's accelerationCapability included.
    const keptAcc = change.pool !== undefined && change.pool.acceleration === undefined && r.poolAcceleration !== undefined;
    const newPool = keptAcc ? { ...change.pool!, acceleration: r.poolAcceleration! } : change.pool;
    const shape = newPool === undefined && change.container === undefined ? ok(r.shape) : validateShape({ ...change, pool: newPool });
    if (!shape.ok) return shape;
    const before = this.rlog.viewOf(r);
    this.booking.unbook(r);
    // A PENDING reservation is admitted again, handles included: its own held handles count as free.
    // Container groups only: a pool's accelerators come with the pool (absent from a new pool: none).
    const oldGroups = r.shape.kind === "container" ? this.accHolds.groupsOf(r.reservationId) : undefined;
    const groups = change.container !== undefined ? change.container.flavour.deviceProfile?.groups : change.pool !== undefined ? undefined : oldGroups;
    const acc = change.container !== undefined ? undefined : newPool !== undefined ? newPool.acceleration : r.poolAcceleration;
    if (!active) this.handles.free(r);
    const admitted = active ? this.booking.refit(r.placements, times.value) : admitReservation(this.booking.view, { zoneId: r.zoneId, fromMs: times.value.startMs, toMs: times.value.endMs, shape: shape.value, ...this.handles.slotLimit(groups), ...this.handles.poolSets(acc) });
    const placed = admitted.ok && !active ? this.handles.rehold(r, groups, acc, admitted.value) : admitted;
    if (!placed.ok) {
      if (!active) this.handles.rehold(r, oldGroups, r.poolAcceleration, r.placements);
      this.booking.book(r);
      return placed;
    }
    r.times = times.value;
    r.shape = shape.value;
    if (change.container !== undefined) r.flavourId = change.container.flavour.id;
    if (r.poolAcceleration !== undefined || acc !== undefined) r.poolAcceleration = acc;
    r.placements = placed.value;
    this.booking.book(r);
    cancelLease(this.sim, r);
    scheduleLease(this.sim, r, this.steps);
    this.rlog.changed(r, "update", before);
    return ok(r);
  }

  /** TerminateComputeResourceReservation over a list, best effort: the ids terminated, in the order given. */
  terminateMany(reservationIds: readonly string[]): string[] {
    return [...new Set(reservationIds)].filter((id) => this.terminate(id).ok);
  }

  /** Terminate one: its unconsumed capacity is free in this step; its servers follow its reclaim policy (INV-C9). */
  terminate(reservationId: string): Result<ReservationRecord> {
    const found = this.leases.forOp(reservationId, "terminate");
    if (!found.ok) return found;
    const r = found.value;
    cancelLease(this.sim, r);
    this.finish(r, "terminate");
    return ok(r);
  }

  /** A bound AllocateVirtualisedComputeResource (INV-C3): see BoundServers.allocate. */
  allocateBound(reservationId: string, req: AllocateComputeRequest): Result<{ servers: ServerRecord[]; failure: DomainError | undefined }> {
    return this.bound.allocate(reservationId, req);
  }

  /** Handles held for reservations, checked against the accelerator table (INV-F7); null when sound. */
  accHoldProblem(): string | null {
    return this.accHolds.problem((id) => {
      const r = this.leases.get(id);
      return r !== undefined && holdsCapacity(r.status);
    });
  }

  /** INV-C1/C3/C6/F7 over every lease, the holds and the held handles (reservation-invariants.ts); reads only. */
  checkInvariants(): void {
    checkReservationInvariants({ nfvi: this.nfvi, leases: this.leases.order, holds: this.holds, accHoldProblem: this.accHoldProblem() });
  }

  /** Reservations not yet terminal, their reserved and bound amounts now: for occupancy samples. */
  occupancy(c: number): { readonly reserved: number; readonly bound: number; readonly active: number } {
    let reserved = 0;
    let bound = 0;
    let active = 0;
    for (const r of this.leases.order) {
      if (r.status.lease !== "ACTIVE") continue;
      active++;
      for (const p of r.placements) reserved += p.amounts[c]!;
      for (const b of r.bindings.values()) bound += b.amounts[c]!;
    }
    return { reserved, bound, active };
  }

  /** Ledger consumers that are holds (for the runner's INV-A6 count). */
  get holdCount(): number {
    return this.holds.holdCount;
  }

  get size(): number {
    return this.leases.order.length;
  }

  /** Takes a status-only edge (start, before-end): its record and notification. */
  private step(r: ReservationRecord, op: ReservationOp): boolean {
    const t = reservationTransition(r.status, op);
    if (t === undefined) return false;
    const before = this.rlog.viewOf(r);
    r.status = t.next;
    if (op === "beforeEnd") this.stats.warned();
    this.rlog.changed(r, op, before);
    return true;
  }

  /** End, expiry or terminate: unbook, reclaim bound servers by the policy, log. */
  private finish(r: ReservationRecord, op: "end" | "expire" | "terminate"): void {
    const t = reservationTransition(r.status, op);
    if (t === undefined) return;
    const before = this.rlog.viewOf(r);
    const wasHolding = holdsCapacity(r.status);
    r.status = t.next;
    this.stats.finished(op);
    if (wasHolding) this.booking.unbook(r);
    this.bound.reclaim(r);
    this.handles.free(r);
    this.booking.refreshHosts(r.placements.map((p) => p.host));
    this.rlog.changed(r, op, before);
  }
}
