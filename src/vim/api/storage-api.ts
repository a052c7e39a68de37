/**
 * Library façade for IFA virtualised storage management (volumes and their snapshots), checked
 * against the caller's role and tenant (guard.ts). A volume attaches only to a server of its own
 * tenant (Cinder/Nova refuse another project's volume).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { CreateVolumeRequest, UpdateVolumeData } from "../storage/storage-service.js";
import type { VolumeFilter, VolumeRecord, VolumeSnapshotRecord } from "../storage/volume.js";
import { sees, type Caller } from "./guard.js";
import { quotaAdmits } from "./quota-api.js";
import { serverOf, type VimCore } from "./vim-core.js";

export class StorageApi {
  constructor(private readonly core: VimCore) {}

  /**
   * AllocateVirtualisedStorageResource: QUOTA_EXCEEDED (volumes, gigabytes) before anything is
   * created; with a reservationId, the volume draws from that storage reservation (INV-C3).
   */
  create(caller: Caller, input: Omit<CreateVolumeRequest, "tenantId"> & { readonly tenantId?: string }): Result<Readonly<VolumeRecord>> {
    const who = this.core.guard.owner(caller, "storage:create", input.tenantId);
    if (!who.ok) return who;
    const quota = quotaAdmits(this.core, who.value.tenantId, { volumes: 1, gigabytes: input.sizeOfStorageGb });
    return quota.ok ? this.core.storage.create({ ...input, tenantId: who.value.tenantId }) : quota;
  }

  /** Attaches a volume to a server of the same tenant. */
  attach(caller: Caller, storageId: string, computeId: string): Result<Readonly<VolumeRecord>> {
    const v = this.core.storage.volume(storageId);
    const p = this.core.guard.reach(caller, "storage:attach", `volume ${storageId}`, v?.tenantId);
    if (!p.ok) return p;
    const s = serverOf(this.core, computeId);
    if (s === undefined || s.tenant !== v!.tenantId) return fail(domainError("NOT_FOUND", `server ${computeId} does not exist`));
    return this.core.storage.attach(storageId, computeId);
  }

  detach(caller: Caller, storageId: string, computeId: string): Result<Readonly<VolumeRecord>> {
    const v = this.core.storage.volume(storageId);
    const p = this.core.guard.reach(caller, "storage:detach", `volume ${storageId}`, v?.tenantId);
    return p.ok ? this.core.storage.detach(storageId, computeId) : p;
  }

  /** ScaleVirtualisedStorageResource (extend only). */
  extend(caller: Caller, storageId: string, newSizeGb: number): Result<Readonly<VolumeRecord>> {
    const p = this.reachVolume(caller, "storage:update", storageId);
    if (!p.ok) return p;
    const v = this.core.storage.volume(storageId)!;
    const quota = quotaAdmits(this.core, v.tenantId, { gigabytes: newSizeGb - v.sizeOfStorageGb });
    return quota.ok ? this.core.storage.extend(storageId, newSizeGb) : quota;
  }

  /** UpdateVirtualisedStorageResource. */
  update(caller: Caller, storageId: string, data: UpdateVolumeData): Result<Readonly<VolumeRecord>> {
    const p = this.reachVolume(caller, "storage:update", storageId);
    return p.ok ? this.core.storage.update(storageId, data) : p;
  }

  /** IFA Operate CREATE_SNAPSHOT. */
  createSnapshot(caller: Caller, storageId: string, name = ""): Result<Readonly<VolumeSnapshotRecord>> {
    const p = this.reachVolume(caller, "storage:create", storageId);
    if (!p.ok) return p;
    // A snapshot counts as one snapshot and its size in gigabytes (Cinder's default).
    const v = this.core.storage.volume(storageId)!;
    const quota = quotaAdmits(this.core, v.tenantId, { snapshots: 1, gigabytes: v.sizeOfStorageGb });
    return quota.ok ? this.core.storage.createSnapshot(storageId, name) : quota;
  }

  /** IFA Operate DELETE_SNAPSHOT. */
  deleteSnapshot(caller: Caller, snapshotId: string): Result<void> {
    const p = this.core.guard.reach(caller, "storage:delete", `volume snapshot ${snapshotId}`, this.core.storage.snapshot(snapshotId)?.tenantId);
    return p.ok ? this.core.storage.deleteSnapshot(snapshotId) : p;
  }

  /** Deletes one volume. */
  delete(caller: Caller, storageId: string): Result<void> {
    const p = this.reachVolume(caller, "storage:delete", storageId);
    return p.ok ? this.core.storage.delete(storageId) : p;
  }

  /** TerminateVirtualisedStorageResource, best effort: only the caller's volumes and snapshots are touched. */
  terminate(caller: Caller, ids: readonly string[]): Result<string[]> {
    const p = this.core.guard.permit(caller, "storage:delete");
    if (!p.ok) return p;
    const mine = ids.filter((id) => {
      const owner = this.core.storage.volume(id)?.tenantId ?? this.core.storage.snapshot(id)?.tenantId;
      return owner !== undefined && sees(p.value, "storage:delete", owner);
    });
    return ok(this.core.storage.terminate(mine));
  }

  /** QueryVirtualisedStorageResource: the caller's tenant's volumes (all for a cloud administrator), in creation order. */
  query(caller: Caller, filter: VolumeFilter = {}): Result<Readonly<VolumeRecord>[]> {
    const p = this.core.guard.permit(caller, "storage:list");
    if (!p.ok) return p;
    return ok(this.core.storage.query(filter).filter((v) => sees(p.value, "storage:list", v.tenantId)));
  }

  /** Volume snapshots the caller can see, in creation order. */
  querySnapshots(caller: Caller, volumeId?: string): Result<Readonly<VolumeSnapshotRecord>[]> {
    const p = this.core.guard.permit(caller, "storage:list");
    if (!p.ok) return p;
    return ok(this.core.storage.querySnapshots(volumeId).filter((s) => sees(p.value, "storage:list", s.tenantId)));
  }

  private reachVolume(caller: Caller, privilege: "storage:update" | "storage:create" | "storage:delete", storageId: string): Result<unknown> {
    return this.core.guard.reach(caller, privilege, `volume ${storageId}`, this.core.storage.volume(storageId)?.tenantId);
  }
}
