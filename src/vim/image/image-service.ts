/**
 * IFA 005/006 software image management with Glance v2 semantics: AddImage (queued, active once its
 * data is uploaded), QueryImages/QueryImage under the visibility rule, UpdateImage, DeleteImage.
 * Expected failures are values: NOT_FOUND for an unknown image or one the tenant cannot see (Glance
 * answers 404 rather than revealing it), FORBIDDEN for another tenant's image, a read-only attribute
 * or a protected image (Glance's 403s), WRONG_STATE for an upload to an image that has data.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, compareIds, sortedMetadata, type Clock } from "../common/change-log.js";
import { imageView, isVisibleTo, matchesImageFilter, type ImageFilter, type ImageRecord, type ImageVisibility } from "./image.js";

export interface AddImageRequest {
  readonly name: string;
  readonly tenantId: string;
  /** Default private (IFA: private → that tenant and administrators only). */
  readonly visibility?: ImageVisibility;
  /** Image data size; given, the image is uploaded at once and becomes active. */
  readonly sizeBytes?: number;
  readonly minRamMb?: number;
  readonly minDiskGb?: number;
  readonly diskFormat?: string;
  readonly containerFormat?: string;
  readonly provider?: string;
  readonly version?: string;
  readonly isProtected?: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** UpdateImage: mutable attributes; size, status and owner are read-only (FORBIDDEN, as Glance). */
export interface UpdateImageData {
  readonly name?: string;
  readonly visibility?: ImageVisibility;
  readonly members?: readonly string[];
  readonly minRamMb?: number;
  readonly minDiskGb?: number;
  readonly isProtected?: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly removeMetadata?: readonly string[];
  readonly sizeBytes?: number;
  readonly status?: string;
  readonly tenantId?: string;
}

const READ_ONLY = ["sizeBytes", "status", "tenantId"] as const satisfies ReadonlyArray<keyof UpdateImageData>;
const isCount = (n: number | undefined): boolean => n === undefined || (Number.isInteger(n) && n >= 0);

export class ImageService {
  private readonly images = new Map<string, ImageRecord>();
  /** Its change records (the VIM attaches its notifier: `changes.publishTo`). */
  readonly changes: ChangeLog;
  private nextNo = 1;

  constructor(clock: Clock, log: EventLog) {
    this.changes = new ChangeLog(clock, log);
  }

  /** AddImage: queued, then active when `sizeBytes` is given (the upload). */
  add(req: AddImageRequest): Result<ImageRecord> {
    if (!isCount(req.minRamMb) || !isCount(req.minDiskGb) || !isCount(req.sizeBytes)) {
      return fail(domainError("INVALID_ARGUMENT", "minRam, minDisk and size must be non-negative integers"));
    }
    const i: ImageRecord = {
      softwareImageId: `img-${this.nextNo++}`,
      tenantId: req.tenantId,
      name: req.name,
      visibility: req.visibility ?? "private",
      members: [],
      sizeBytes: null,
      minRamMb: req.minRamMb ?? 0,
      minDiskGb: req.minDiskGb ?? 0,
      status: "queued",
      diskFormat: req.diskFormat ?? "qcow2",
      containerFormat: req.containerFormat ?? "bare",
      provider: req.provider ?? "",
      version: req.version ?? "",
      isProtected: req.isProtected ?? false,
      metadata: sortedMetadata(req.metadata ?? {}),
    };
    this.images.set(i.softwareImageId, i);
    this.changes.write("image", i.softwareImageId, "create", null, () => imageView(i));
    if (req.sizeBytes !== undefined) this.upload(i.softwareImageId, req.sizeBytes);
    return ok(i);
  }

