/**
 * The accelerator part of a run, present only when the model has accelerators: the IFA 019 service
 * and the compute port, the scenario's onloads, faults and offload traffic (IFA 002 data path), and
 * the numbers of the summary's `accelerators` section (utilisation per type and zone, bind failures
 * by reason, reprogramming time lost, offload latency percentiles and utilisation).
 *
 * Random draws: offload arrivals from `accelerators/arrivals/<function>`, service times from
 * `accelerators/service/<function>`; no other stream moves.
 */
import { integerMsSampler, type RandomStreams, type Simulation } from "../../kernel/index.js";
import { Percentiles, TimeWeighted, type EventLog } from "../../metrics/index.js";
import type { AcceleratorPool, Device, NfviState } from "../../nfvi/index.js";
import { AccelerationService, forwardAccelerationAlarms, type DataPathQueue, ServerAccelerators, VnfAccelerationService, type AlarmService, type Arq, type ArqState, type ComputeService, type HostSelector } from "../../vim/index.js";
import type { AccOnloadSpec, AccScenarioSpec } from "../resolve/resolve-acc-scenario.js";
import type { AcceleratorSummary, OffloadSummary } from "./run-result.js";

const NO_PLAN: AccScenarioSpec = { onloads: [], faults: [], offload: [] };
const holds = (s: ArqState | null): boolean => s === "BindStarted" || s === "Bound";
const round = (x: number): number => Math.round(x * 1e9) / 1e9;

interface OffloadStats {
  readonly latency: Percentiles;
  /** Every data path the function has had (closed ones too: a request in service at release still finishes). */
  readonly queues: DataPathQueue[];
  served: number;
  latencySumMs: number;
  serviceSumMs: number;
  minMs: number;
  maxMs: number;
  busyMs: number;
  sessionMs: number;
  dropped: number;
}

export class AcceleratorRun {
  readonly acc: AccelerationService;
  private readonly vnf: VnfAccelerationService;
  private readonly plan: AccScenarioSpec;
  /** Bound handles over time per "zone|TYPE" (and "all|TYPE"). */
  private readonly bound = new Map<string, TimeWeighted>();
  private readonly handles = new Map<string, number>();
  /** Handles held now per "zone|TYPE/profile" (and "all|TYPE/profile"), for the time series. */
  private readonly boundByProfile = new Map<string, number>();
  private readonly offload = new Map<string, OffloadStats>();
  /** Open offload sessions by ARQ: when they started and the function they serve. */
  private readonly sessions = new Map<string, { readonly startMs: number; readonly stats: OffloadStats }>();

  constructor(
    private readonly sim: Simulation,
    streams: RandomStreams,
    private readonly nfvi: NfviState,
    pool: AcceleratorPool,
    compute: ComputeService,
    log: EventLog,
    plan: AccScenarioSpec | undefined,
  ) {
    this.plan = plan ?? NO_PLAN;
    this.acc = new AccelerationService(sim, pool, (h) => nfvi.hostId(h), log, compute.notifier);
    compute.useAccelerators(new ServerAccelerators(this.acc));
    const services = new Map(this.plan.offload.map((o) => [o.function, integerMsSampler(o.serviceTime, streams.stream(`accelerators/service/${o.function}`))] as const));
    this.vnf = new VnfAccelerationService(sim, this.acc, (fn) => services.get(fn) ?? (() => 0), {
      onServed: (fn, _type, latencyMs, serviceMs) => this.onServed(fn, latencyMs, serviceMs),
    }, log);
    for (const d of pool.devices) {
      for (const key of this.keys(d)) this.handles.set(key, (this.handles.get(key) ?? 0) + d.spec.handles);
    }
    for (const key of this.handles.keys()) this.bound.set(key, new TimeWeighted(0));
    for (const o of this.plan.offload) this.offload.set(o.function, { latency: new Percentiles(), queues: [], served: 0, latencySumMs: 0, serviceSumMs: 0, minMs: Number.POSITIVE_INFINITY, maxMs: 0, busyMs: 0, sessionMs: 0, dropped: 0 });
    this.acc.listener = { onArqMoved: (a, d, from, to) => this.onArqMoved(a, d, from, to) };
    this.arrivals = new Map(this.plan.offload.map((o) => [o.function, integerMsSampler({ kind: "exponential", mean: 1 / o.ratePerMs }, streams.stream(`accelerators/arrivals/${o.function}`))] as const));
  }

