/**
 * IFA 005 storage reservation management (Create / Query / Terminate StorageResourceReservation) over
 * the kernel, with the compute reservations' rules and tables:
 *   - Create admits the GB over the whole window against the zone's backend minus ordinary volumes
 *     and every other storage commitment (storage-admission.ts, INV-C1) and books it in a commitment
 *     index of zones;
 *   - ordinary volumes see the backend less the GB held from now on and not yet consumed (INV-C2,
 *     through StorageService's VolumeReservations hook); a volume naming the reservation draws from it
 *     only while ACTIVE, for its tenant and zone, up to its GB and volume count (INV-C3);
 *   - expiry unused releases it (INV-C4); at the end bound volumes are deleted or kept as ordinary
 *     usage by its policy (INV-C5); Terminate does the same at once (INV-C9).
 * Statuses move along reservation-machine.ts's tables; events use the compute leases' priorities
 * (INV-C7). Every change is one log record (entity `reservation`) and one ReservationChangeNotification.
 */
import { domainError, fail, ok, type DomainError, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, type ChangePublisher } from "../common/change-log.js";
import type { StorageService } from "../storage/storage-service.js";
import type { VolumeReservations } from "../storage/volume-reservations.js";
import { CommitmentIndex } from "./commitment-index.js";
import { INITIAL_STATUS, holdsCapacity, reservationTransition } from "./reservation-machine.js";
import { END_PRIORITY, START_PRIORITY } from "./reservation-service.js";
import { validateTimes } from "./reservation.js";
import { ReservationStats } from "./reservation-stats.js";
import { admitStorage, maxCommittedGb, type StorageAdmissionView } from "./storage-admission.js";
import { storageReservationView, validateStoragePool, type StorageReservationRecord, type StorageReservationRequest } from "./storage-reservation.js";

type FinishOp = "end" | "expire" | "terminate";

