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
 *     usage by its policy (INV-C5); Terminate does the same at once (INV-C9);
 *   - Update re-admits new times and amounts over the new window, or changes nothing (refused);
 *   - a before-end warning fires at end − lead when a lead is given (INV-C8; no default lead, unlike
 *     compute leases, so storage leases written before the warning existed run as they did).
 * Statuses move along reservation-machine.ts's tables; events are lease-events.ts's (INV-C7). Every
 * change is one log record (entity `reservation`) and one ReservationChangeNotification.
 */
import { domainError, fail, ok, type DomainError, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, type ChangePublisher } from "../common/change-log.js";
import type { StorageService } from "../storage/storage-service.js";
import type { VolumeReservations } from "../storage/volume-reservations.js";
import { CommitmentIndex } from "./commitment-index.js";
import { HeldMax } from "./held-max.js";
import type { PoolCommitments } from "./pool-commitments.js";
import { cancelLease, type LeaseSteps } from "./lease-events.js";
import { INITIAL_STATUS } from "./reservation-machine.js";
import { validateTimes, type ReservationTimes } from "./reservation.js";
import { ReservationStats } from "./reservation-stats.js";
import { admitStorage, type AdmittedStorage, type StorageAdmissionView } from "./storage-admission.js";
import { storageReservationView, validateStoragePool, type StoragePoolRequest, type StorageReservationRecord, type StorageReservationRequest, type StorageReservationUpdate } from "./storage-reservation.js";
import { enterLease, finishLease, LeaseBook, leaseStep, rebookLease, updatedTimes, type FinishOp, type LeaseBookkeeping } from "./lease-book.js";