  private readonly arrivals: Map<string, () => number>;

  /** Called before and after a bound-handle count changes (a run with time windows takes its edges and peaks). */
  boundChanging: { readonly before: () => void; readonly after: () => void } | undefined;

  /** The site's accelerator types (sorted), for time windows: handles, bound now, ∫ bound dt from 0 to `tMs`. */
  siteBound(): Array<{ readonly type: string; readonly handles: number; readonly tw: TimeWeighted }> {
    return [...this.bound.keys()].filter((k) => k.startsWith("all|")).sort().map((k) => ({ type: k.slice(4), handles: this.handles.get(k)!, tw: this.bound.get(k)! }));
  }

  /** Schedules the scenario's onloads and faults. */
  start(): void {
    for (const o of this.plan.onloads) this.sim.scheduleAt(o.atMs, () => this.onload(o));
    for (const f of this.plan.faults) {
      this.sim.scheduleAt(f.atMs, () => void this.acc.disableDevice(f.deviceId, "injected fault"));
      if (f.repairAfterMs !== undefined) this.sim.scheduleAt(f.atMs + f.repairAfterMs, () => void this.acc.repairDevice(f.deviceId));
    }
  }

  /** Placement found no host for a server with a device profile, for an accelerator `reason`. */
  onPlacementRejected(reason: string): void {
    this.acc.bindFailures.set(reason, (this.acc.bindFailures.get(reason) ?? 0) + 1);
  }

  /** The VIM's fault management (a run with `faults:`) hears the accelerator alarms of every host with devices. */
  forwardAlarmsTo(alarms: AlarmService): void {
    const hosts: string[] = [];
    for (let h = 0; h < this.nfvi.hostCount; h++) if (this.acc.pool.devicesOf(h).length > 0) hosts.push(this.nfvi.hostId(h));
    forwardAccelerationAlarms(this.acc, hosts, alarms);
  }

  /** A failure process of domain accelerator: the device dies (the host lives), and is repaired later. */
  failDevice(accResourceId: string): void {
    this.acc.disableDevice(accResourceId, "accelerator failure");
  }
  repairDevice(accResourceId: string): void {
    this.acc.repairDevice(accResourceId);
  }

  /** A repaired host's devices are discovered again (IFA 019 AccResourcesDiscovery): disabled ones come back. */
  rediscover(h: number): void {
    this.acc.accResourcesDiscovery(this.nfvi.hostId(h));
  }

  private keys(d: Device): string[] {
    const zone = this.nfvi.topology.zones[this.nfvi.zoneIndexOf(d.hostIndex)]!.id;
    return [`${zone}|${d.spec.type}`, `all|${d.spec.type}`];
  }

  /** OnloadAccImage on the first idle devices (device order) that match the plan entry. */
  private onload(o: AccOnloadSpec): void {
    const image = this.acc.pool.image(o.imageId)!;
    let left = o.devices;
    for (const d of this.acc.pool.devices) {
      if (left === 0) break;
      if (d.spec.type !== image.type || d.imageId === o.imageId) continue;
      if (o.fromImageId !== undefined && d.imageId !== o.fromImageId) continue;
      if (o.hosts !== undefined && !o.hosts.includes(this.nfvi.hostId(d.hostIndex))) continue;
      if (d.boundCount > 0 || d.state !== "ENABLED") continue;
      if (this.acc.onloadAccImage(d.id, o.imageId).ok) left--;
    }
    // Devices wanted but busy count as refused: reprogramming had to wait for free devices.
    this.acc.onloadsRefused += left;
  }

  private onArqMoved(a: Arq, d: Device | undefined, from: ArqState | null, to: ArqState): void {
    if (d !== undefined && holds(from) !== holds(to)) {
      this.boundChanging?.before();
      const step = holds(to) ? 1 : -1;
      for (const key of this.keys(d)) {
        const tw = this.bound.get(key)!;
        tw.set(this.sim.nowMs, tw.current + step);
        // A direct AllocateAccResource has no profile: it counts for the type only.
        if (a.profile !== "") this.boundByProfile.set(`${key}/${a.profile}`, (this.boundByProfile.get(`${key}/${a.profile}`) ?? 0) + step);
      }
      this.boundChanging?.after();
    }
    if (to === "Bound") this.startSession(a);
    else if (from === "Bound") this.endSession(a);
  }

