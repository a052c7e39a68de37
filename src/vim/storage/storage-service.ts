/**
 * IFA 005/006 virtualised storage resources management with Cinder semantics: volumes on a backend
 * per zone with a capacity in GB, attach/detach to computes (multi-attach only for multiattach
 * volumes, INV-G4), extend only (INV-G5), snapshots (IFA Operate CREATE_SNAPSHOT / DELETE_SNAPSHOT),
 * update, query, best-effort terminate. Operations are instantaneous; each walks the Cinder status
 * table (volume-machine.ts) and writes one log record per status change.
 */
import { domainError, fail, InvariantViolation, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, compareIds, sortedMetadata, type Clock } from "../common/change-log.js";
import { matchesVolumeFilter, snapshotView, volumeView, type VolumeFilter, type VolumeRecord, type VolumeSnapshotRecord } from "./volume.js";
import { volumeTransition, type VolumeOp } from "./volume-machine.js";
import type { VolumeReservations } from "./volume-reservations.js";
import { TenantTally } from "../quota/tenant-tally.js";

/** One zone's volume backend (Cinder backend / pool). */
export interface StorageBackend {
  readonly zoneId: string;
  readonly capacityGb: number;
}

export interface CreateVolumeRequest {
  readonly tenantId: string;
  readonly zoneId: string;
  readonly sizeOfStorageGb: number;
  readonly storageName?: string;
  readonly multiattach?: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
  /** IFA reservationId: the volume draws from this storage reservation (INV-C3). */
  readonly reservationId?: string;
}

/** UpdateVirtualisedStorageResource: name and metadata; a size change is IFA Scale (extend). */
export interface UpdateVolumeData {
  readonly storageName?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly removeMetadata?: readonly string[];
  readonly sizeOfStorageGb?: number;
}

const notFound = (what: string, id: string): Result<never> => fail(domainError("NOT_FOUND", `${what} ${id} does not exist`));
const isPositiveInteger = (n: number): boolean => Number.isInteger(n) && n > 0;

export class StorageService {
  private readonly volumes = new Map<string, VolumeRecord>();
  private readonly snapshots = new Map<string, VolumeSnapshotRecord>();
  /** Per tenant: live volumes, their snapshots, and the gigabytes of both (quota usage in O(1): bench/ccm.bench.ts). */
  private readonly volumeTally = new TenantTally();
  private readonly snapshotTally = new TenantTally();
  private readonly gigabyteTally = new TenantTally();
  private readonly backends = new Map<string, { readonly capacityGb: number; usedGb: number }>();
  /** Its change records (the VIM attaches its notifier: `changes.publishTo`). */
  readonly changes: ChangeLog;
  private nextVolumeNo = 1;
  private nextSnapshotNo = 1;
  private nextAttachmentNo = 1;
  /** Storage reservations, when the VIM has them (absent: the backend's capacity is all there is). */
  private reservations: VolumeReservations | undefined;

  constructor(clock: Clock, log: EventLog, backends: readonly StorageBackend[]) {
    this.changes = new ChangeLog(clock, log);
    for (const b of backends) this.backends.set(b.zoneId, { capacityGb: b.capacityGb, usedGb: 0 });
  }

  /** Storage reservations decide what ordinary and bound volumes may take (reservation/storage-reservation-service.ts). */
  useReservations(reservations: VolumeReservations): void {
    this.reservations = reservations;
  }

  /**
   * AllocateVirtualisedStorageResource: EXHAUSTED when the zone's backend cannot hold the size next
   * to what reservations hold (INV-C2); with a reservationId, what the reservation refuses (INV-C3).
   */
  create(req: CreateVolumeRequest): Result<VolumeRecord> {
    const backend = this.backends.get(req.zoneId);
    if (backend === undefined) return notFound("storage zone", req.zoneId);
    if (!isPositiveInteger(req.sizeOfStorageGb)) return fail(domainError("INVALID_ARGUMENT", `volume size ${req.sizeOfStorageGb} GB is not a positive integer`));
    const room = this.roomFor(req.zoneId, req.tenantId, req.sizeOfStorageGb, req.reservationId, undefined);
    if (!room.ok) return room;
    backend.usedGb += req.sizeOfStorageGb;
    const v: VolumeRecord = {
      storageId: `vol-${this.nextVolumeNo++}`,
      tenantId: req.tenantId,
      storageName: req.storageName ?? "",
      zoneId: req.zoneId,
      sizeOfStorageGb: req.sizeOfStorageGb,
      multiattach: req.multiattach ?? false,
      status: "creating",
      attachments: [],
      snapshotIds: [],
      metadata: sortedMetadata(req.metadata ?? {}),
      ...(req.reservationId === undefined ? {} : { reservationId: req.reservationId }),
    };
    if (req.reservationId !== undefined) this.reservations!.consume(req.reservationId, v.storageId, v.sizeOfStorageGb, true);
    this.volumes.set(v.storageId, v);
    this.volumeTally.add(v.tenantId, 1);
    this.gigabyteTally.add(v.tenantId, v.sizeOfStorageGb);
    this.changes.write("volume", v.storageId, "create", null, () => volumeView(v));
    this.step(v, "create.complete");
    return ok(v);
  }

