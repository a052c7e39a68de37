/**
 * Named time windows of a run (issue 16, item 7): per window, the measured requests decided in it,
 * the site's time-weighted utilisation per resource class and its peak, and the share of host time
 * up. Exact, not sampled: the usage integrals are the usage tracker's own (∫ at a window's edges,
 * taken before the first host change at or after the edge, when nothing after it is recorded yet);
 * no kernel event is added, so a run with windows does what it does without them.
 *
 * A window [from, to) is clipped to the measured period (from the warm-up's end to the run's end),
 * as the whole run's metrics are: a window covering the measured run gives the whole run's numbers.
 */
import { InvariantViolation, RESOURCE_CLASSES, RESOURCE_CLASS_COUNT } from "../../domain/index.js";
import { ComputeMetrics, type TimeWeighted } from "../../metrics/index.js";
import type { TenantInterval } from "../../vim/index.js";
import type { WindowSource, WindowSpec } from "../resolve/windows.js";
import type { UsageTracker } from "./usage-tracker.js";
import type { WindowSummary } from "./run-result.js";

const C = RESOURCE_CLASS_COUNT;
const round = (x: number): number => Math.round(x * 1e9) / 1e9;

/** A window with both ends known (a storm's end comes from the run's draws). */
export interface RunWindow {
  readonly name: string;
  readonly source: WindowSource;
  readonly fromMs: number;
  readonly toMs: number;
}

/** What a run with faults knows of its outages: failed-host steps, host count, each server's service and downtime. */
export interface FaultRecord {
  readonly steps: ReadonlyArray<readonly [number, number]>;
  readonly hosts: number;
  readonly intervals: { readonly exposure: ReadonlyArray<TenantInterval>; readonly down: ReadonlyArray<TenantInterval> } | undefined;
}

/** The site's bound handles of one accelerator type (acc-run.ts): a window takes its own mean and peak. */
export interface AccBoundSource {
  readonly type: string;
  readonly handles: number;
  readonly tw: TimeWeighted;
}

const PENDING = 0;
const OPEN = 1;
const CLOSED = 2;

class Slot {
  state = PENDING;
  openedMs = 0;
  closedMs = 0;
  readonly usedFrom = new Float64Array(C);
  readonly capFrom = new Float64Array(C);
  readonly usedTo = new Float64Array(C);
  readonly capTo = new Float64Array(C);
  readonly peakUsed = new Float64Array(C);
  readonly peakShare = new Float64Array(C);
  readonly accFrom: Float64Array;
  readonly accTo: Float64Array;
  readonly accPeak: Float64Array;
  // Requests (one allocation of one or more servers) and servers, as summary.json's requests.* and
  // servers.*: placed and rejected (decided is their sum).
  requestsPlaced = 0;
  requestsRejected = 0;
  serversPlaced = 0;
  serversRejected = 0;
  constructor(
    readonly w: RunWindow,
    accTypes: number,
  ) {
    [this.accFrom, this.accTo, this.accPeak] = [new Float64Array(accTypes), new Float64Array(accTypes), new Float64Array(accTypes)];
  }

  contains(tMs: number): boolean {
    return this.w.fromMs <= tMs && tMs < this.w.toMs;
  }
}

/** The counters a decision moves in a slot: placed, or rejected. */
type Counts = readonly ["serversPlaced" | "requestsPlaced", "serversRejected" | "requestsRejected"];
const SERVER_COUNTS: Counts = ["serversPlaced", "serversRejected"];
const REQUEST_COUNTS: Counts = ["requestsPlaced", "requestsRejected"];

export class WindowTracker {
  private readonly slots: Slot[];
  private measuringSinceMs = -1;

  constructor(
    windows: ReadonlyArray<RunWindow>,
    private readonly usage: UsageTracker,
    private readonly nowMs: () => number,
    /** The site's accelerator types, when the model has accelerators. */
    private readonly acc: ReadonlyArray<AccBoundSource> | undefined = undefined,
  ) {
    this.slots = windows.map((w) => new Slot(w, acc?.length ?? 0));
  }

  /** Around a change of bound accelerator handles (acc-run.ts): edges first, peaks after. */
  readonly accChanging = {
    before: (): void => this.edges(this.nowMs(), true),
    after: (): void => {
      for (const s of this.slots) if (s.state === OPEN) this.raisePeaks(s);
    },
  };

  /** Host h changes now: windows whose edge has passed take their integrals first (hot path of runs with windows). */
  hostChanged(h: number, change: (h: number) => void): void {
    const now = this.nowMs();
    this.edges(now, true);
    change(h);
    for (const s of this.slots) if (s.state === OPEN) this.raisePeaks(s);
  }

  /** The measured period starts now (after the usage tracker restarted its integrals). */
  startMeasuring(): void {
    this.measuringSinceMs = this.nowMs();
    this.edges(this.measuringSinceMs, false);
  }

  /** One server's placement decided now (counted when measured, as the whole run counts it). */
  onDecision(measured: boolean, placed: boolean): void {
    if (measured) this.count(SERVER_COUNTS, placed);
  }