  /** The VNF of a newly Bound ARQ initialises it and, if its function has traffic, starts sending. */
  private startSession(a: Arq): void {
    const init = this.vnf.initAcc(a.consumer, a.id);
    if (!init.ok) return;
    // The function the session serves: the one asked for, else the device's first (as InitAcc does).
    const fn = a.group.function ?? init.value.functions[0];
    const stats = fn === undefined ? undefined : this.offload.get(fn);
    if (fn === undefined || stats === undefined) return;
    this.sessions.set(a.id, { startMs: this.sim.nowMs, stats });
    const queue = this.vnf.queueOf(a.id);
    if (queue !== undefined) stats.queues.push(queue);
    const gap = this.arrivals.get(fn)!;
    // One payload per session, no closure per arrival (the kernel's callback path allocates nothing).
    this.sim.schedule(gap(), AcceleratorRun.onArrival, { vnf: this.vnf, arqId: a.id, gap });
  }

  private static onArrival(sim: Simulation, p: { vnf: VnfAccelerationService; arqId: string; gap: () => number }): void {
    if (!p.vnf.accSendData(p.arqId, "data", null).ok) return;
    sim.schedule(p.gap(), AcceleratorRun.onArrival, p);
  }

  private endSession(a: Arq): void {
    const session = this.sessions.get(a.id);
    const queue = this.vnf.queueOf(a.id);
    if (session !== undefined && queue !== undefined) {
      session.stats.sessionMs += this.sim.nowMs - session.startMs;
      session.stats.busyMs += queue.busyMs;
    }
    this.sessions.delete(a.id);
    const dropped = this.vnf.releaseAcc(a.id);
    if (dropped.ok && session !== undefined) session.stats.dropped += dropped.value;
  }

  private onServed(fn: string, latencyMs: number, serviceMs: number): void {
    const s = this.offload.get(fn);
    if (s === undefined) return;
    s.served++;
    s.latencySumMs += latencyMs;
    s.serviceSumMs += serviceMs;
    if (latencyMs > s.maxMs) s.maxMs = latencyMs;
    if (latencyMs < s.minMs) s.minMs = latencyMs;
    s.latency.add(latencyMs);
  }

  /**
   * Present bound and total handles per zone ("all" too) and class key: each accelerator type, and
   * `TYPE/profile` for every device profile that has held handles of it (its share of the type's handles).
   */
  presentHandles(): Map<string, { used: Record<string, number>; capacity: Record<string, number> }> {
    const out = new Map<string, { used: Record<string, number>; capacity: Record<string, number> }>();
    const at = (zone: string) => out.get(zone) ?? out.set(zone, { used: {}, capacity: {} }).get(zone)!;
    for (const [key, handles] of this.handles) {
      const [zone, type] = key.split("|") as [string, string];
      at(zone).used[type] = this.bound.get(key)!.current;
      at(zone).capacity[type] = handles;
    }
    for (const [key, n] of this.boundByProfile) {
      const [zone, typeProfile] = key.split("|") as [string, string];
      at(zone).used[typeProfile] = n;
      at(zone).capacity[typeProfile] = this.handles.get(key.slice(0, key.indexOf("/")))!;
    }
    return out;
  }