  /**
   * Attaches a volume to a compute: CONFLICT when already attached to it, WRONG_STATE when in use
   * and not multiattach (INV-G4) or in a status Cinder refuses.
   */
  attach(storageId: string, computeId: string): Result<VolumeRecord> {
    const v = this.volumes.get(storageId);
    if (v === undefined) return notFound("volume", storageId);
    if (v.attachments.some((a) => a.computeId === computeId)) return fail(domainError("CONFLICT", `volume ${storageId} is already attached to ${computeId}`));
    if (v.status === "in-use" && !v.multiattach) return fail(domainError("WRONG_STATE", `volume ${storageId} is in-use and not multiattach`));
    if (volumeTransition(v.status, "attach") === undefined) return fail(domainError("WRONG_STATE", `volume ${storageId} cannot be attached in status ${v.status}`));
    this.step(v, "attach");
    v.attachments = [...v.attachments, { attachmentId: `att-${this.nextAttachmentNo++}`, computeId }];
    this.step(v, "attach.complete");
    return ok(v);
  }

  /** Detaches a volume from a compute: WRONG_STATE when not attached at all, NOT_FOUND when not to it. */
  detach(storageId: string, computeId: string): Result<VolumeRecord> {
    const v = this.volumes.get(storageId);
    if (v === undefined) return notFound("volume", storageId);
    if (volumeTransition(v.status, "detach") === undefined) return fail(domainError("WRONG_STATE", `volume ${storageId} is not attached (status ${v.status})`));
    if (!v.attachments.some((a) => a.computeId === computeId)) return fail(domainError("NOT_FOUND", `volume ${storageId} has no attachment to ${computeId}`));
    this.step(v, "detach");
    v.attachments = v.attachments.filter((a) => a.computeId !== computeId);
    this.step(v, v.attachments.length > 0 ? "detach.partial" : "detach.complete");
    return ok(v);
  }

  /** Detaches every volume of a compute (its termination, INV-J1); the volume ids, in creation order. */
  detachCompute(computeId: string): string[] {
    const attached = [...this.volumes.values()].filter((v) => v.attachments.some((a) => a.computeId === computeId)).map((v) => v.storageId);
    for (const id of attached) this.detach(id, computeId);
    return attached;
  }

  /**
   * ScaleVirtualisedStorageResource (Cinder os-extend): grow only, INVALID_ARGUMENT for a size not
   * above the current one (INV-G5), EXHAUSTED when the backend cannot hold the difference.
   */
  extend(storageId: string, newSizeGb: number): Result<VolumeRecord> {
    const v = this.volumes.get(storageId);
    if (v === undefined) return notFound("volume", storageId);
    if (!isPositiveInteger(newSizeGb) || newSizeGb <= v.sizeOfStorageGb) {
      return fail(domainError("INVALID_ARGUMENT", `new size ${newSizeGb} GB must be an integer greater than the current ${v.sizeOfStorageGb} GB (extend only)`));
    }
    if (volumeTransition(v.status, "extend") === undefined) return fail(domainError("WRONG_STATE", `volume ${storageId} cannot be extended in status ${v.status}`));
    const backend = this.backends.get(v.zoneId)!;
    const extraGb = newSizeGb - v.sizeOfStorageGb;
    // A volume bound to a reservation grows inside it; any other grows in the unreserved GB (C2).
    const boundTo = this.reservations?.boundTo(storageId);
    const room = this.roomFor(v.zoneId, v.tenantId, extraGb, boundTo, storageId);
    if (!room.ok) return room;
    backend.usedGb += extraGb;
    if (boundTo !== undefined) this.reservations!.consume(boundTo, storageId, extraGb, false);
    this.step(v, "extend");
    v.sizeOfStorageGb = newSizeGb;
    this.gigabyteTally.add(v.tenantId, extraGb);
    this.step(v, "extend.complete");
    return ok(v);
  }

