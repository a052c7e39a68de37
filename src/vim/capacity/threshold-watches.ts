/**
 * The crossing rule of capacity threshold subscriptions (IFA SubscribeResourceCapacityNotification
 * with a CapacityThreshold, INV-K1), shared by the compute monitor (host sums of a zone) and the pool
 * monitor (storage and network pools): a subscription is notified only when its measure crosses the
 * target, once going below, once coming back to or above, never while it stays on one side. Between
 * two `evaluate` calls only the side at each call counts. What a measure is and what a notification
 * carries belong to the monitors; the watch list knows readings, sides and numbering.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";

/** One crossing, numbered by the list: what every capacity change notification starts from. */
export interface Crossing {
  readonly changeId: string;
  readonly subscriptionId: string;
  readonly direction: "DOWN" | "UP";
  readonly value: number;
}

/** How a subscription reads its measure: R is the reading (undefined while it cannot be read: the side stays). */
export interface WatchSource<R> {
  readonly read: () => R | undefined;
  readonly measure: (reading: R) => number;
  readonly notify: (crossing: Crossing, reading: R) => void;
}

interface Watch<R> extends WatchSource<R> {
  readonly id: string;
  readonly targetValue: number;
  below: boolean;
}

/** The watch list; each monitor extends it with its own `subscribe` (what it measures and notifies). */
export class ThresholdWatches<R> {
  private watches: Watch<R>[] = [];
  private nextNo = 1;
  private nextChangeNo = 1;

  constructor(
    /** Subscription ids are `<subscriptionPrefix><n>`, change ids `<changePrefix><n>`, n from 1. */
    private readonly subscriptionPrefix: string,
    private readonly changePrefix: string,
  ) {}

  get size(): number {
    return this.watches.length;
  }

  has(id: string): boolean {
    return this.watches.some((w) => w.id === id);
  }

  /** Subscription ids, in creation order. */
  ids(): string[] {
    return this.watches.map((w) => w.id);
  }

  /**
   * A new subscription: its id; the current side is remembered and nothing is sent. INVALID_ARGUMENT
   * for a target that is not a finite number, NOT_FOUND (`unreadable`) when the measure cannot be read.
   */
  protected watch(source: WatchSource<R>, targetValue: number, unreadable: string): Result<string> {
    if (!Number.isFinite(targetValue)) return fail(domainError("INVALID_ARGUMENT", `threshold target ${targetValue} is not a number`));
    const now = source.read();
    if (now === undefined) return fail(domainError("NOT_FOUND", unreadable));
    const id = `${this.subscriptionPrefix}${this.nextNo++}`;
    this.watches = [...this.watches, { ...source, id, targetValue, below: source.measure(now) < targetValue }];
    return ok(id);
  }

  unsubscribe(id: string): Result<void> {
    if (!this.has(id)) return fail(domainError("NOT_FOUND", `capacity subscription ${id} does not exist`));
    this.watches = this.watches.filter((w) => w.id !== id);
    return ok(undefined);
  }

  /** Re-reads every measure and notifies the subscriptions whose side changed, in creation order. */
  evaluate(): void {
    for (const w of this.watches) {
      const reading = w.read();
      if (reading === undefined) continue;
      const value = w.measure(reading);
      const below = value < w.targetValue;
      if (below === w.below) continue;
      w.below = below;
      w.notify({ changeId: `${this.changePrefix}${this.nextChangeNo++}`, subscriptionId: w.id, direction: below ? "DOWN" : "UP", value }, reading);
    }
  }
}
