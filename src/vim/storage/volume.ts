/**
 * Volumes and volume snapshots as the VIM keeps them (IFA VirtualStorage, Cinder volume/snapshot),
 * their views for queries and log snapshots, and the query filter. Every record carries its owner
 * tenant.
 */
import { metadataMatches } from "../common/change-log.js";
import type { SnapshotStatus, VolumeStatus } from "./volume-machine.js";

export interface VolumeAttachment {
  readonly attachmentId: string;
  /** The compute (server) the volume is attached to. */
  readonly computeId: string;
}

export interface VolumeRecord {
  readonly storageId: string;
  readonly tenantId: string;
  storageName: string;
  readonly zoneId: string;
  sizeOfStorageGb: number;
  /** Cinder's multiattach volume type flag: more than one attachment allowed (INV-G4). */
  readonly multiattach: boolean;
  status: VolumeStatus;
  attachments: VolumeAttachment[];
  /** Live snapshot ids, in creation order. */
  readonly snapshotIds: string[];
  metadata: Readonly<Record<string, string>>;
  /** The storage reservation it was created from (absent for an ordinary volume). */
  readonly reservationId?: string;
}

export interface VolumeSnapshotRecord {
  readonly snapshotId: string;
  readonly volumeId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly sizeGb: number;
  status: SnapshotStatus;
}

/** The IFA VirtualStorage view (plus Cinder's status and attachments). */
export function volumeView(v: VolumeRecord): Record<string, unknown> {
  return {
    storageId: v.storageId,
    storageName: v.storageName,
    tenantId: v.tenantId,
    typeOfStorage: "volume",
    sizeOfStorage: v.sizeOfStorageGb,
    zoneId: v.zoneId,
    multiattach: v.multiattach,
    status: v.status,
    operationalState: v.status === "error" ? "DISABLED" : "ENABLED",
    attachments: v.attachments.map((a) => ({ ...a })),
    snapshotIds: [...v.snapshotIds],
    metadata: v.metadata,
    // Only volumes created from a reservation carry the key: every other view stays as it was.
    ...(v.reservationId === undefined ? {} : { reservationId: v.reservationId }),
  };
}

export function snapshotView(s: VolumeSnapshotRecord): Record<string, unknown> {
  return { ...s };
}

/** QueryVirtualisedStorageResource's filter; every given field must match. */
export interface VolumeFilter {
  readonly tenantId?: string;
  readonly ids?: readonly string[];
  readonly zoneId?: string;
  readonly status?: readonly VolumeStatus[];
  /** Volumes attached to this compute. */
  readonly computeId?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export function matchesVolumeFilter(v: VolumeRecord, f: VolumeFilter): boolean {
  if (f.tenantId !== undefined && v.tenantId !== f.tenantId) return false;
  if (f.ids !== undefined && !f.ids.includes(v.storageId)) return false;
  if (f.zoneId !== undefined && v.zoneId !== f.zoneId) return false;
  if (f.status !== undefined && !f.status.includes(v.status)) return false;
  if (f.computeId !== undefined && !v.attachments.some((a) => a.computeId === f.computeId)) return false;
  return metadataMatches(v.metadata, f.metadata);
}
