/**
 * The fault driver (issue 8): turns a scenario's FaultsSpec into injections on the VIM's
 * FaultManager. Each component of a failure process alternates failure and repair, its times drawn
 * from its own stream `faults/<domain>/<component>`; each storm draws its victims, times and repairs
 * from `faults/storm/<n>`; cascades from `faults/cascade`. Same seed, same faults (INV-M1).
 */
import { asId, InvariantViolation, RESOURCE_CLASSES, type HostId } from "../../domain/index.js";
import { HIGH, integerMsSampler, type RandomStreams, type Simulation } from "../../kernel/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { AlarmService, ComputeService, FaultDomain, FaultManager, FaultManagerConfig, HostAdministration, ServerRecord } from "../../vim/index.js";
import { FaultManager as Manager } from "../../vim/index.js";
import type { FaultComponent, FaultsSpec, StormSpec } from "../resolve/faults.js";

/** The manager's configuration from the spec: rebuild times from `faults/recovery/rebuild`. */
export function faultManagerConfig(spec: FaultsSpec, streams: RandomStreams): FaultManagerConfig {
  const key = spec.recovery.priorityKey;
  const priorityOf = (s: ServerRecord): number => {
    const v = Number(s.metadata[key]);
    return Number.isFinite(v) ? v : 0;
  };
  return {
    detectionDelayMs: spec.detectionDelayMs,
    hangDetectionDelayMs: spec.hangDetectionDelayMs,
    alarmClearDelayMs: spec.alarmClearDelayMs,
    recovery: spec.recovery.policy,
    evacuation: { concurrency: spec.recovery.concurrency, rebuildMs: integerMsSampler(spec.recovery.rebuildTime, streams.stream("faults/recovery/rebuild")), priorityOf },
  };
}

export interface FaultWorldParts {
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  readonly nfvi: NfviState;
  readonly compute: ComputeService;
  readonly admin: HostAdministration;
  readonly alarms: AlarmService;
  readonly log: EventLog;
  /** The run's accelerators (failure processes of domain accelerator), when the model has any. */
  readonly accelerators?: { failDevice(accResourceId: string): void; repairDevice(accResourceId: string): void };
}

/** One injected failure, for the charts' markers: when, what, and when its repair is due. */
export interface InjectedFault {
  readonly atMs: number;
  readonly repairAfterMs: number;
  /** "host h001", "rack r1 (storm 1)", "accelerator h01/gpu0", "host h003 (cascade)". */
  readonly label: string;
}

export class FaultDriver {
  readonly manager: FaultManager;
  /** Every failure injected so far, in injection order. */
  readonly injected: InjectedFault[] = [];
  /** Per storm (in faults.storms order): [first failure, last repair) as drawn at start(), for its time window. */
  readonly stormSpansMs: Array<readonly [number, number]> = [];

  constructor(
    private readonly w: FaultWorldParts,
    private readonly spec: FaultsSpec,
    private readonly horizonMs: number | undefined,
  ) {
    this.manager = new Manager(w.sim, w.nfvi, w.compute, w.admin, w.alarms, faultManagerConfig(spec, w.streams), w.log);
    if (spec.cascade !== undefined) this.manager.cascade = this.cascadeCheck(spec.cascade);
  }

  /** Schedules every process's first failure and every storm. */
  start(): void {
    this.spec.processes.forEach((p, i) => {
      const seen = this.spec.processes.slice(0, i).some((q) => q.domain === p.domain);
      for (const c of p.components) {
        const stream = this.w.streams.stream(`faults/${p.domain}/${c.id}${seen ? `/${i}` : ""}`);
        const ttf = integerMsSampler(p.timeToFailure, stream);
        const ttr = integerMsSampler(p.timeToRepair, stream);
        const hosts = this.indices(c);
        const domain = p.domain;
        const fail = (repairMs: number): void => {
          this.note(repairMs, `${domain} ${c.id}`);
          if (domain !== "accelerator") return void this.manager.inject({ domain, domainId: c.id, hosts, kind: p.kind, repairAfterMs: repairMs, capacityShare: p.capacityShare });
          // The device dies, the host lives: the accelerator service disables it and raises its alarm.
          const acc = this.w.accelerators;
          if (acc === undefined) throw new InvariantViolation("MODEL", `accelerator ${c.id} accepted by the loader but the run has no accelerators`);
          acc.failDevice(c.id);
          this.w.sim.schedule(repairMs, () => acc.repairDevice(c.id), undefined, HIGH);
        };
        const cycle = (atMs: number): void => {
          if (this.horizonMs !== undefined && atMs >= this.horizonMs) return;
          this.w.sim.scheduleAt(atMs, () => {
            const repairMs = Math.max(1, ttr());
            fail(repairMs);
            cycle(this.w.sim.nowMs + repairMs + Math.max(1, ttf()));
          }, undefined, HIGH);
        };
        cycle(Math.max(1, ttf()));
      }
    });
    this.spec.storms.forEach((s, i) => this.scheduleStorm(s, i));
  }