  /** Uploads the data of a queued image: it becomes active. WRONG_STATE unless queued. */
  upload(imageId: string, sizeBytes: number): Result<ImageRecord> {
    const i = this.images.get(imageId);
    if (i === undefined) return fail(domainError("NOT_FOUND", `image ${imageId} does not exist`));
    if (!isCount(sizeBytes)) return fail(domainError("INVALID_ARGUMENT", `image size ${sizeBytes} is not a non-negative integer`));
    if (i.status !== "queued") return fail(domainError("WRONG_STATE", `image ${imageId} is ${i.status}: data can be uploaded to a queued image only`));
    const before = this.changes.snapshot(() => imageView(i));
    i.sizeBytes = sizeBytes;
    i.status = "active";
    this.changes.write("image", imageId, "upload", before, () => imageView(i));
    return ok(i);
  }

  /** QueryImage: NOT_FOUND when unknown or invisible to `viewer` (undefined = administrator). */
  get(imageId: string, viewer?: string): Result<Readonly<ImageRecord>> {
    const i = this.images.get(imageId);
    if (i === undefined || !isVisibleTo(i, viewer)) return fail(domainError("NOT_FOUND", `image ${imageId} does not exist`));
    return ok(i);
  }

  /** QueryImages: images `viewer` can see that match `filter`, in creation order. */
  query(filter: ImageFilter = {}, viewer?: string): Readonly<ImageRecord>[] {
    return [...this.images.values()].filter((i) => isVisibleTo(i, viewer) && matchesImageFilter(i, filter));
  }

  /** UpdateImage by `actor` (undefined = administrator). */
  update(imageId: string, data: UpdateImageData, actor?: string): Result<ImageRecord> {
    const i = this.owned(imageId, actor);
    if (!i.ok) return i;
    const readOnly = READ_ONLY.filter((a) => data[a] !== undefined);
    if (readOnly.length > 0) return fail(domainError("FORBIDDEN", `attribute ${readOnly.join(", ")} is read-only`));
    if (!isCount(data.minRamMb) || !isCount(data.minDiskGb)) return fail(domainError("INVALID_ARGUMENT", "minRam and minDisk must be non-negative integers"));
    const image = i.value;
    const before = this.changes.snapshot(() => imageView(image));
    if (data.name !== undefined) image.name = data.name;
    if (data.visibility !== undefined) image.visibility = data.visibility;
    if (data.members !== undefined) image.members = [...new Set(data.members)].sort(compareIds);
    if (data.minRamMb !== undefined) image.minRamMb = data.minRamMb;
    if (data.minDiskGb !== undefined) image.minDiskGb = data.minDiskGb;
    if (data.isProtected !== undefined) image.isProtected = data.isProtected;
    const next: Record<string, string> = { ...image.metadata, ...data.metadata };
    for (const key of data.removeMetadata ?? []) delete next[key];
    image.metadata = sortedMetadata(next);
    this.changes.write("image", imageId, "update", before, () => imageView(image));
    return ok(image);
  }

  /** DeleteImage by `actor`: FORBIDDEN while protected. */
  delete(imageId: string, actor?: string): Result<void> {
    const i = this.owned(imageId, actor);
    if (!i.ok) return i;
    const image = i.value;
    if (image.isProtected) return fail(domainError("FORBIDDEN", `image ${imageId} is protected`));
    const before = this.changes.snapshot(() => imageView(image));
    image.status = "deleted";
    this.images.delete(imageId);
    this.changes.write("image", imageId, "delete", before, () => imageView(image));
    return ok(undefined);
  }

  /** The image, if `actor` may change it: NOT_FOUND when invisible, FORBIDDEN when another tenant's. */
  private owned(imageId: string, actor: string | undefined): Result<ImageRecord> {
    const i = this.images.get(imageId);
    if (i === undefined || !isVisibleTo(i, actor)) return fail(domainError("NOT_FOUND", `image ${imageId} does not exist`));
    if (actor !== undefined && i.tenantId !== actor) return fail(domainError("FORBIDDEN", `image ${imageId} belongs to another tenant`));
    return ok(i);
  }
}
