/**
 * Availability bookkeeping of a run with faults: when each server went down (its host failed) and
 * came back (evacuated or restarted and ACTIVE again), the Doctor latency from the fault to the
 * consumer's alarm notification, per-tenant exposure and downtime (SLA availability), and the
 * failed-host count integrated over time (capacity lost). Pure counters: the fault manager calls it.
 */
export interface TenantAvailability {
  exposureMs: number;
  downtimeMs: number;
}

/** A tenant's server in service (exposure) or down, over [fromMs, toMs). */
export type TenantInterval = readonly [tenant: string, fromMs: number, toMs: number];

export class AvailabilityTracker {
  /** Server number → when it went down (the fault time). */
  private readonly downSinceMs = new Map<number, number>();
  readonly downtimesMs: number[] = [];
  readonly restoreTimesMs: number[] = [];
  readonly doctorLatenciesMs: number[] = [];
  incidents = 0;
  restored = 0;
  /** Deleted while down: never restored. */
  lost = 0;
  /** Still down when the run ended. */
  downAtEnd = 0;
  evacuationsStarted = 0;
  evacuationsSucceeded = 0;
  evacuationsFailed = 0;
  restarts = 0;
  readonly tenants = new Map<string, TenantAvailability>();
  private hostsDown = 0;
  private lastChangeMs = 0;
  /** ∫ failed hosts dt, in host·ms. */
  hostDownMs = 0;
  peakHostsDown = 0;
  /** (time, failed hosts) after each change, in time order: capacity lost over time. */
  readonly hostsDownSteps: Array<readonly [number, number]> = [];
  /** (time, host index, 1 = failed | 0 = back) per host change, in time order: k-of-n and per-host availability. */
  readonly hostChanges: Array<readonly [number, number, 0 | 1]> = [];
  /** Kept only when asked (a run with time windows): every exposure and every downtime as an interval. */
  intervals: { readonly exposure: TenantInterval[]; readonly down: TenantInterval[] } | undefined;

  /** Keep the intervals from now on, so a span of the run can have its own SLA availability. */
  keepIntervals(): void {
    this.intervals ??= { exposure: [], down: [] };
  }

  private tenant(id: string): TenantAvailability {
    let t = this.tenants.get(id);
    if (t === undefined) this.tenants.set(id, (t = { exposureMs: 0, downtimeMs: 0 }));
    return t;
  }

  /** The failed-host count changes at `nowMs` by `delta` (host `h` failed: +1, or is back: −1). */
  hostsChanged(nowMs: number, delta: number, h = -1): void {
    if (h >= 0 && delta !== 0) this.hostChanges.push([nowMs, h, delta > 0 ? 1 : 0]);
    this.hostDownMs += (nowMs - this.lastChangeMs) * this.hostsDown;
    this.lastChangeMs = nowMs;
    this.hostsDown += delta;
    this.peakHostsDown = Math.max(this.peakHostsDown, this.hostsDown);
    if (delta !== 0) this.hostsDownSteps.push([nowMs, this.hostsDown]);
  }

  /** Server `no` lost service at `faultMs` (a no-op when it is already down). */
  down(no: number, faultMs: number): void {
    if (this.downSinceMs.has(no)) return;
    this.downSinceMs.set(no, faultMs);
    this.incidents++;
  }

  isDown(no: number): boolean {
    return this.downSinceMs.has(no);
  }

  /** The consumer of server `no` got its alarm at `nowMs` for a fault at `faultMs` (OPNFV Doctor). */
  notified(nowMs: number, faultMs: number): void {
    this.doctorLatenciesMs.push(nowMs - faultMs);
  }

  /** Server `no` of `tenant` is ACTIVE again at `nowMs`. */
  restoredAt(no: number, tenant: string, nowMs: number): void {
    const since = this.downSinceMs.get(no);
    if (since === undefined) return;
    this.downSinceMs.delete(no);
    this.restored++;
    this.downtimesMs.push(nowMs - since);
    this.restoreTimesMs.push(nowMs - since);
    this.tenant(tenant).downtimeMs += nowMs - since;
    this.intervals?.down.push([tenant, since, nowMs]);
  }

  /** Server `no` ended (terminated, or the run ended: `atRunEnd`) after `aliveMs` of service. */
  ended(no: number, tenant: string, nowMs: number, aliveMs: number, atRunEnd = false): void {
    const t = this.tenant(tenant);
    t.exposureMs += Math.max(0, aliveMs);
    // Every ended server, even one that never served (0 ms), names its tenant as the totals above do,
    // so a window's tenants are the run's tenants.
    this.intervals?.exposure.push([tenant, nowMs - Math.max(0, aliveMs), nowMs]);
    const since = this.downSinceMs.get(no);
    if (since === undefined) return;
    this.downSinceMs.delete(no);
    if (atRunEnd) this.downAtEnd++;
    else this.lost++;
    this.downtimesMs.push(nowMs - since);
    t.downtimeMs += nowMs - since;
    this.intervals?.down.push([tenant, since, nowMs]);
  }

  /** Closes the failed-host integral at the end of the run. */
  finish(nowMs: number): void {
    this.hostsChanged(nowMs, 0);
  }
}
