/**
 * Capacity threshold subscriptions (IFA SubscribeResourceCapacityNotification with a
 * CapacityThreshold) for the storage and network pools of pool-capacity.ts, with the compute
 * monitor's rule (INV-K1): a notification only when the measure crosses its target — once going
 * below, once coming back to or above — never while it stays on one side. A watch reads its pool
 * through a function the façade gives (the same QueryResourceCapacity a caller gets), so the measure
 * counts what reservations hold: `available` is what an unreserved request may take.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Clock } from "../common/change-log.js";
import type { CapacityMeasure } from "./capacity-monitor.js";
import type { PoolCapacityInformation, PoolResourceType } from "./pool-capacity.js";

/** IFA CapacityChangeNotification for a pool's threshold crossing. */
export interface PoolCapacityChangeNotification {
  readonly kind: "capacity";
  readonly changeId: string;
  readonly subscriptionId: string;
  readonly timeMs: number;
  readonly resourceType: PoolResourceType;
  readonly zoneId: string | null;
  readonly pool: string;
  readonly measure: CapacityMeasure;
  readonly targetValue: number;
  readonly direction: "DOWN" | "UP";
  readonly value: number;
}

export type PoolCapacityConsumer = (n: PoolCapacityChangeNotification) => void;

interface PoolWatch {
  readonly id: string;
  /** The pool now; undefined while it cannot be read (a watched network deleted): the side stays as it was. */
  readonly read: () => PoolCapacityInformation | undefined;
  readonly measure: CapacityMeasure;
  readonly targetValue: number;
  readonly consumer: PoolCapacityConsumer;
  below: boolean;
}

/** The measure of one reading: units available, or 100 × allocated / total. */
export function poolMeasure(info: PoolCapacityInformation, measure: CapacityMeasure): number {
  if (measure === "available") return info.availableCapacity;
  return info.totalCapacity === 0 ? 100 : (100 * info.allocatedCapacity) / info.totalCapacity;
}

export class PoolCapacityMonitor {
  private watches: PoolWatch[] = [];
  private nextNo = 1;
  private nextChangeNo = 1;

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.watches.length;
  }

  /** Subscribe: the id (`capsub-pool-<n>`); the current side is remembered, nothing is sent. */
  subscribe(read: () => PoolCapacityInformation | undefined, measure: CapacityMeasure, targetValue: number, consumer: PoolCapacityConsumer): Result<string> {
    if (!Number.isFinite(targetValue)) return fail(domainError("INVALID_ARGUMENT", `threshold target ${targetValue} is not a number`));
    const now = read();
    if (now === undefined) return fail(domainError("NOT_FOUND", "the watched pool does not exist"));
    const id = `capsub-pool-${this.nextNo++}`;
    this.watches = [...this.watches, { id, read, measure, targetValue, consumer, below: poolMeasure(now, measure) < targetValue }];
    return ok(id);
  }

  has(id: string): boolean {
    return this.watches.some((w) => w.id === id);
  }

  unsubscribe(id: string): Result<void> {
    if (!this.has(id)) return fail(domainError("NOT_FOUND", `capacity subscription ${id} does not exist`));
    this.watches = this.watches.filter((w) => w.id !== id);
    return ok(undefined);
  }

  ids(): string[] {
    return this.watches.map((w) => w.id);
  }

  /** Re-reads every watched pool and notifies the subscriptions whose side changed, in creation order. */
  evaluate(): void {
    for (const w of this.watches) {
      const info = w.read();
      if (info === undefined) continue;
      const value = poolMeasure(info, w.measure);
      const below = value < w.targetValue;
      if (below === w.below) continue;
      w.below = below;
      const { resourceType, zoneId, pool } = info;
      w.consumer({ kind: "capacity", changeId: `capchg-pool-${this.nextChangeNo++}`, subscriptionId: w.id, timeMs: this.clock.nowMs, resourceType, zoneId, pool, measure: w.measure, targetValue: w.targetValue, direction: below ? "DOWN" : "UP", value });
    }
  }
}
