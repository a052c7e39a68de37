/**
 * Capacity threshold subscriptions (IFA SubscribeResourceCapacityNotification with a
 * CapacityThreshold) for the storage and network pools of pool-capacity.ts, with the compute
 * monitor's rule (INV-K1, threshold-watches.ts). A watch reads its pool
 * through a function the façade gives (the same QueryResourceCapacity a caller gets), so the measure
 * counts what reservations hold: `available` is what an unreserved request may take.
 */
import type { Result } from "../../domain/index.js";
import type { Clock } from "../common/change-log.js";
import type { CapacityMeasure } from "./capacity-monitor.js";
import type { PoolCapacityInformation, PoolResourceType } from "./pool-capacity.js";
import { ThresholdWatches } from "./threshold-watches.js";

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

/** The measure of one reading: units available, or 100 × allocated / total. */
export function poolMeasure(info: PoolCapacityInformation, measure: CapacityMeasure): number {
  if (measure === "available") return info.availableCapacity;
  return info.totalCapacity === 0 ? 100 : (100 * info.allocatedCapacity) / info.totalCapacity;
}

export class PoolCapacityMonitor extends ThresholdWatches<PoolCapacityInformation> {
  constructor(private readonly clock: Clock) {
    super("capsub-pool-", "capchg-pool-");
  }

  /**
   * Subscribe: the id (`capsub-pool-<n>`); the current side is remembered, nothing is sent. `read`
   * answers undefined while the pool cannot be read (a watched network deleted): the side then stays.
   */
  subscribe(read: () => PoolCapacityInformation | undefined, measure: CapacityMeasure, targetValue: number, consumer: PoolCapacityConsumer): Result<string> {
    return this.watch(
      {
        read,
        measure: (info) => poolMeasure(info, measure),
        notify: ({ changeId, subscriptionId, direction, value }, { resourceType, zoneId, pool }) =>
          consumer({ kind: "capacity", changeId, subscriptionId, timeMs: this.clock.nowMs, resourceType, zoneId, pool, measure, targetValue, direction, value }),
      },
      targetValue,
      "the watched pool does not exist",
    );
  }
}