export class StorageReservationService implements VolumeReservations {
  readonly stats = new ReservationStats();
  readonly changes: ChangeLog;
  private readonly index: CommitmentIndex;
  private readonly zones: readonly string[];
  private readonly records = new Map<string, StorageReservationRecord>();
  private readonly order: StorageReservationRecord[] = [];
  /** Bound volume → its reservation. */
  private readonly boundVolumes = new Map<string, StorageReservationRecord>();
  private readonly view: StorageAdmissionView;
  /** Zone → GB drawn by volumes bound to a reservation (a running sum: read on every volume created). */
  private readonly boundGbByZone = new Map<string, number>();
  private nextNo = 1;
  /** Per zone: the most GB committed from `atMs` on, while the index is at `version` (every volume asks it). */
  private readonly heldCache = new Map<number, { atMs: number; version: number; gb: number }>();
  private version = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly storage: StorageService,
    log: EventLog,
    publisher?: ChangePublisher,
  ) {
    this.changes = new ChangeLog(sim, log);
    if (publisher !== undefined) this.changes.publishTo(publisher);
    this.zones = storage.zoneIds();
    this.index = new CommitmentIndex(this.zones.length);
    this.view = {
      index: this.index,
      zoneNo: (z) => (this.zones.includes(z) ? this.zones.indexOf(z) : undefined),
      capacityGb: (z) => storage.backendUsage(z)!.capacityGb,
      ordinaryGb: (z) => storage.backendUsage(z)!.usedGb - this.boundGbOf(z),
    };
    storage.useReservations(this);
  }

  /** CreateStorageResourceReservation: the record, or INVALID_ARGUMENT / NOT_FOUND / CONFLICT / NO_VALID_HOST. */
  create(req: StorageReservationRequest): Result<StorageReservationRecord> {
    const r = this.admitNew(req);
    if (!r.ok) {
      this.stats.refused(r.error.kind);
      this.changes.write("reservation", req.reservationId ?? "(refused)", "create.refused", null, () => ({ tenantId: req.tenantId, kind: r.error.kind, message: r.error.message }));
      return r;
    }
    const record = r.value;
    this.records.set(record.reservationId, record);
    this.order.push(record);
    this.version++;
    this.index.add(this.view.zoneNo(record.zoneId)!, { reservationId: record.reservationId, fromMs: record.times.startMs, toMs: record.times.endMs, amounts: Float64Array.of(record.storagePool.storageSizeGb) });
    this.stats.admitted();
    this.changes.write("reservation", record.reservationId, "create", null, () => storageReservationView(record));
    this.schedule(record);
    return ok(record);
  }

  private admitNew(req: StorageReservationRequest): Result<StorageReservationRecord> {
    const id = req.reservationId ?? `sresv-${this.nextNo}`;
    if (this.records.has(id)) return fail(domainError("CONFLICT", `reservation ${id} already exists`));
    const times = validateTimes(req, this.sim.nowMs);
    if (!times.ok) return times;
    const pool = validateStoragePool(req.storagePool);
    if (!pool.ok) return pool;
    const admitted = admitStorage(this.view, req.zoneId, times.value.startMs, times.value.endMs, pool.value.storageSizeGb);
    if (!admitted.ok) return admitted;
    if (req.reservationId === undefined) this.nextNo++;
    const { reservationId: _id, tenantId, zoneId, reclaim } = req;
    return ok({ reservationId: id, tenantId, zoneId, reclaim: reclaim ?? "delete", createdAtMs: this.sim.nowMs, times: times.value, storagePool: pool.value, status: INITIAL_STATUS, bound: new Map(), boundGb: 0, volumesBound: 0, used: false, handles: [] });
  }

  /** QueryStorageResourceReservation: matching reservations in creation order. */
  query(filter: { readonly reservationId?: string; readonly tenantId?: string } = {}): StorageReservationRecord[] {
    return this.order.filter((r) => (filter.reservationId === undefined || r.reservationId === filter.reservationId) && (filter.tenantId === undefined || r.tenantId === filter.tenantId));
  }

  get(reservationId: string): StorageReservationRecord | undefined {
    return this.records.get(reservationId);
  }

  /** TerminateStorageResourceReservation: unconsumed GB free in this step; bound volumes follow the policy (INV-C9). */
  terminate(reservationId: string): Result<StorageReservationRecord> {
    const r = this.records.get(reservationId);
    if (r === undefined) return fail(domainError("NOT_FOUND", `reservation ${reservationId} does not exist`));
    if (reservationTransition(r.status, "terminate") === undefined) return fail(domainError("WRONG_STATE", `reservation ${reservationId} is already deleted`));
    for (const h of r.handles) this.sim.cancel(h);
    r.handles = [];
    this.finish(r, "terminate");
    return ok(r);
  }

  // ---- VolumeReservations (the storage service's hook) ---------------------------------------

  heldGb(zoneId: string): number {
    const zoneNo = this.view.zoneNo(zoneId);
    if (zoneNo === undefined || this.index.count === 0) return 0;
    const nowMs = this.sim.nowMs;
    let c = this.heldCache.get(zoneNo);
    if (c === undefined || c.atMs !== nowMs || c.version !== this.version) {
      c = { atMs: nowMs, version: this.version, gb: maxCommittedGb(this.view, zoneNo, nowMs, Number.POSITIVE_INFINITY) };
      this.heldCache.set(zoneNo, c);
    }
    return c.gb - this.boundGbOf(zoneId);
  }

  admit(reservationId: string, tenantId: string, zoneId: string, sizeGb: number, newVolume: boolean): Result<void> {
    const e = this.refusal(this.records.get(reservationId), reservationId, tenantId, zoneId, sizeGb, newVolume);
    if (e === undefined) return ok(undefined);
    this.stats.consumptionRefused(e.kind);
    return fail(e);
  }

  private refusal(r: StorageReservationRecord | undefined, id: string, tenantId: string, zoneId: string, sizeGb: number, newVolume: boolean): DomainError | undefined {
    if (r === undefined || r.tenantId !== tenantId) return domainError("NOT_FOUND", `reservation ${id} does not exist`);
    if (r.status.ifa !== "ACTIVE") return domainError("WRONG_STATE", `reservation ${id} is ${r.status.ifa}, not ACTIVE`);
    if (r.zoneId !== zoneId) return domainError("INVALID_ARGUMENT", `reservation ${id} holds storage of zone ${r.zoneId}, not ${zoneId}`);
    const numVolumes = r.storagePool.numVolumes;
    if (newVolume && numVolumes !== undefined && r.volumesBound >= numVolumes) return domainError("EXHAUSTED", `reservation ${id}: its ${numVolumes} volumes are used up`);
    const leftGb = r.storagePool.storageSizeGb - r.boundGb;
    if (sizeGb > leftGb) return domainError("EXHAUSTED", `reservation ${id} has ${leftGb} GB left, ${sizeGb} GB requested`);
    return undefined;
  }

  consume(reservationId: string, storageId: string, sizeGb: number, newVolume: boolean): void {
    const r = this.records.get(reservationId)!;
    const before = this.changes.snapshot(() => storageReservationView(r));
    r.bound.set(storageId, (r.bound.get(storageId) ?? 0) + sizeGb);
    r.boundGb += sizeGb;
    this.boundGbByZone.set(r.zoneId, this.boundGbOf(r.zoneId) + sizeGb);
    if (newVolume) {
      r.volumesBound++;
      this.stats.consumed(1);
    }
    r.used = true;
    this.boundVolumes.set(storageId, r);
    this.changes.write("reservation", r.reservationId, "consume", before, () => storageReservationView(r));
  }

  release(storageId: string): void {
    const r = this.boundVolumes.get(storageId);
    if (r === undefined) return;
    const before = this.changes.snapshot(() => storageReservationView(r));
    this.unbind(r, storageId);
    this.changes.write("reservation", r.reservationId, "release", before, () => storageReservationView(r));
  }

  boundTo(storageId: string): string | undefined {
    return this.boundVolumes.get(storageId)?.reservationId;
  }

  // ---- events -------------------------------------------------------------------------------

  private schedule(r: StorageReservationRecord): void {
    const { startMs, endMs, expiryMs } = r.times;
    const at = (ms: number, op: "start" | FinishOp, priority: number) => r.handles.push(this.sim.scheduleAt(ms, StorageReservationService.fire, { service: this, r, op }, priority));
    if (startMs > this.sim.nowMs) at(startMs, "start", START_PRIORITY);
    if (Number.isFinite(endMs)) at(endMs, "end", END_PRIORITY);
    if (expiryMs !== undefined) at(expiryMs, "expire", END_PRIORITY);
    // Immediate use (IFA startTime absent or now): the lease starts in this step.
    if (startMs <= this.sim.nowMs) this.start(r);
  }

  private static fire(_sim: Simulation, p: { service: StorageReservationService; r: StorageReservationRecord; op: "start" | FinishOp }): void {
    if (p.op === "start") p.service.start(p.r);
    // Expiry releases only a reservation nothing has used (INV-C4).
    else if (p.op !== "expire" || !p.r.used) p.service.finish(p.r, p.op);
  }

  private start(r: StorageReservationRecord): void {
    const t = reservationTransition(r.status, "start");
    if (t === undefined) return;
    const before = this.changes.snapshot(() => storageReservationView(r));
    r.status = t.next;
    this.changes.write("reservation", r.reservationId, "start", before, () => storageReservationView(r));
  }

  /** End, expiry or terminate: unbook, reclaim bound volumes by the policy (INV-C5, C9), log. */
  private finish(r: StorageReservationRecord, op: FinishOp): void {
    const t = reservationTransition(r.status, op);
    if (t === undefined) return;
    const before = this.changes.snapshot(() => storageReservationView(r));
    if (holdsCapacity(r.status)) {
      this.version++;
      this.index.remove(this.view.zoneNo(r.zoneId)!, r.reservationId);
    }
    r.status = t.next;
    this.stats.finished(op);
    for (const storageId of [...r.bound.keys()]) {
      // Unbound first: the volume is ordinary usage from here on, whether it is then deleted or kept.
      this.unbind(r, storageId);
      if (r.reclaim === "keep") this.stats.reclaimed("keep");
      else if (this.storage.reclaim(storageId).ok) this.stats.reclaimed("delete");
    }
    this.changes.write("reservation", r.reservationId, op, before, () => storageReservationView(r));
  }

  private unbind(r: StorageReservationRecord, storageId: string): void {
    const gb = r.bound.get(storageId) ?? 0;
    r.boundGb -= gb;
    this.boundGbByZone.set(r.zoneId, this.boundGbOf(r.zoneId) - gb);
    r.bound.delete(storageId);
    this.boundVolumes.delete(storageId);
  }

  /** GB of `zoneId` drawn by volumes bound to a reservation (they count inside it, not as ordinary usage). */
  private boundGbOf(zoneId: string): number {
    return this.boundGbByZone.get(zoneId) ?? 0;
  }
}