  /** Deletes a volume: WRONG_STATE while attached (INV-G4), CONFLICT while it has snapshots (Cinder). */
  delete(storageId: string): Result<void> {
    const v = this.volumes.get(storageId);
    if (v === undefined) return notFound("volume", storageId);
    if (volumeTransition(v.status, "delete") === undefined) return fail(domainError("WRONG_STATE", `volume ${storageId} cannot be deleted in status ${v.status}`));
    if (v.snapshotIds.length > 0) return fail(domainError("CONFLICT", `volume ${storageId} still has ${v.snapshotIds.length} dependent snapshots`));
    this.step(v, "delete");
    this.backends.get(v.zoneId)!.usedGb -= v.sizeOfStorageGb;
    this.reservations?.release(storageId);
    this.step(v, "delete.complete");
    this.volumes.delete(storageId);
    this.volumeTally.add(v.tenantId, -1);
    this.gigabyteTally.add(v.tenantId, -v.sizeOfStorageGb);
    return ok(undefined);
  }

  /**
   * Can `sizeGb` more be taken in `zoneId`: from the reservation when one is named (INV-C3), else from
   * the backend's GB not held by reservations (INV-C2). `growing` names the volume that grows (extend).
   */
  private roomFor(zoneId: string, tenantId: string, sizeGb: number, reservationId: string | undefined, growing: string | undefined): Result<void> {
    const backend = this.backends.get(zoneId)!;
    if (reservationId !== undefined) {
      if (this.reservations === undefined) return fail(domainError("NOT_FOUND", `reservation ${reservationId} does not exist`));
      const r = this.reservations.admit(reservationId, tenantId, zoneId, sizeGb, growing === undefined);
      if (!r.ok) return r;
    }
    const heldGb = reservationId === undefined ? (this.reservations?.heldGb(zoneId) ?? 0) : 0;
    if (backend.usedGb + heldGb + sizeGb <= backend.capacityGb) return ok(undefined);
    const what = growing === undefined ? `${sizeGb} GB requested` : `${sizeGb} GB more requested for ${growing}`;
    const held = heldGb > 0 ? ` (${heldGb} GB held for reservations)` : "";
    return fail(domainError("EXHAUSTED", growing === undefined ? `zone ${zoneId} backend has ${backend.capacityGb - backend.usedGb - heldGb} GB free${held}, ${what}` : `zone ${zoneId} backend cannot hold ${sizeGb} GB more${held}`));
  }

  /**
   * Reclaims a volume at the end of its reservation (INV-C5, delete policy): detached from every
   * compute, its snapshots deleted, then deleted. The volume's id, or why it could not go.
   */
  reclaim(storageId: string): Result<void> {
    const v = this.volumes.get(storageId);
    if (v === undefined) return notFound("volume", storageId);
    for (const a of [...v.attachments]) this.detach(storageId, a.computeId);
    for (const s of [...v.snapshotIds]) this.deleteSnapshot(s);
    return this.delete(storageId);
  }

  /** IFA Operate CREATE_SNAPSHOT: from available or in-use (Cinder's force flag assumed). */
  createSnapshot(storageId: string, name = ""): Result<VolumeSnapshotRecord> {
    const v = this.volumes.get(storageId);
    if (v === undefined) return notFound("volume", storageId);
    if (v.status !== "available" && v.status !== "in-use") return fail(domainError("WRONG_STATE", `volume ${storageId} cannot be snapshotted in status ${v.status}`));
    const s: VolumeSnapshotRecord = { snapshotId: `vsnap-${this.nextSnapshotNo++}`, volumeId: storageId, tenantId: v.tenantId, name, sizeGb: v.sizeOfStorageGb, status: "creating" };
    this.snapshots.set(s.snapshotId, s);
    this.snapshotTally.add(s.tenantId, 1);
    this.gigabyteTally.add(s.tenantId, s.sizeGb);
    const before = this.changes.snapshot(() => volumeView(v));
    v.snapshotIds.push(s.snapshotId);
    this.changes.write("volumeSnapshot", s.snapshotId, "create", null, () => snapshotView(s));
    this.setSnapshotStatus(s, "available", "create.complete");
    this.changes.write("volume", storageId, "snapshot.add", before, () => volumeView(v));
    return ok(s);
  }