  /** One request decided now: placed whole or refused whole. */
  onRequest(measured: boolean, placed: boolean): void {
    if (measured) this.count(REQUEST_COUNTS, placed);
  }

  private count(keys: Counts, placed: boolean): void {
    const now = this.nowMs();
    for (const s of this.slots) {
      if (!s.contains(now)) continue;
      s[placed ? keys[0] : keys[1]]++;
    }
  }

  /**
   * The section at the run's end `endMs` (no host change may follow); `faults` when the run has faults.
   */
  summary(endMs: number, faults?: FaultRecord): Record<string, WindowSummary> {
    this.edges(endMs, false);
    const out: Record<string, WindowSummary> = {};
    for (const s of this.slots) {
      if (s.state === OPEN) this.close(s, endMs);
      out[s.w.name] = this.windowSummary(s, endMs, faults);
    }
    return out;
  }

  /** Opens the windows that start by `now` and closes those that ended by `now`. */
  private edges(now: number, atChange: boolean): void {
    if (this.measuringSinceMs < 0) return;
    for (const s of this.slots) {
      if (s.state === PENDING && now >= s.w.fromMs) this.open(s, now, atChange);
      if (s.state === OPEN && now >= s.w.toMs) this.close(s, s.w.toMs);
    }
  }

  private open(s: Slot, now: number, atChange: boolean): void {
    const at = Math.max(s.w.fromMs, this.measuringSinceMs);
    s.state = OPEN;
    s.openedMs = at;
    for (let c = 0; c < C; c++) {
      s.usedFrom[c] = this.usage.siteArea("used", c, at);
      s.capFrom[c] = this.usage.siteArea("capacity", c, at);
    }
    this.acc?.forEach((a, k) => (s.accFrom[k] = a.tw.areaUntil(at)));
    // The present state holds from `at` unless it is about to change at `at` itself.
    if (!atChange || now > at) this.raisePeaks(s);
  }

  private close(s: Slot, at: number): void {
    s.state = CLOSED;
    s.closedMs = Math.max(at, s.openedMs);
    for (let c = 0; c < C; c++) {
      s.usedTo[c] = this.usage.siteArea("used", c, s.closedMs);
      s.capTo[c] = this.usage.siteArea("capacity", c, s.closedMs);
    }
    this.acc?.forEach((a, k) => (s.accTo[k] = a.tw.areaUntil(s.closedMs)));
  }

  private raisePeaks(s: Slot): void {
    for (let c = 0; c < C; c++) {
      const used = this.usage.siteUsed(c);
      const cap = this.usage.siteCapacity(c);
      if (used > s.peakUsed[c]!) s.peakUsed[c] = used;
      const share = cap > 0 ? used / cap : 0;
      if (share > s.peakShare[c]!) s.peakShare[c] = share;
    }
    this.acc?.forEach((a, k) => {
      if (a.tw.current > s.accPeak[k]!) s.accPeak[k] = a.tw.current;
    });
  }

  private windowSummary(s: Slot, endMs: number, faults: FaultRecord | undefined): WindowSummary {
    const opened = s.state !== PENDING;
    // A window that never opened (it starts after the run's end, or nothing was measured) is empty.
    const fromMs = opened ? s.openedMs : Math.min(Math.max(s.w.fromMs, this.measuringSinceMs < 0 ? endMs : this.measuringSinceMs), endMs);
    const toMs = opened ? s.closedMs : fromMs;
    const spanMs = toMs - fromMs;
    const utilisation: Record<string, WindowSummary["utilisation"][string]> = {};
    RESOURCE_CLASSES.forEach((rc, c) => {
      // The same arithmetic as the whole run's utilisation (usage-tracker.ts), so a window over the measured run equals it.
      const meanUsed = spanMs > 0 ? (s.usedTo[c]! - s.usedFrom[c]!) / spanMs : 0;
      const meanCap = spanMs > 0 ? (s.capTo[c]! - s.capFrom[c]!) / spanMs : 0;
      utilisation[rc] = {
        meanCapacity: round(meanCap),
        meanUsed: round(meanUsed),
        peakUsed: opened ? s.peakUsed[c]! : 0,
        meanUtilisation: meanCap > 0 ? round(meanUsed / meanCap) : 0,
        peakUtilisation: opened ? round(s.peakShare[c]!) : 0,
      };
    });
    const decided = s.requestsPlaced + s.requestsRejected;
    const asked = s.serversPlaced + s.serversRejected;
    const requests = { measured: decided, placed: s.requestsPlaced, rejected: s.requestsRejected, rejectionRate: decided === 0 ? 0 : round(s.requestsRejected / decided) };
    const servers = { requested: asked, placed: s.serversPlaced, rejected: s.serversRejected, rejectionRate: asked === 0 ? 0 : round(s.serversRejected / asked) };
    return {
      source: s.w.source,
      fromMs: s.w.fromMs,
      toMs: s.w.toMs,
      measuredFromMs: fromMs,
      measuredToMs: toMs,
      requests,
      servers,
      utilisation,
      ...(this.acc === undefined ? {} : { accelerators: this.accelerators(s, spanMs, opened) }),
      ...(faults === undefined ? {} : { availability: { ...windowAvailability(faults.steps, faults.hosts, fromMs, toMs), tenants: tenantAvailability(faults.intervals, fromMs, toMs) } }),
    };
  }

