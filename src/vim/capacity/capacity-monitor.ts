/**
 * Capacity subscriptions with thresholds (IFA SubscribeResourceCapacityNotification with a
 * CapacityThreshold): each watches one measure of one resource class in a zone or the whole VIM and
 * is notified only when the measure crosses its target (INV-K1, the rule of threshold-watches.ts).
 * `evaluate` is called after every change that can move capacity (the façade calls it at each compute
 * change notification).
 */
import { domainError, fail, resourceClassIndex, type ResourceClass, type Result } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { Clock } from "../common/change-log.js";
import { hostsInScope, totalsOf } from "./capacity-query.js";
import { ThresholdWatches } from "./threshold-watches.js";

/** available: units left (ABSOLUTE_VALUE on AVAILABLE); utilisationPercent: 100 × allocated / total (PERCENTAGE_OF_TOTAL on ALLOCATED). */
export type CapacityMeasure = "available" | "utilisationPercent";

export interface CapacityThreshold {
  readonly zoneId?: string;
  readonly resourceClass: ResourceClass;
  readonly measure: CapacityMeasure;
  readonly targetValue: number;
}

/** IFA CapacityChangeNotification for a threshold crossing: DOWN when the measure went below the target, UP when it came back. */
export interface CapacityChangeNotification {
  readonly kind: "capacity";
  readonly changeId: string;
  readonly subscriptionId: string;
  readonly timeMs: number;
  readonly zoneId: string | null;
  readonly resourceClass: ResourceClass;
  readonly measure: CapacityMeasure;
  readonly targetValue: number;
  readonly direction: "DOWN" | "UP";
  readonly value: number;
}

export type CapacityConsumer = (n: CapacityChangeNotification) => void;

export class CapacityMonitor extends ThresholdWatches<true> {
  constructor(
    private readonly nfvi: NfviState,
    private readonly clock: Clock,
  ) {
    super("capsub-", "capchg-");
  }

  /** The measure of `threshold` now (the same sums as QueryResourceCapacity, reserved = 0 until reservations). */
  measure(threshold: CapacityThreshold, hosts: readonly number[]): number {
    const { total, allocated } = totalsOf(this.nfvi, hosts, resourceClassIndex(threshold.resourceClass));
    if (threshold.measure === "available") return total - allocated;
    return total === 0 ? 100 : (100 * allocated) / total;
  }

  /** Subscribe: the subscription id (`capsub-<n>`); the current side is remembered, nothing is sent. */
  subscribe(threshold: CapacityThreshold, consumer: CapacityConsumer): Result<string> {
    if (!Number.isFinite(threshold.targetValue)) return fail(domainError("INVALID_ARGUMENT", `threshold target ${threshold.targetValue} is not a number`));
    const hosts = hostsInScope(this.nfvi, threshold.zoneId);
    if (!hosts.ok) return hosts;
    const t = { ...threshold };
    const scope = hosts.value;
    return this.watch(
      {
        // Host sums can always be read: the reading is only "there is one".
        read: () => true,
        measure: () => this.measure(t, scope),
        notify: ({ changeId, subscriptionId, direction, value }) =>
          consumer({ kind: "capacity", changeId, subscriptionId, timeMs: this.clock.nowMs, zoneId: t.zoneId ?? null, resourceClass: t.resourceClass, measure: t.measure, targetValue: t.targetValue, direction, value }),
      },
      t.targetValue,
      "the watched zone does not exist",
    );
  }
}
