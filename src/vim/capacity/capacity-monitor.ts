/**
 * Capacity subscriptions with thresholds (IFA SubscribeResourceCapacityNotification with a
 * CapacityThreshold): each watches one measure of one resource class in a zone or the whole VIM and
 * is notified only when the measure crosses its target (INV-K1): once when it goes below, once when
 * it comes back to or above, never while it stays on one side. `evaluate` is called after every
 * change that can move capacity (the façade calls it at each compute change notification); between
 * two calls, only the side at each call counts.
 */
import { domainError, fail, ok, resourceClassIndex, type ResourceClass, type Result } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { Clock } from "../common/change-log.js";
import { hostsInScope, totalsOf } from "./capacity-query.js";

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

interface Watch {
  readonly id: string;
  readonly threshold: CapacityThreshold;
  readonly hosts: readonly number[];
  readonly consumer: CapacityConsumer;
  below: boolean;
}

export class CapacityMonitor {
  private watches: Watch[] = [];
  private nextNo = 1;
  private nextChangeNo = 1;

  constructor(
    private readonly nfvi: NfviState,
    private readonly clock: Clock,
  ) {}

  get size(): number {
    return this.watches.length;
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
    const id = `capsub-${this.nextNo++}`;
    const below = this.measure(threshold, hosts.value) < threshold.targetValue;
    this.watches = [...this.watches, { id, threshold: { ...threshold }, hosts: hosts.value, consumer, below }];
    return ok(id);
  }

  unsubscribe(id: string): Result<void> {
    if (!this.watches.some((w) => w.id === id)) return fail(domainError("NOT_FOUND", `capacity subscription ${id} does not exist`));
    this.watches = this.watches.filter((w) => w.id !== id);
    return ok(undefined);
  }

  /** Subscription ids, in creation order. */
  ids(): string[] {
    return this.watches.map((w) => w.id);
  }

  /** Re-reads every watched measure and notifies the subscriptions whose side changed, in creation order. */
  evaluate(): void {
    for (const w of this.watches) {
      const value = this.measure(w.threshold, w.hosts);
      const below = value < w.threshold.targetValue;
      if (below === w.below) continue;
      w.below = below;
      const t = w.threshold;
      w.consumer({
        kind: "capacity",
        changeId: `capchg-${this.nextChangeNo++}`,
        subscriptionId: w.id,
        timeMs: this.clock.nowMs,
        zoneId: t.zoneId ?? null,
        resourceClass: t.resourceClass,
        measure: t.measure,
        targetValue: t.targetValue,
        direction: below ? "DOWN" : "UP",
        value,
      });
    }
  }
}