  private note(repairAfterMs: number, label: string): void {
    this.injected.push({ atMs: this.w.sim.nowMs, repairAfterMs, label });
  }

  private indices(c: FaultComponent): number[] {
    return c.hosts.map((id) => {
      const h = this.w.nfvi.hostIndex(asId<HostId>(id));
      if (h === undefined) throw new InvariantViolation("MODEL", `host ${id} accepted by the loader but not in the NFVI`);
      return h;
    });
  }

  /** Victims (a random share for host storms), their times within the window, repairs and flaps. */
  private scheduleStorm(s: StormSpec, i: number): void {
    const stream = this.w.streams.stream(`faults/storm/${i}`);
    const ttr = integerMsSampler(s.timeToRepair, stream);
    const victims = [...s.components];
    const k = s.share >= 1 ? victims.length : Math.max(1, Math.round(s.share * victims.length));
    // Partial Fisher–Yates: the first k are a uniform sample, in draw order.
    for (let j = 0; j < k; j++) {
      const pick = j + Math.floor(stream.next() * (victims.length - j));
      [victims[j], victims[pick]] = [victims[pick]!, victims[j]!];
    }
    let firstMs = Number.POSITIVE_INFINITY;
    let lastMs = s.atMs;
    for (const c of victims.slice(0, k)) {
      let atMs = s.atMs + (s.withinMs > 0 ? Math.floor(stream.next() * s.withinMs) : 0);
      const hosts = this.indices(c);
      for (let f = 0; f < s.flaps; f++) {
        const repairMs = Math.max(1, ttr());
        const kind = s.kind === "flapping" ? "crash" : s.kind;
        const inject = (): void => {
          this.note(repairMs, `${s.domain} ${c.id} (storm ${i + 1})`);
          this.manager.inject({ domain: s.domain as FaultDomain, domainId: c.id, hosts, kind, repairAfterMs: repairMs, capacityShare: s.capacityShare });
        };
        this.w.sim.scheduleAt(atMs, inject, undefined, HIGH);
        firstMs = Math.min(firstMs, atMs);
        lastMs = Math.max(lastMs, atMs + repairMs);
        atMs += repairMs + s.flapIntervalMs;
      }
    }
    this.stormSpansMs[i] = [Math.min(firstMs, lastMs), lastMs];
  }

  /** A host that received an evacuation and is now above the threshold fails with the probability. */
  private cascadeCheck(c: NonNullable<FaultsSpec["cascade"]>): (h: number, m: FaultManager) => void {
    const stream = this.w.streams.stream("faults/cascade");
    const ttr = integerMsSampler(c.timeToRepair, stream);
    const nfvi = this.w.nfvi;
    return (h, m) => {
      if (m.health.isFailed(h)) return;
      let load = 0;
      for (let rc = 0; rc < RESOURCE_CLASSES.length; rc++) if (nfvi.capacity(h, rc) > 0) load = Math.max(load, nfvi.used(h, rc) / nfvi.capacity(h, rc));
      if (load <= c.utilisationAbove || stream.next() >= c.probability) return;
      const repairMs = Math.max(1, ttr());
      const inject = (): void => {
        if (m.health.isFailed(h)) return;
        this.note(repairMs, `host ${nfvi.hostId(h)} (cascade)`);
        m.inject({ domain: "host", domainId: nfvi.hostId(h), hosts: [h], kind: "crash", repairAfterMs: repairMs });
      };
      if (c.delayMs <= 0) inject();
      else this.w.sim.schedule(c.delayMs, inject, undefined, HIGH);
    };
  }
}