  /** The summary section at the end of the run. */
  summary(): AcceleratorSummary {
    const now = this.sim.nowMs;
    // Sessions still open count up to now (a copy: the summary must not change the run's state).
    const open = new Map<OffloadStats, { sessionMs: number; busyMs: number }>();
    for (const [arqId, session] of [...this.sessions].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const o = open.get(session.stats) ?? { sessionMs: 0, busyMs: 0 };
      o.sessionMs += now - session.startMs;
      o.busyMs += this.vnf.queueOf(arqId)?.busyMs ?? 0;
      open.set(session.stats, o);
    }
    const utilisation: Record<string, Record<string, { handles: number; meanBound: number; peakBound: number; meanUtilisation: number; peakUtilisation: number }>> = {};
    for (const key of [...this.bound.keys()].sort()) {
      const [zone, type] = key.split("|") as [string, string];
      const tw = this.bound.get(key)!;
      const handles = this.handles.get(key)!;
      const mean = tw.meanUntil(now);
      (utilisation[zone] ??= {})[type] = { handles, meanBound: round(mean), peakBound: tw.peak, meanUtilisation: round(mean / handles), peakUtilisation: round(tw.peak / handles) };
    }
    const offload: Record<string, AcceleratorSummary["offload"][string]> = {};
    for (const fn of [...this.offload.keys()].sort()) {
      const s = this.offload.get(fn)!;
      offload[fn] = {
        served: s.served,
        dropped: s.dropped,
        latencyMs: { count: s.served, mean: round(s.served === 0 ? 0 : s.latencySumMs / s.served), min: s.served === 0 ? 0 : s.minMs, max: s.maxMs, p50: round(s.latency.quantile(0.5)), p95: round(s.latency.quantile(0.95)), p99: round(s.latency.quantile(0.99)) },
        utilisation: round(utilisationOf(s, open.get(s))),
        ...queueing(s, open.get(s)?.sessionMs ?? 0, now),
      };
    }
    const failures = [...this.acc.bindFailures].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      devices: this.acc.pool.devices.length,
      handles: this.acc.pool.devices.reduce((n, d) => n + d.spec.handles, 0),
      utilisation,
      bindFailures: Object.fromEntries(failures),
      reprogramming: { onloads: this.acc.pool.devices.reduce((n, d) => n + this.acc.stats.total(d.no, "onloads"), 0), refused: this.acc.onloadsRefused, programmingTimeMs: this.acc.programmingMs, handleTimeLostMs: this.acc.handleMsLostToProgramming },
      offload,
    };
  }
}

/**
 * Offered requests, those still in a data path at the end, the time-average numbers waiting and in
 * the system per open data path (∫ over every data path / session time, as utilisation), and the
 * mean wait and service of the served requests (they add up to latencyMs.mean).
 */
function queueing(s: OffloadStats, openSessionMs: number, nowMs: number): Pick<OffloadSummary, "offered" | "inSystemAtEnd" | "meanQueueLength" | "meanInSystem" | "waitingMs" | "serviceMs"> {
  let offered = 0;
  let inSystemAtEnd = 0;
  let waitingAreaMs = 0;
  let systemAreaMs = 0;
  for (const q of s.queues) {
    const areas = q.areasUntil(nowMs);
    offered += q.offered;
    inSystemAtEnd += q.length;
    waitingAreaMs += areas.waitingMs;
    systemAreaMs += areas.systemMs;
  }
  const sessionMs = s.sessionMs + openSessionMs;
  const perPath = (areaMs: number): number => (sessionMs === 0 ? 0 : round(areaMs / sessionMs));
  const perServed = (ms: number): number => (s.served === 0 ? 0 : round(ms / s.served));
  return { offered, inSystemAtEnd, meanQueueLength: perPath(waitingAreaMs), meanInSystem: perPath(systemAreaMs), waitingMs: perServed(s.latencySumMs - s.serviceSumMs), serviceMs: perServed(s.serviceSumMs) };
}

/** Busy time over session time of a function's data paths (closed sessions plus those still open). */
function utilisationOf(s: OffloadStats, open: { sessionMs: number; busyMs: number } | undefined): number {
  const sessionMs = s.sessionMs + (open?.sessionMs ?? 0);
  return sessionMs === 0 ? 0 : (s.busyMs + (open?.busyMs ?? 0)) / sessionMs;
}

const ACCELERATOR_REASON = /^(insufficient [A-Z]+ handles|no accelerators)$/;

/**
 * The selector, telling `onRejected` the accelerator reason (the most frequent one) of each server
 * with a device profile that placement refused: bind failures by reason for the summary.
 */
export function countAcceleratorRejections(select: HostSelector, onRejected: (reason: string) => void): HostSelector {
  return (request) => {
    const selection = select(request);
    if (selection.ok || request.flavour.deviceProfile === undefined) return selection;
    let best: [string, number] | undefined;
    for (const [reason, n] of selection.reasons) if (ACCELERATOR_REASON.test(reason) && (best === undefined || n > best[1] || (n === best[1] && reason < best[0]))) best = [reason, n];
    if (best !== undefined) onRejected(best[0]);
    return selection;
  };
}
