/**
 * Library façade for IFA virtualised resources capacity management (Or-Vi: the NFVO, i.e. the cloud
 * administrator; a tenant-scoped caller is FORBIDDEN). QueryResourceCapacity reads the NFVI ledger;
 * capacity subscriptions are re-evaluated at every compute change notification, the moments claims
 * and releases happen. The façade listens to the ChangeNotifier only while a capacity subscription
 * exists, so a run without one pays nothing. Capacity moved by other means (an operator changing a
 * host's inventory) is seen at the next compute change or by calling `evaluate`.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { queryCapacity, type CapacityInformation, type CapacityQuery } from "../capacity/capacity-query.js";
import { CapacityMonitor, type CapacityConsumer, type CapacityThreshold } from "../capacity/capacity-monitor.js";
import type { PoolCapacityInformation } from "../capacity/pool-capacity.js";
import { PoolCapacityMonitor, type PoolCapacityConsumer } from "../capacity/pool-capacity-monitor.js";
import type { CapacityMeasure } from "../capacity/capacity-monitor.js";
import type { Caller } from "./guard.js";
import { queryResourceCapacity, type PoolCapacityQuery } from "./pool-capacity-api.js";
import type { VimCore } from "./vim-core.js";

/** A threshold on a storage or network pool: the pool as QueryResourceCapacity names it, a measure and its target. */
export type PoolCapacityThreshold = (PoolCapacityQuery extends infer Q ? (Q extends unknown ? Omit<Q, "timeWindow"> : never) : never) & { readonly measure: CapacityMeasure; readonly targetValue: number };

export class CapacityApi {
  private readonly monitor: CapacityMonitor;
  /** Thresholds on storage and network pools, fed by every change notification while it has subscriptions. */
  private readonly pools: PoolCapacityMonitor;
  private poolFeed: string | undefined;
  /** The ChangeNotifier subscription feeding the monitor, while it has subscriptions. */
  private feed: string | undefined;

  constructor(private readonly core: VimCore) {
    this.monitor = new CapacityMonitor(core.nfvi, core.clock);
    this.pools = new PoolCapacityMonitor(core.clock);
  }

  /** QueryResourceCapacity for a zone or the whole VIM (see capacity-query.ts). */
  query(caller: Caller, q: CapacityQuery): Result<CapacityInformation> {
    const p = this.operator(caller);
    return p.ok ? queryCapacity(this.core.nfvi, q, this.core.clock.nowMs, this.core.commitments) : p;
  }

  /** QueryResourceCapacity of a storage or network pool (see pool-capacity-api.ts). */
  queryResource(caller: Caller, q: PoolCapacityQuery): Result<PoolCapacityInformation> {
    const p = this.operator(caller);
    return p.ok ? queryResourceCapacity(this.core, q) : p;
  }

  /** SubscribeResourceCapacityNotification with one threshold: the subscription id. */
  subscribe(caller: Caller, threshold: CapacityThreshold, consumer: CapacityConsumer): Result<string> {
    const p = this.operator(caller);
    if (!p.ok) return p;
    const id = this.monitor.subscribe(threshold, consumer);
    if (id.ok && this.feed === undefined) {
      this.feed = this.core.notifier.subscribe({ kinds: ["change"], resourceTypes: ["server"] }, () => this.monitor.evaluate());
    }
    return id;
  }

  /**
   * SubscribeResourceCapacityNotification on a storage or network pool (INV-K1): the subscription id,
   * or the query's refusal (NOT_FOUND zone or network). Re-evaluated at every change notification,
   * volumes, ports, public IPs, networks and reservations alike.
   */
  subscribeResource(caller: Caller, threshold: PoolCapacityThreshold, consumer: PoolCapacityConsumer): Result<string> {
    const p = this.operator(caller);
    if (!p.ok) return p;
    const { measure, targetValue, ...query } = threshold;
    const q = query as PoolCapacityQuery;
    const first = queryResourceCapacity(this.core, q);
    if (!first.ok) return first;
    const id = this.pools.subscribe(() => {
      const r = queryResourceCapacity(this.core, q);
      return r.ok ? r.value : undefined;
    }, measure, targetValue, consumer);
    if (id.ok && this.poolFeed === undefined) this.poolFeed = this.core.notifier.subscribe({ kinds: ["change"] }, () => this.pools.evaluate());
    return id;
  }

  unsubscribe(caller: Caller, subscriptionId: string): Result<void> {
    const p = this.operator(caller);
    if (!p.ok) return p;
    if (this.pools.has(subscriptionId)) return this.unsubscribePool(subscriptionId);
    const r = this.monitor.unsubscribe(subscriptionId);
    if (r.ok && this.monitor.size === 0 && this.feed !== undefined) {
      this.core.notifier.unsubscribe(this.feed);
      this.feed = undefined;
    }
    return r;
  }

  /** Capacity subscription ids, in creation order (compute thresholds, then pool thresholds). */
  list(caller: Caller): Result<string[]> {
    const p = this.operator(caller);
    return p.ok ? ok([...this.monitor.ids(), ...this.pools.ids()]) : p;
  }

  private unsubscribePool(id: string): Result<void> {
    const r = this.pools.unsubscribe(id);
    if (r.ok && this.pools.size === 0 && this.poolFeed !== undefined) {
      this.core.notifier.unsubscribe(this.poolFeed);
      this.poolFeed = undefined;
    }
    return r;
  }

  /** Re-evaluates every threshold now (after a change no compute notification announces). */
  evaluate(): void {
    this.monitor.evaluate();
    this.pools.evaluate();
  }

  /** Capacity management is the cloud operator's: a cloud-scoped role. */
  private operator(caller: Caller): Result<void> {
    const p = this.core.guard.permit(caller, "tenant:list");
    if (!p.ok) return p;
    if (this.core.guard.scope(p.value, "tenant:list") !== undefined) return fail(domainError("FORBIDDEN", "capacity management is for cloud administrators", { "not cloud-scoped": 1 }));
    return ok(undefined);
  }
}