  /** Accelerator type → bound handles within the window, as the whole run's accelerators.utilisation.all. */
  private accelerators(s: Slot, spanMs: number, opened: boolean): NonNullable<WindowSummary["accelerators"]> {
    const out: Record<string, NonNullable<WindowSummary["accelerators"]>[string]> = {};
    this.acc?.forEach((a, k) => {
      const mean = spanMs > 0 ? (s.accTo[k]! - s.accFrom[k]!) / spanMs : 0;
      const peak = opened ? s.accPeak[k]! : 0;
      out[a.type] = { handles: a.handles, meanBound: round(mean), peakBound: peak, meanUtilisation: a.handles > 0 ? round(mean / a.handles) : 0, peakUtilisation: a.handles > 0 ? round(peak / a.handles) : 0 };
    });
    return out;
  }
}

/**
 * The failed-host count over [fromMs, toMs) from its change steps (time, count after the change),
 * as availability-summary.ts defines the whole run's: mean share of hosts down, its complement, peak.
 */
export function windowAvailability(steps: ReadonlyArray<readonly [number, number]>, hosts: number, fromMs: number, toMs: number): Omit<NonNullable<WindowSummary["availability"]>, "tenants"> {
  let current = 0;
  let i = 0;
  while (i < steps.length && steps[i]![0] <= fromMs) current = steps[i++]![1];
  let peak = current;
  let downMs = 0;
  let lastMs = fromMs;
  for (; i < steps.length && steps[i]![0] < toMs; i++) {
    downMs += current * (steps[i]![0] - lastMs);
    lastMs = steps[i]![0];
    current = steps[i]![1];
    peak = Math.max(peak, current);
  }
  downMs += current * (toMs - lastMs);
  const spanMs = toMs - fromMs;
  const meanShareDown = spanMs > 0 && hosts > 0 ? round(downMs / spanMs / hosts) : 0;
  return { hostAvailability: spanMs > 0 && hosts > 0 ? round(1 - downMs / spanMs / hosts) : 1, meanShareDown, peakHostsDown: spanMs > 0 ? peak : 0 };
}

/** The compute counters of a run with windows: every decision also reaches the window tracker. */
export class WindowedMetrics extends ComputeMetrics {
  constructor(private readonly windows: () => WindowTracker | undefined) {
    super();
  }

  override onDecision(measured: boolean, placed: boolean): void {
    super.onDecision(measured, placed);
    this.windows()?.onDecision(measured, placed);
  }

  override onRequestPlaced(measured: boolean): void {
    super.onRequestPlaced(measured);
    this.windows()?.onRequest(measured, true);
  }

  override onRejection(measured: boolean, kind: string, servers: number, reasons: ReadonlyMap<string, number> | undefined): void {
    super.onRejection(measured, kind, servers, reasons);
    this.windows()?.onRequest(measured, false);
  }
}

/** The run's windows with both ends: a storm's from its drawn span (first failure to last repair). */
export function runWindows(windows: ReadonlyArray<WindowSpec>, stormSpansMs: ReadonlyArray<readonly [number, number]>): RunWindow[] {
  return windows.map((w) => {
    if (w.toMs !== undefined) return { name: w.name, source: w.source, fromMs: w.fromMs, toMs: w.toMs };
    const span = stormSpansMs[w.storm ?? -1];
    if (span === undefined) throw new InvariantViolation("MODEL", `window ${w.name} names storm ${w.storm} that the fault driver did not schedule`);
    return { name: w.name, source: w.source, fromMs: span[0], toMs: span[1] };
  });
}

/**
 * Per tenant, SLA availability within [fromMs, toMs) as availability-summary.ts defines it over the
 * run: 1 − downtime / exposure, each the overlap of the servers' intervals with the window.
 */
export function tenantAvailability(intervals: FaultRecord["intervals"], fromMs: number, toMs: number): Record<string, { availability: number; downtimeMs: number; exposureMs: number }> {
  const sums = new Map<string, { downtimeMs: number; exposureMs: number }>();
  const add = (list: ReadonlyArray<TenantInterval>, field: "downtimeMs" | "exposureMs"): void => {
    for (const [tenant, from, to] of list) {
      const overlap = Math.min(to, toMs) - Math.max(from, fromMs);
      let t = sums.get(tenant);
      if (t === undefined) sums.set(tenant, (t = { downtimeMs: 0, exposureMs: 0 }));
      if (overlap > 0) t[field] += overlap;
    }
  };
  add(intervals?.exposure ?? [], "exposureMs");
  add(intervals?.down ?? [], "downtimeMs");
  const out: Record<string, { availability: number; downtimeMs: number; exposureMs: number }> = {};
  for (const [tenant, t] of [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out[tenant] = { availability: t.exposureMs > 0 ? round(1 - t.downtimeMs / t.exposureMs) : 1, downtimeMs: t.downtimeMs, exposureMs: t.exposureMs };
  }
  return out;
}