export class StorageReservationService implements VolumeReservations {
  readonly stats = new ReservationStats();
  readonly changes: ChangeLog;
  private readonly index: CommitmentIndex;
  private readonly zones: readonly string[];
  private readonly leases = new LeaseBook<StorageReservationRecord>();
  /** Bound volume → its reservation. */
  private readonly boundVolumes = new Map<string, StorageReservationRecord>();
  private readonly view: StorageAdmissionView;
  /** Zone → GB drawn by volumes bound to a reservation (a running sum: read on every volume created). */
  private readonly boundGbByZone = new Map<string, number>();
  private nextNo = 1;
  /** Per zone: the most GB committed from now on (every ordinary volume asks it), kept through admissions. */
  private readonly heldMax: HeldMax;
  private readonly steps: LeaseSteps<StorageReservationRecord>;
  private readonly bookkeeping: LeaseBookkeeping<StorageReservationRecord, AdmittedStorage>;

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
    this.heldMax = new HeldMax(this.index);
    this.steps = { start: (r) => leaseStep(this.bookkeeping, r, "start"), beforeEnd: (r) => leaseStep(this.bookkeeping, r, "beforeEnd"), finish: (r, op) => this.finish(r, op) };
    this.bookkeeping = { sim, leases: this.leases, stats: this.stats, changes: this.changes, steps: this.steps, book: (r, a) => this.book(r, a), view: (r) => storageReservationView(r) };
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
    return enterLease(this.bookkeeping, req, this.admitNew(req));
  }

  private admitNew(req: StorageReservationRequest): Result<{ record: StorageReservationRecord; admitted: AdmittedStorage }> {
    const id = req.reservationId ?? `sresv-${this.nextNo}`;
    if (this.leases.has(id)) return fail(domainError("CONFLICT", `reservation ${id} already exists`));
    // No default before-end lead: a storage lease warns only when asked to.
    const times = validateTimes({ ...req, beforeEndLeadMs: req.beforeEndLeadMs ?? 0 }, this.sim.nowMs);
    if (!times.ok) return times;
    const pool = validateStoragePool(req.storagePool);
    if (!pool.ok) return pool;
    const admitted = admitStorage(this.view, req.zoneId, times.value.startMs, times.value.endMs, pool.value.storageSizeGb);
    if (!admitted.ok) return admitted;
    if (req.reservationId === undefined) this.nextNo++;
    const { reservationId: _id, tenantId, zoneId, reclaim } = req;
    const record: StorageReservationRecord = { reservationId: id, tenantId, zoneId, reclaim: reclaim ?? "delete", createdAtMs: this.sim.nowMs, times: times.value, storagePool: pool.value, status: INITIAL_STATUS, bound: new Map(), boundGb: 0, volumesBound: 0, used: false, handles: [] };
    return ok({ record, admitted: admitted.value });
  }

  /**
   * UpdateStorageResourceReservation: new times and amounts admitted over the new window against
   * every other commitment; refused (INVALID_ARGUMENT, WRONG_STATE, NO_VALID_HOST) it changes
   * nothing. An ACTIVE lease keeps its start and may not shrink below what its volumes draw.
   */
  update(reservationId: string, change: StorageReservationUpdate): Result<StorageReservationRecord> {
    const found = this.leases.forOp(reservationId, "update");
    if (!found.ok) return found;
    const r = found.value;
    const checked = this.checkUpdate(r, change);
    if (!checked.ok) return checked;
    const { times, pool } = checked.value;
    const zoneNo = this.view.zoneNo(r.zoneId)!;
    const before = this.changes.snapshot(() => storageReservationView(r));
    this.index.remove(zoneNo, r.reservationId);
    this.heldMax.removed(zoneNo);
    const admitted = admitStorage(this.view, r.zoneId, Math.max(times.startMs, this.sim.nowMs), times.endMs, pool.storageSizeGb);
    if (!admitted.ok) {
      this.index.add(zoneNo, { reservationId: r.reservationId, fromMs: r.times.startMs, toMs: r.times.endMs, amounts: Float64Array.of(r.storagePool.storageSizeGb) });
      return admitted;
    }
    r.times = times;
    r.storagePool = pool;
    return rebookLease(this.bookkeeping, r, admitted.value, before);
  }

  private checkUpdate(r: StorageReservationRecord, change: StorageReservationUpdate): Result<{ times: ReservationTimes; pool: StoragePoolRequest }> {
    const times = updatedTimes(r, change, this.sim.nowMs);
    if (!times.ok) return times;
    const pool = validateStoragePool(change.storagePool ?? r.storagePool);
    if (!pool.ok) return pool;
    if (pool.value.storageSizeGb < r.boundGb) return fail(domainError("INVALID_ARGUMENT", `reservation ${r.reservationId}: its volumes already draw ${r.boundGb} GB`));
    if (pool.value.numVolumes !== undefined && pool.value.numVolumes < r.volumesBound) return fail(domainError("INVALID_ARGUMENT", `reservation ${r.reservationId}: ${r.volumesBound} volumes already drew from it`));
    return ok({ times: times.value, pool: pool.value });
  }

  /** Books the lease's GB over its window; the kept maximum moves without a scan (held-max.ts). */
  private book(r: StorageReservationRecord, admitted: AdmittedStorage): void {
    const { startMs, endMs } = r.times;
    const sizeGb = r.storagePool.storageSizeGb;
    this.index.add(admitted.zoneNo, { reservationId: r.reservationId, fromMs: startMs, toMs: endMs, amounts: Float64Array.of(sizeGb) });
    this.heldMax.added(admitted.zoneNo, this.sim.nowMs, Math.max(startMs, this.sim.nowMs), endMs, admitted.windowMaxGb + sizeGb);
  }

  /** QueryStorageResourceReservation: matching reservations in creation order. */
  query(filter: { readonly reservationId?: string; readonly tenantId?: string } = {}): StorageReservationRecord[] {
    return this.leases.query(filter);
  }

  get(reservationId: string): StorageReservationRecord | undefined {
    return this.leases.get(reservationId);
  }

  /** TerminateStorageResourceReservation: unconsumed GB free in this step; bound volumes follow the policy (INV-C9). */
  terminate(reservationId: string): Result<StorageReservationRecord> {
    const found = this.leases.forOp(reservationId, "terminate");
    if (!found.ok) return found;
    const r = found.value;
    cancelLease(this.sim, r);
    this.finish(r, "terminate");
    return ok(r);
  }

  /** The commitments on `zoneId`'s backend, for QueryResourceCapacity (pool-commitments.ts). */
  commitmentsOf(zoneId: string): PoolCommitments {
    return {
      index: this.index,
      no: this.view.zoneNo(zoneId),
      heldNow: () => this.heldGb(zoneId),
      boundAt: (atMs) => this.leases.order.reduce((sum, r) => (r.zoneId === zoneId && atMs < r.times.endMs ? sum + r.boundGb : sum), 0),
    };
  }

  // ---- VolumeReservations (the storage service's hook) ---------------------------------------

  heldGb(zoneId: string): number {
    const zoneNo = this.view.zoneNo(zoneId);
    if (zoneNo === undefined || this.index.count === 0) return 0;
    return this.heldMax.from(zoneNo, this.sim.nowMs) - this.boundGbOf(zoneId);
  }

  admit(reservationId: string, tenantId: string, zoneId: string, sizeGb: number, newVolume: boolean): Result<void> {
    const e = this.refusal(this.leases.get(reservationId), reservationId, tenantId, zoneId, sizeGb, newVolume);
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
    const r = this.leases.get(reservationId)!;
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

  // ---- steps --------------------------------------------------------------------------------

  /** End, expiry or terminate: unbook, reclaim bound volumes by the policy (INV-C5, C9), log. */
  private finish(r: StorageReservationRecord, op: FinishOp): void {
    finishLease(this.bookkeeping, r, op, {
      unbook: (lease) => {
        const zoneNo = this.view.zoneNo(lease.zoneId)!;
        this.index.remove(zoneNo, lease.reservationId);
        this.heldMax.removed(zoneNo);
      },
      boundInOrder: (lease) => [...lease.bound.keys()],
      unbind: (lease, storageId) => this.unbind(lease, storageId),
      remove: (storageId) => this.storage.reclaim(storageId),
    });
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
