/**
 * IFA 005 reservation management over the kernel (Create / Query / Update / Terminate compute
 * resource reservations), realised as Blazar leases:
 *   - Create admits the reservation over its whole window (admission.ts, INV-C1), books it in the
 *     commitment index, resizes the holds of its hosts (hold-book.ts, INV-C2) and schedules its
 *     start, before-end, end and expiry events;
 *   - a bound allocation (`allocateBound`) draws from the reservation only while it is ACTIVE, for its
 *     own tenant, and up to its slots or amounts (INV-C3), on the reserved hosts;
 *   - expiry without use releases it (INV-C4); at the end, servers still bound are reclaimed by its
 *     policy: deleted like Blazar, or kept as ordinary usage (INV-C5); Terminate does the same at once
 *     (INV-C9);
 *   - events at equal times run before_end < end (and expiry) < start (INV-C7) through kernel
 *     priorities just above HIGH, so all of them precede the requests of the same millisecond; a
 *     lease's own before-end that coincides with its start runs right after the start.
 * Every change is one log record (entity `reservation`, before/after views; holds as entity `hold`;
 * accelerator handles held for device-profile flavours as entity `accHold`, see acc-hold.ts) and one
 * ReservationChangeNotification through the ChangeNotifier.
 */
import { domainError, fail, ok, RESOURCE_CLASS_COUNT, type DeviceProfile, type DomainError, type Result } from "../../domain/index.js";
import { HIGH, type Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { changeNotification } from "../change/change-types.js";
import type { ChangeNotifier } from "../change/change-notifier.js";
import type { AllocateComputeRequest, ComputeService } from "../compute/compute-service.js";
import type { ServerRecord } from "../compute/server.js";
import { admitReservation, roomOver, type AdmissionView, type Placement } from "./admission.js";
import { CommitmentIndex } from "./commitment-index.js";
import { HoldBook } from "./hold-book.js";
import { AccHoldBook } from "./acc-hold.js";
import { pickBindings } from "./binding.js";
import { placeAccSlots, usesPoolAccelerators } from "./pool-acc.js";
import type { PoolSets } from "./pool-sets.js";
import { INITIAL_STATUS, holdsCapacity, reservationTransition, type ReservationOp } from "./reservation-machine.js";
import { reservationView, validateShape, validateTimes, type Binding, type PoolAcceleration, type ReservationRecord, type ReservationRequest, type ReservationTimes } from "./reservation.js";
import type { ReservationRouting } from "./reservation-routing.js";
import { ReservationStats } from "./reservation-stats.js";
import { LeaseBook, updatedTimes } from "./lease-book.js";
import { checkReservationInvariants } from "./reservation-invariants.js";

const C = RESOURCE_CLASS_COUNT;
/** Equal-time order of lease events (INV-C7), all before HIGH + 64 and after host events (HIGH). */
export const BEFORE_END_PRIORITY = HIGH + 10;
export const END_PRIORITY = HIGH + 20;
export const START_PRIORITY = HIGH + 30;

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
  /** Bound server number → its reservation. */
  private readonly boundServers = new Map<number, ReservationRecord>();
  private nextNo = 1;
  /** Next-fit position per admission scope ("" for the whole VIM). */
  private readonly fitCursor = new Map<string, number>();
  private feed: string | undefined;
  private readonly view: AdmissionView;

  constructor(
    private readonly sim: Simulation,
    private readonly nfvi: NfviState,
    private readonly compute: ComputeService,
    private readonly routing: ReservationRouting,
    private readonly log: EventLog,
    private readonly notifier: ChangeNotifier,
  ) {
    this.index = new CommitmentIndex(nfvi.hostCount);
    this.holds = new HoldBook(nfvi, this.index);
    this.accHolds = new AccHoldBook(nfvi.accelerators);
    const zones = new Map(nfvi.topology.zones.map((z) => [z.id, z.hosts] as const));
    const all = nfvi.topology.hosts.map((_, h) => h);
    this.view = {
      hostCount: nfvi.hostCount,
      capacity: (h, c) => nfvi.capacity(h, c),
      inventory: (h, c) => nfvi.inventory(h, c),
      isUsable: (h) => nfvi.isUsable(h),
      hostsOf: (zoneId) => (zoneId === undefined ? all : zones.get(zoneId as (typeof nfvi.topology.zones)[number]["id"])),
      index: this.index,
      ordinaryUsed: (h, c) => this.holds.ordinaryUsed(h, c),
      roomLowerBound: (h, c) => this.holds.roomLowerBound(h, c),
    };
  }

  /** CreateComputeResourceReservation: the record, or INVALID_ARGUMENT / NOT_FOUND / CONFLICT / NO_VALID_HOST. */
  create(req: ReservationRequest): Result<ReservationRecord> {
    const r = this.admitNew(req);
    if (!r.ok) {
      this.stats.refused(r.error.kind);
      this.write("reservation", req.reservationId ?? "(refused)", "create.refused", null, () => ({ tenantId: req.tenantId, kind: r.error.kind, message: r.error.message }), req.tenantId);
      return r;
    }
    const record = r.value;
    this.leases.add(record);
    this.book(record);
    this.stats.admitted();
    this.write("reservation", record.reservationId, "create", null, () => this.viewOf(record), record.tenantId);
    this.schedule(record);
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
    const placed = admitReservation(this.view, { zoneId: req.zoneId, fromMs: times.value.startMs, toMs: times.value.endMs, shape: shape.value, startAt: this.nextFit(req.zoneId), ...this.accSlotLimit(groups), ...this.poolSets(req.pool?.acceleration) });
    if (!placed.ok) return placed;
    const held = this.holdFor(id, req.tenantId, groups, req.pool?.acceleration, placed.value);
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
      ...(req.pool?.acceleration === undefined ? {} : { poolAcceleration: req.pool.acceleration }),
    });
  }

  /**
   * Holds the handles of a reservation (INV-F7): a container's slots, or a pool's accelerationCapability
   * as admission placed them with its chunks (pool-sets.ts, pool-acc.ts; NO_VALID_HOST without accelerators in the cloud).
   */
  private holdFor(id: string, tenantId: string, groups: DeviceProfile["groups"] | undefined, acc: PoolAcceleration | undefined, placements: readonly Placement[]): Result<void> {
    if (acc === undefined) return this.holdHandles(id, tenantId, groups, placements);
    const slots = this.accHolds.applies(acc.deviceProfile.groups) ? placeAccSlots(acc.count, placements) : undefined;
    // Admission placed the sets whenever the cloud has accelerators; without any, none can be held.
    if (slots === undefined) return fail(domainError("NO_VALID_HOST", `reservation ${id}: no ${acc.count} free sets of device profile ${acc.deviceProfile.name} in the cloud`, { "insufficient accelerator sets": 1 }));
    return this.holdHandles(id, tenantId, acc.deviceProfile.groups, slots);
  }

  /** Admission's per-host slot limit by free matching handles, when the flavour asks for accelerators. */
  private accSlotLimit(groups: DeviceProfile["groups"] | undefined): { slotLimit?: (h: number, most: number) => number } {
    return this.accHolds.applies(groups) ? { slotLimit: (h, most) => this.accHolds.slotsFree(h, groups, most) } : {};
  }

  /** A pool with accelerators places its sets with its cores, by the hosts' free sets of its profile (pool-sets.ts). */
  private poolSets(acc: PoolAcceleration | undefined): { poolSets?: PoolSets } {
    if (acc === undefined || !this.accHolds.applies(acc.deviceProfile.groups)) return {};
    const groups = acc.deviceProfile.groups;
    return { poolSets: { count: acc.count, setsFree: (h, most) => this.accHolds.slotsFree(h, groups, most) } };
  }

  /** Sets aside the handles of every slot (INV-F7); NO_VALID_HOST with the reason when a host lacks them. */
  private holdHandles(id: string, tenantId: string, groups: DeviceProfile["groups"] | undefined, placements: readonly Placement[]): Result<void> {
    if (!this.accHolds.applies(groups)) return ok(undefined);
    const problem = this.accHolds.hold(id, groups, placements);
    if (problem !== null) return fail(domainError("NO_VALID_HOST", `reservation ${id}: ${problem}`, { [problem]: 1 }));
    this.write("accHold", id, "hold", null, () => ({ handles: this.accHolds.view(id) }), tenantId);
    return ok(undefined);
  }

  /** Where the next admission in `zoneId` starts trying hosts (next fit, see admission.ts). */
  private nextFit(zoneId: string | undefined): number {
    return this.fitCursor.get(zoneId ?? "") ?? 0;
  }

  /** After an admission: the next one starts after the last host it used, in the scope's order. */
  private advanceFit(zoneId: string | undefined, placed: readonly Placement[]): void {
    const scope = this.view.hostsOf(zoneId) ?? [];
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
    const before = this.viewOf(r);
    this.unbook(r);
    // A PENDING reservation is admitted again, handles included: its own held handles count as free.
    // Container groups only: a pool's accelerators come with the pool (absent from a new pool: none).
    const oldGroups = r.shape.kind === "container" ? this.accHolds.groupsOf(r.reservationId) : undefined;
    const groups = change.container !== undefined ? change.container.flavour.deviceProfile?.groups : change.pool !== undefined ? undefined : oldGroups;
    const acc = change.container !== undefined ? undefined : newPool !== undefined ? newPool.acceleration : r.poolAcceleration;
    if (!active) this.freeHandles(r);
    const admitted = active ? this.refit(r.placements, times.value) : admitReservation(this.view, { zoneId: r.zoneId, fromMs: times.value.startMs, toMs: times.value.endMs, shape: shape.value, ...this.accSlotLimit(groups), ...this.poolSets(acc) });
    const placed = admitted.ok && !active ? this.rehold(r, groups, acc, admitted.value) : admitted;
    if (!placed.ok) {
      if (!active) this.rehold(r, oldGroups, r.poolAcceleration, r.placements);
      this.book(r);
      return placed;
    }
    r.times = times.value;
    r.shape = shape.value;
    if (change.container !== undefined) r.flavourId = change.container.flavour.id;
    if (r.poolAcceleration !== undefined || acc !== undefined) r.poolAcceleration = acc;
    r.placements = placed.value;
    this.book(r);
    this.cancelEvents(r);
    this.schedule(r);
    this.write("reservation", r.reservationId, "update", before, () => this.viewOf(r), r.tenantId);
    return ok(r);
  }

  /** Holds handles for the placements an update admitted (or, refused, the old ones again). */
  private rehold(r: ReservationRecord, groups: DeviceProfile["groups"] | undefined, acc: PoolAcceleration | undefined, placements: Placement[]): Result<Placement[]> {
    const held = this.holdFor(r.reservationId, r.tenantId, groups, acc, placements);
    return held.ok ? ok(placements) : held;
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
    this.cancelEvents(r);
    this.finish(r, "terminate");
    return ok(r);
  }

  /**
   * A bound AllocateVirtualisedComputeResource (INV-C3): NOT_FOUND for an unknown reservation or
   * another tenant's, WRONG_STATE outside its window (pending, expired, ended, cancelled),
   * INVALID_ARGUMENT for another flavour than a container reservation's, EXHAUSTED when its slots or
   * amounts are used up. Otherwise the members go to their reserved hosts.
   */
  allocateBound(reservationId: string, req: AllocateComputeRequest): Result<{ servers: ServerRecord[]; failure: DomainError | undefined }> {
    const r = this.leases.get(reservationId);
    const refused = (e: DomainError) => {
      this.stats.consumptionRefused(e.kind);
      return fail(e);
    };
    if (r === undefined || r.tenantId !== req.tenant) return refused(domainError("NOT_FOUND", `reservation ${reservationId} does not exist`));
    if (r.status.ifa !== "ACTIVE") return refused(domainError("WRONG_STATE", `reservation ${reservationId} is ${r.status.ifa}, not ACTIVE`));
    const poolAcc = r.shape.kind === "pool" && usesPoolAccelerators(r.poolAcceleration?.deviceProfile.name, req.flavour.deviceProfile?.name);
    const picked = pickBindings(r, req.flavour, req.bootTimesMs.length, poolAcc ? this.accHolds.heldSlots(r.reservationId) : undefined);
    if (!picked.ok) return refused(picked.error);
    for (const b of picked.value) this.holds.addBound(b.host, b.amounts, 1);
    this.refreshHosts(picked.value.map((b) => b.host));
    // A container server takes its slot's handles; a pool server of the pool's profile, the slot it was given.
    const slots = r.shape.kind === "container" ? picked.value.map((b) => b.placement) : picked.value.flatMap((b) => (b.accSlot === undefined ? [] : [b.accSlot]));
    const handles = slots.length > 0 && this.takeHandles(r, slots);
    const result = this.routing.withPins(picked.value.map((b) => b.host), () => this.compute.allocate(req));
    if (result.error !== undefined) {
      if (handles) this.restoreHandles(r, slots, "restore");
      for (const b of picked.value) this.holds.addBound(b.host, b.amounts, -1);
      this.refreshHosts(picked.value.map((b) => b.host));
      return ok({ servers: result.servers, failure: domainError("NO_VALID_HOST", result.error, Object.fromEntries(result.reasons ?? [])) });
    }
    const before = this.viewOf(r);
    result.servers.forEach((s, i) => this.bind(r, { ...picked.value[i]!, serverNo: s.no }));
    r.used = true;
    this.stats.consumed(result.servers.length);
    this.write("reservation", r.reservationId, "consume", before, () => this.viewOf(r), r.tenantId);
    return ok({ servers: result.servers, failure: undefined });
  }

  /** Frees the held handles of these slots for the servers about to bind them; false when none are held. */
  private takeHandles(r: ReservationRecord, slots: readonly number[]): boolean {
    if (!this.accHolds.has(r.reservationId)) return false;
    const before = { handles: this.accHolds.view(r.reservationId) };
    for (const slot of slots) this.accHolds.take(r.reservationId, slot);
    this.write("accHold", r.reservationId, "take", before, () => ({ handles: this.accHolds.view(r.reservationId) }), r.tenantId);
    return true;
  }

  /** Holds the handles of these slots again (their servers are gone); a shortfall is counted and logged. */
  private restoreHandles(r: ReservationRecord, slots: readonly number[], op: "restore"): void {
    const before = { handles: this.accHolds.view(r.reservationId) };
    let short = 0;
    for (const slot of slots) if (!this.accHolds.restore(r.reservationId, slot)) short++;
    if (short > 0) this.stats.shortfall();
    this.write("accHold", r.reservationId, short > 0 ? `${op}.shortfall` : op, before, () => ({ handles: this.accHolds.view(r.reservationId), shortSlots: short }), r.tenantId);
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

  // ---- events -------------------------------------------------------------------------------

  private schedule(r: ReservationRecord): void {
    const now = this.sim.nowMs;
    const { startMs, endMs, expiryMs } = r.times;
    const pending = r.status.lease === "PENDING";
    if (pending && startMs > now) r.handles.push(this.sim.scheduleAt(startMs, ReservationService.fire, { service: this, r, op: "start" as const }, START_PRIORITY));
    if (Number.isFinite(endMs)) r.handles.push(this.sim.scheduleAt(endMs, ReservationService.fire, { service: this, r, op: "end" as const }, END_PRIORITY));
    if (expiryMs !== undefined) r.handles.push(this.sim.scheduleAt(expiryMs, ReservationService.fire, { service: this, r, op: "expire" as const }, END_PRIORITY));
    // Immediate use (IFA startTime absent or now): the lease starts in this step.
    if (pending && startMs <= now) this.onStart(r);
    this.scheduleBeforeEnd(r);
  }

  /** The before-end warning at end − lead, clamped to the start (INV-C8); none when lead is 0 or the window unbounded. */
  private scheduleBeforeEnd(r: ReservationRecord): void {
    const { startMs, endMs, beforeEndLeadMs } = r.times;
    if (beforeEndLeadMs <= 0 || !Number.isFinite(endMs) || r.status.beforeEndEvent !== "UNDONE") return;
    const atMs = Math.max(startMs, endMs - beforeEndLeadMs, this.sim.nowMs);
    // A lease's own start precedes its own before-end when they coincide: the start runs it.
    if (atMs === startMs && r.status.lease === "PENDING") return;
    r.handles.push(this.sim.scheduleAt(atMs, ReservationService.fire, { service: this, r, op: "beforeEnd" as const }, BEFORE_END_PRIORITY));
  }

  private static fire(_sim: Simulation, p: { service: ReservationService; r: ReservationRecord; op: "start" | "beforeEnd" | "end" | "expire" }): void {
    const { service, r, op } = p;
    if (op === "start") service.onStart(r);
    else if (op === "beforeEnd") service.step(r, "beforeEnd");
    else if (op === "end") service.finish(r, "end");
    // Expiry releases only a reservation nothing has used (INV-C4).
    else if (!r.used) service.finish(r, "expire");
  }

  private onStart(r: ReservationRecord): void {
    if (!this.step(r, "start")) return;
    const { startMs, endMs, beforeEndLeadMs } = r.times;
    if (beforeEndLeadMs > 0 && Number.isFinite(endMs) && endMs - beforeEndLeadMs <= startMs) this.step(r, "beforeEnd");
  }

  /** Takes a status-only edge (start, before-end): its record and notification. */
  private step(r: ReservationRecord, op: ReservationOp): boolean {
    const t = reservationTransition(r.status, op);
    if (t === undefined) return false;
    const before = this.viewOf(r);
    r.status = t.next;
    if (op === "beforeEnd") this.stats.warned();
    this.write("reservation", r.reservationId, op, before, () => this.viewOf(r), r.tenantId);
    return true;
  }

  /** End, expiry or terminate: unbook, reclaim bound servers by the policy, log. */
  private finish(r: ReservationRecord, op: "end" | "expire" | "terminate"): void {
    const t = reservationTransition(r.status, op);
    if (t === undefined) return;
    const before = this.viewOf(r);
    const wasHolding = holdsCapacity(r.status);
    r.status = t.next;
    this.stats.finished(op);
    if (wasHolding) this.unbook(r);
    this.reclaim(r);
    this.freeHandles(r);
    this.refreshHosts(r.placements.map((p) => p.host));
    this.write("reservation", r.reservationId, op, before, () => this.viewOf(r), r.tenantId);
  }

  /** C4/C5/C9 for handles: what the reservation still holds is free in this step. */
  private freeHandles(r: ReservationRecord): void {
    if (!this.accHolds.has(r.reservationId)) return;
    const before = { handles: this.accHolds.view(r.reservationId) };
    this.accHolds.releaseAll(r.reservationId);
    this.write("accHold", r.reservationId, "free", before, () => ({ handles: [] }), r.tenantId);
  }

  /** INV-C5/C9: bound servers are deleted (Blazar) or kept as ordinary usage, by the reservation's policy. */
  private reclaim(r: ReservationRecord): void {
    for (const b of [...r.bindings.values()].sort((a, b2) => a.serverNo - b2.serverNo)) {
      this.unbind(r, b);
      if (r.reclaim === "delete") {
        const deleted = this.compute.terminate(b.serverNo);
        if (deleted.ok) this.stats.reclaimed("delete");
      } else this.stats.reclaimed("keep");
    }
  }

  // ---- bookkeeping --------------------------------------------------------------------------

  private book(r: ReservationRecord): void {
    for (const p of r.placements) this.index.add(p.host, { reservationId: r.reservationId, fromMs: r.times.startMs, toMs: r.times.endMs, amounts: p.amounts });
    this.refreshHosts(r.placements.map((p) => p.host));
  }

  private unbook(r: ReservationRecord): void {
    const hosts = [...new Set(r.placements.map((p) => p.host))];
    for (const h of hosts) this.index.remove(h, r.reservationId);
    this.refreshHosts(hosts);
  }

  /** The same placements over new times (an ACTIVE reservation's hosts cannot change). */
  private refit(placements: readonly Placement[], times: ReservationTimes): Result<Placement[]> {
    const need = new Map<number, Float64Array>();
    for (const p of placements) {
      const v = need.get(p.host) ?? new Float64Array(C);
      for (let c = 0; c < C; c++) v[c]! += p.amounts[c]!;
      need.set(p.host, v);
    }
    const room = new Float64Array(C);
    for (const [h, v] of need) {
      roomOver(this.view, h, this.sim.nowMs, times.endMs, room);
      // Bound servers are not ordinary usage: their amounts are part of v, as the whole reservation's.
      for (let c = 0; c < C; c++) if (v[c]! > room[c]!) return fail(domainError("NO_VALID_HOST", `host ${this.nfvi.hostId(h)} has no room for the reservation over the new window`, { "insufficient capacity over the window": 1 }));
    }
    return ok([...placements]);
  }

  private refreshHosts(hosts: readonly number[]): void {
    for (const h of [...new Set(hosts)].sort((a, b) => a - b)) {
      const change = this.holds.refresh(h, this.sim.nowMs);
      if (change === undefined) continue;
      if (change.shortfall !== undefined) this.stats.shortfall();
      this.write("hold", this.nfvi.hostId(h), change.shortfall === undefined ? "set" : "set.shortfall", change.before, () => ({ held: change.after, shortfall: change.shortfall ?? null }), undefined);
    }
  }

  private bind(r: ReservationRecord, b: Binding): void {
    r.bindings.set(b.serverNo, b);
    this.boundServers.set(b.serverNo, r);
    if (this.feed === undefined) {
      this.feed = this.notifier.subscribe({ kinds: ["change"], resourceTypes: ["server"], changeTypes: ["REMOVED"] }, (n) => this.onServerRemoved(n.kind === "change" ? n.virtualisedResourceId : ""));
    }
  }

  /** Drops a binding: its amounts leave `bound` (the hold is refreshed by the caller or below). */
  private unbind(r: ReservationRecord, b: Binding): void {
    r.bindings.delete(b.serverNo);
    this.boundServers.delete(b.serverNo);
    this.holds.addBound(b.host, b.amounts, -1);
    if (this.boundServers.size === 0 && this.feed !== undefined) {
      this.notifier.unsubscribe(this.feed);
      this.feed = undefined;
    }
  }

  /** A bound server was deleted inside the window: its amounts go back to the reservation's hold. */
  private onServerRemoved(computeId: string): void {
    const no = Number(/^vm-(\d+)$/.exec(computeId)?.[1] ?? -1);
    const r = this.boundServers.get(no);
    const b = r?.bindings.get(no);
    if (r === undefined || b === undefined) return;
    const before = this.viewOf(r);
    this.unbind(r, b);
    this.refreshHosts([b.host]);
    const slot = r.shape.kind === "container" ? b.placement : b.accSlot;
    if (slot !== undefined && this.accHolds.has(r.reservationId)) this.restoreHandles(r, [slot], "restore");
    this.write("reservation", r.reservationId, "release", before, () => this.viewOf(r), r.tenantId);
  }

  private cancelEvents(r: ReservationRecord): void {
    for (const h of r.handles) this.sim.cancel(h);
    r.handles = [];
  }

  private viewOf(r: ReservationRecord): Record<string, unknown> | null {
    if (!this.log.wantsContent && !this.notifier.active) return null;
    const zones = this.nfvi.topology.zones;
    return reservationView(r, (h) => this.nfvi.hostId(h), (h) => zones[this.nfvi.zoneIndexOf(h)]!.id);
  }

  /** One log record and its change notification (ReservationChangeNotification for entity `reservation`). */
  private write(entity: string, id: string, op: string, before: unknown, after: () => unknown, tenantId: string | undefined): void {
    const now = this.sim.nowMs;
    const wanted = this.log.wantsContent || this.notifier.active;
    const afterValue = wanted ? after() : null;
    const seq = this.log.wantsContent ? this.log.append(now, entity, id, op, before, afterValue) : this.log.skip(now, entity, id, op);
    if (this.notifier.active) this.notifier.publish(changeNotification(seq, now, entity, id, tenantId, op, before, afterValue, "NFVI_OPERATION"));
  }
}

