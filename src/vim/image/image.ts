/**
 * Software images as the VIM keeps them (IFA SoftwareImageInformation, Glance v2 image), their view,
 * the query filter and Glance's visibility rule: a tenant sees public images, its own, and shared
 * images it is a member of; the administrator (no viewer) sees everything.
 */
import { metadataMatches } from "../common/change-log.js";

export type ImageVisibility = "public" | "private" | "shared";
/** Glance statuses the twin uses: queued (no data yet), active, deleted. */
export type ImageStatus = "queued" | "active" | "deleted";

export interface ImageRecord {
  readonly softwareImageId: string;
  /** The owner (Glance owner / IFA resourceGroupId). */
  readonly tenantId: string;
  name: string;
  visibility: ImageVisibility;
  /** Tenants a shared image is shared with, sorted. */
  members: string[];
  /** Bytes of image data; null while queued. */
  sizeBytes: number | null;
  minRamMb: number;
  minDiskGb: number;
  status: ImageStatus;
  readonly diskFormat: string;
  readonly containerFormat: string;
  readonly provider: string;
  readonly version: string;
  /** Glance's protected flag: a protected image cannot be deleted. */
  isProtected: boolean;
  metadata: Readonly<Record<string, string>>;
}

export function imageView(i: ImageRecord): Record<string, unknown> {
  return {
    softwareImageId: i.softwareImageId,
    name: i.name,
    tenantId: i.tenantId,
    provider: i.provider,
    version: i.version,
    visibility: i.visibility,
    members: [...i.members],
    size: i.sizeBytes,
    minRam: i.minRamMb,
    minDisk: i.minDiskGb,
    status: i.status,
    diskFormat: i.diskFormat,
    containerFormat: i.containerFormat,
    protected: i.isProtected,
    userMetadata: i.metadata,
  };
}

/** Can `viewer` see the image? Undefined viewer = administrator. */
export function isVisibleTo(i: ImageRecord, viewer: string | undefined): boolean {
  if (viewer === undefined || i.visibility === "public" || i.tenantId === viewer) return true;
  return i.visibility === "shared" && i.members.includes(viewer);
}

/** QueryImages' filter; every given field must match. */
export interface ImageFilter {
  readonly ids?: readonly string[];
  readonly name?: string;
  readonly status?: readonly ImageStatus[];
  readonly visibility?: ImageVisibility;
  /** Images owned by this tenant. */
  readonly tenantId?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export function matchesImageFilter(i: ImageRecord, f: ImageFilter): boolean {
  if (f.ids !== undefined && !f.ids.includes(i.softwareImageId)) return false;
  if (f.name !== undefined && i.name !== f.name) return false;
  if (f.status !== undefined && !f.status.includes(i.status)) return false;
  if (f.visibility !== undefined && i.visibility !== f.visibility) return false;
  if (f.tenantId !== undefined && i.tenantId !== f.tenantId) return false;
  return metadataMatches(i.metadata, f.metadata);
}