  /** IFA Operate DELETE_SNAPSHOT. */
  deleteSnapshot(snapshotId: string): Result<void> {
    const s = this.snapshots.get(snapshotId);
    if (s === undefined) return notFound("volume snapshot", snapshotId);
    this.setSnapshotStatus(s, "deleting", "delete");
    this.setSnapshotStatus(s, "deleted", "delete.complete");
    this.snapshots.delete(snapshotId);
    this.snapshotTally.add(s.tenantId, -1);
    this.gigabyteTally.add(s.tenantId, -s.sizeGb);
    const v = this.volumes.get(s.volumeId)!;
    const before = this.changes.snapshot(() => volumeView(v));
    v.snapshotIds.splice(v.snapshotIds.indexOf(snapshotId), 1);
    this.changes.write("volume", v.storageId, "snapshot.remove", before, () => volumeView(v));
    return ok(undefined);
  }

  /** UpdateVirtualisedStorageResource: name and metadata; INVALID_ARGUMENT for a size (use extend). */
  update(storageId: string, data: UpdateVolumeData): Result<VolumeRecord> {
    const v = this.volumes.get(storageId);
    if (v === undefined) return notFound("volume", storageId);
    if (data.sizeOfStorageGb !== undefined) return fail(domainError("INVALID_ARGUMENT", "the size changes by extend (IFA Scale), not by update"));
    const before = this.changes.snapshot(() => volumeView(v));
    if (data.storageName !== undefined) v.storageName = data.storageName;
    const next: Record<string, string> = { ...v.metadata, ...data.metadata };
    for (const key of data.removeMetadata ?? []) delete next[key];
    v.metadata = sortedMetadata(next);
    this.changes.write("volume", storageId, "update", before, () => volumeView(v));
    return ok(v);
  }

  /**
   * TerminateVirtualisedStorageResource over volume and snapshot ids, best effort (IFA): snapshots
   * first, so a volume listed with its snapshots goes too. The ids terminated, in the order given.
   */
  terminate(ids: readonly string[]): string[] {
    const unique = [...new Set(ids)];
    const done = new Set<string>();
    for (const id of unique) if (this.snapshots.has(id) && this.deleteSnapshot(id).ok) done.add(id);
    for (const id of unique) if (this.volumes.has(id) && this.delete(id).ok) done.add(id);
    return unique.filter((id) => done.has(id));
  }

  volume(id: string): Readonly<VolumeRecord> | undefined {
    return this.volumes.get(id);
  }
  snapshot(id: string): Readonly<VolumeSnapshotRecord> | undefined {
    return this.snapshots.get(id);
  }

  /** The tenant's live volumes, snapshots and their gigabytes, as kept (the quota items volumes, snapshots, gigabytes). */
  tenantCounts(tenantId: string): { readonly volumes: number; readonly snapshots: number; readonly gigabytes: number } {
    return { volumes: this.volumeTally.of(tenantId), snapshots: this.snapshotTally.of(tenantId), gigabytes: this.gigabyteTally.of(tenantId) };
  }

  /** QueryVirtualisedStorageResource, in creation order. */
  query(filter: VolumeFilter = {}): Readonly<VolumeRecord>[] {
    return [...this.volumes.values()].filter((v) => matchesVolumeFilter(v, filter));
  }

  /** Live snapshots, in creation order. */
  querySnapshots(volumeId?: string): Readonly<VolumeSnapshotRecord>[] {
    return [...this.snapshots.values()].filter((s) => volumeId === undefined || s.volumeId === volumeId);
  }

  /** A zone backend's capacity and use, or undefined for an unknown zone. */
  backendUsage(zoneId: string): { readonly capacityGb: number; readonly usedGb: number } | undefined {
    const b = this.backends.get(zoneId);
    return b === undefined ? undefined : { capacityGb: b.capacityGb, usedGb: b.usedGb };
  }

  /** The zones with a backend, sorted. */
  zoneIds(): string[] {
    return [...this.backends.keys()].sort(compareIds);
  }

  /** Takes one edge of the status table; an absent edge here is a programmer error. */
  private step(v: VolumeRecord, op: VolumeOp): void {
    const next = volumeTransition(v.status, op);
    if (next === undefined) throw new InvariantViolation("INV-D1", `volume ${v.storageId}: no ${op} edge from ${v.status}`);
    const before = this.changes.snapshot(() => volumeView(v));
    v.status = next;
    this.changes.write("volume", v.storageId, op, before, () => volumeView(v));
  }

  private setSnapshotStatus(s: VolumeSnapshotRecord, status: VolumeSnapshotRecord["status"], op: string): void {
    const before = this.changes.snapshot(() => snapshotView(s));
    s.status = status;
    this.changes.write("volumeSnapshot", s.snapshotId, op, before, () => snapshotView(s));
  }
}
