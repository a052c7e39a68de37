/**
 * Nova's per-host image cache (the _base directory): the first boot of an image on a host downloads
 * it from Glance, later boots find it there. `transferTimeMs` is size / bandwidth the first time and
 * 0 afterwards. An optional per-host capacity evicts the least recently used images first (use order
 * is a counter, so eviction is deterministic). Cache fills and evictions are state changes: one log
 * record each (entity "imageCache", id = host index).
 */
import { InvariantViolation } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, type Clock } from "../common/change-log.js";

/** What the cache needs of an image. */
export interface CachedImage {
  readonly softwareImageId: string;
  readonly sizeBytes: number | null;
}

export class ImageCache {
  /** Host index → image id → bytes, in least-recently-used-first order (Map order, re-inserted on use). */
  private readonly hosts = new Map<number, Map<string, number>>();
  /** Its change records (the VIM attaches its notifier: `changes.publishTo`). */
  readonly changes: ChangeLog;

  constructor(
    clock: Clock,
    log: EventLog,
    private readonly capacityBytesPerHost: number = Number.POSITIVE_INFINITY,
  ) {
    this.changes = new ChangeLog(clock, log);
  }

  /**
   * The time to bring `image` to host `hostIndex` over `bandwidthMbps`: ceil(bits / bandwidth) in ms
   * on a miss (the image is then cached), 0 on a hit.
   */
  transferTimeMs(image: CachedImage, hostIndex: number, bandwidthMbps: number): number {
    if (!(bandwidthMbps > 0)) throw new InvariantViolation("image-cache", `bandwidth ${bandwidthMbps} Mbps is not positive`);
    const cache = this.hosts.get(hostIndex) ?? new Map<string, number>();
    this.hosts.set(hostIndex, cache);
    const cachedBytes = cache.get(image.softwareImageId);
    if (cachedBytes !== undefined) {
      cache.delete(image.softwareImageId);
      cache.set(image.softwareImageId, cachedBytes);
      return 0;
    }
    const sizeBytes = image.sizeBytes ?? 0;
    this.fill(hostIndex, cache, image.softwareImageId, sizeBytes);
    // bits / (Mbit/s) = µs; / 1000 = ms. Integer ms, rounded up so a transfer never takes 0.
    return Math.ceil((sizeBytes * 8) / (bandwidthMbps * 1000));
  }

  /** Is the image on the host? */
  isCached(imageId: string, hostIndex: number): boolean {
    return this.hosts.get(hostIndex)?.has(imageId) ?? false;
  }

  /** Image ids on the host, least recently used first. */
  cachedImages(hostIndex: number): string[] {
    return [...(this.hosts.get(hostIndex)?.keys() ?? [])];
  }

  /** Bytes cached on the host. */
  cachedBytes(hostIndex: number): number {
    let total = 0;
    for (const bytes of this.hosts.get(hostIndex)?.values() ?? []) total += bytes;
    return total;
  }

  private fill(hostIndex: number, cache: Map<string, number>, imageId: string, sizeBytes: number): void {
    // An image larger than the whole cache is streamed, not kept.
    if (sizeBytes > this.capacityBytesPerHost) return;
    let used = this.cachedBytes(hostIndex);
    for (const [oldest, bytes] of cache) {
      if (used + sizeBytes <= this.capacityBytesPerHost) break;
      cache.delete(oldest);
      used -= bytes;
      this.changes.write("imageCache", String(hostIndex), "evict", this.changes.snapshot(() => ({ imageId: oldest, sizeBytes: bytes })), () => null);
    }
    cache.set(imageId, sizeBytes);
    this.changes.write("imageCache", String(hostIndex), "fill", null, () => ({ imageId, sizeBytes }));
  }
}
