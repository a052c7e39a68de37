/**
 * The VIM's fault handling, as the OPNFV Doctor pipeline does it (ifa-digest §4.9): a fault takes
 * its hosts out of service at once (no new placement, INV-D9); after the detection delay the
 * monitor notices (host_status UNKNOWN → DOWN), the inspector resets the affected servers to ERROR
 * and raises correlated alarms (root cause on the failed element, INV-I5), the consumers are
 * notified, and the recovery policy runs: evacuate (rebuild elsewhere, by priority, capped),
 * restart in place after the repair, or none. The repair brings the hosts back and clears the
 * alarms (INV-I2), after an optional damping delay that turns a flapping host's repeats into
 * updates of one alarm (INV-I4).
 */
import { RESOURCE_CLASSES, type ResourceClass } from "../../domain/index.js";
import { NORMAL, type Simulation } from "../../kernel/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { Policy } from "../../placement/index.js";
import type { HostOperationalState, Inventory } from "../../nfvi/index.js";
import type { ComputeService } from "../compute/compute-service.js";
import type { ServerRecord } from "../compute/server.js";
import type { HostAdministration } from "../host/host-administration.js";
import type { EventLog } from "../../metrics/index.js";
import type { Alarm } from "./alarm.js";
import type { AlarmService } from "./alarm-service.js";
import { AvailabilityTracker } from "./availability.js";
import { EvacuationQueue, type EvacuationConfig } from "./evacuation-queue.js";
import { DOMAIN_TEXT, isHostLevel, type FaultInjection } from "./fault-domain.js";
import { HostFaults, type HostStatus } from "./host-faults.js";
import { nPlusOneHeadroom, type HeadroomReport } from "./headroom.js";
import { HeadroomScratch } from "./headroom-dry-run.js";

export type RecoveryPolicy = "evacuate" | "restart" | "none";

/** The classes a degraded host loses part of (its CPUs, memory and disk). */
const DEGRADED_CLASSES: ReadonlyArray<ResourceClass> = ["VCPU", "MEMORY_MB", "DISK_GB"];

export interface FaultManagerConfig {
  /** From the fault to its detection (crash); Doctor's monitors take well under a second. */
  readonly detectionDelayMs: number;
  /** From a hang to its detection (a missed heartbeat: Nova service_down_time, 60 s by default). */
  readonly hangDetectionDelayMs: number;
  /** The host must stay repaired this long before its alarms clear (damping of flapping hosts). */
  readonly alarmClearDelayMs: number;
  readonly recovery: RecoveryPolicy;
  readonly evacuation: EvacuationConfig;
}

/** A fault after a host's evacuation overloaded it (cascades): decided by the caller, injected here. */
export type CascadeCheck = (h: number, manager: FaultManager) => void;

interface ActiveFault {
  readonly id: string;
  readonly injection: FaultInjection;
  readonly atMs: number;
  rootAlarmId: string | undefined;
  repaired: boolean;
}

export class FaultManager {
  readonly health: HostFaults;
  readonly availability = new AvailabilityTracker();
  private readonly queue: EvacuationQueue;
  private nextFaultNo = 1;
  private readonly priorMaintenance = new Map<number, boolean>();
  /** Degraded hosts: how many degradations hold each, and its inventories before the first. */
  private readonly degradedCount = new Map<number, number>();
  private readonly savedInventories = new Map<number, Partial<Record<ResourceClass, Inventory>>>();
  /** Host → servers alarmed there at detection (cleared and restarted at its repair). */
  private readonly alarmedOn = new Map<number, Set<number>>();
  readonly injectedByDomain = new Map<string, number>();
  /** The N+1 dry runs' copy of the site, kept between checks (headroom-dry-run.ts). */
  private readonly headroomScratch = new HeadroomScratch();
  cascade: CascadeCheck | undefined;
  /** Told when a host is back in service (accelerators rediscover its devices: IFA 019 AccResourcesDiscovery). */
  onHostRepaired: ((h: number) => void) | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly nfvi: NfviState,
    private readonly compute: ComputeService,
    private readonly admin: HostAdministration,
    readonly alarms: AlarmService,
    private readonly config: FaultManagerConfig,
    /** Where injections and repairs are recorded (the hosts' own changes are logged by HostAdministration). */
    private readonly log?: EventLog,
  ) {
    this.health = new HostFaults(nfvi);
    this.queue = new EvacuationQueue(compute, config.evacuation, this.availability, (no) => this.restart(no));
    this.queue.onEvacuated = (s) => this.cascade?.(s.hostIndex, this);
  }

  /** Injects a fault now; its detection and repair are scheduled. Returns the fault id. */
  inject(f: FaultInjection): string {
    const fault: ActiveFault = { id: `fault-${this.nextFaultNo++}`, injection: f, atMs: this.sim.nowMs, rootAlarmId: undefined, repaired: false };
    this.injectedByDomain.set(f.domain, (this.injectedByDomain.get(f.domain) ?? 0) + 1);
    const now = this.sim.nowMs;
    this.record(fault.id, "inject", null, { domain: f.domain, domainId: f.domainId, kind: f.kind, hosts: f.hosts.length, repairAfterMs: f.repairAfterMs });
    if (f.kind === "degraded") this.degrade(f.hosts, f.capacityShare ?? 0.5);
    else this.failHosts(f.hosts, now);
    const delayMs = f.kind === "hang" ? this.config.hangDetectionDelayMs : this.config.detectionDelayMs;
    this.sim.schedule(delayMs, FaultManager.onDetect, { manager: this, fault }, NORMAL);
    this.sim.schedule(Math.max(1, f.repairAfterMs), FaultManager.onRepair, { manager: this, fault }, NORMAL);
    return fault.id;
  }

  /** Hook: a server's task ended (an evacuation or restart may have restored it). */
  onTaskEnd(s: ServerRecord): void {
    const wasEvacuation = this.queue.settled(s.no);
    if (s.state.vmState !== "active" || s.state.taskState !== null) return;
    if (wasEvacuation) this.availability.evacuationsSucceeded++;
    if (!this.availability.isDown(s.no)) return;
    this.availability.restoredAt(s.no, s.tenant, this.sim.nowMs);
    this.alarms.clearObject(s.id);
  }

  /** Hook: a server was terminated (its alarms clear with it, INV-I2; a down server is lost). */
  onTerminated(s: ServerRecord): void {
    this.queue.settled(s.no);
    this.availability.ended(s.no, s.tenant, this.sim.nowMs, s.activeAtMs < 0 ? 0 : this.sim.nowMs - s.activeAtMs);
    this.alarms.clearObject(s.id);
  }

  /** Ends the books at the end of the run: live servers add their exposure. */
  finish(): void {
    const now = this.sim.nowMs;
    for (let i = 0; i < this.compute.liveServerCount; i++) {
      const s = this.compute.liveServerAt(i)!;
      this.availability.ended(s.no, s.tenant, now, s.activeAtMs < 0 ? 0 : now - s.activeAtMs, true);
    }
    this.availability.finish(now);
  }

  /** Nova's host_status of a server (microversion 2.16): "" without a host, else its host's status (INV-D9). */
  serverHostStatus(s: ServerRecord): HostStatus | "" {
    return s.hostIndex < 0 ? "" : this.health.hostStatus(s.hostIndex);
  }

  /** The N+1 headroom now (headroom.ts): a dry run of each rack's and zone's evacuation with `policy`. */
  headroom(policy: Policy): HeadroomReport {
    return nPlusOneHeadroom({ nfvi: this.nfvi, servers: this.compute, policy, priorityOf: this.config.evacuation.priorityOf, scratch: this.headroomScratch });
  }

  get evacuationsWaiting(): number {
    return this.queue.waiting;
  }

  /**
   * Physical failure: the hosts leave service now. Their servers' downtime is booked from now at
   * detection (one scan of the live servers per detection, not per fault and repair as well).
   */
  private failHosts(hosts: ReadonlyArray<number>, now: number): void {
    for (const h of hosts) {
      if (!this.health.fail(h, now)) continue;
      this.priorMaintenance.set(h, this.nfvi.hostState(h) === "MAINTENANCE");
      this.admin.apply(h, { state: "DOWN" });
      this.availability.hostsChanged(now, 1, h);
    }
  }

  /**
   * Degraded capacity: the host keeps running its servers but each of its VCPU, MEMORY_MB and DISK_GB
   * inventories shrinks to `share` of its total (usage above it is flagged exceeded: nothing new
   * lands there, INV-A2). Overlapping degradations of one host keep the first's saved inventories.
   */
  private degrade(hosts: ReadonlyArray<number>, share: number): void {
    for (const h of hosts) {
      const n = (this.degradedCount.get(h) ?? 0) + 1;
      this.degradedCount.set(h, n);
      if (n > 1) continue;
      const saved: Partial<Record<ResourceClass, Inventory>> = {};
      const reduced: Partial<Record<ResourceClass, Inventory>> = {};
      for (const rc of DEGRADED_CLASSES) {
        const inv = this.nfvi.inventory(h, RESOURCE_CLASSES.indexOf(rc));
        if (inv === undefined) continue;
        saved[rc] = inv;
        const total = Math.min(inv.total, Math.max(inv.reserved + 1, Math.floor(inv.total * share)));
        reduced[rc] = { ...inv, total, maxUnit: Math.min(inv.maxUnit, total), minUnit: Math.min(inv.minUnit, total) };
      }
      this.savedInventories.set(h, saved);
      this.admin.setInventories(h, reduced);
    }
  }

  private restoreCapacity(hosts: ReadonlyArray<number>): void {
    for (const h of hosts) {
      const n = (this.degradedCount.get(h) ?? 0) - 1;
      if (n > 0) {
        this.degradedCount.set(h, n);
        continue;
      }
      this.degradedCount.delete(h);
      const saved = this.savedInventories.get(h);
      this.savedInventories.delete(h);
      if (saved !== undefined) this.admin.setInventories(h, saved);
      this.alarms.clearObject(this.nfvi.hostId(h));
    }
  }

  private static onDetect(_sim: Simulation, p: { manager: FaultManager; fault: ActiveFault }): void {
    p.manager.detect(p.fault);
  }

  private static onRepair(_sim: Simulation, p: { manager: FaultManager; fault: ActiveFault }): void {
    p.manager.repair(p.fault);
  }

  /** Detection: root and host alarms, servers to ERROR with correlated alarms, then recovery. */
  private detect(fault: ActiveFault): void {
    const f = fault.injection;
    const text = DOMAIN_TEXT[f.domain];
    // A fault repaired before anyone noticed leaves no alarm (the other faults of its hosts raise theirs).
    if (fault.repaired) return;
    if (f.kind === "degraded") {
      for (const h of f.hosts) this.raiseHostAlarm(fault, h, undefined, "MINOR", "compute.host.degraded", "DEGRADED_CAPACITY");
      return;
    }
    const failed = f.hosts.filter((h) => this.health.isFailed(h));
    if (failed.length === 0) return;
    const root = isHostLevel(f.domain) ? undefined : this.raiseRoot(fault, failed);
    const failedSet = new Uint8Array(this.nfvi.hostCount);
    const hostAlarms = new Map<number, Alarm>();
    for (const h of failed) {
      this.health.markDetected(h);
      failedSet[h] = 1;
      hostAlarms.set(h, this.raiseHostAlarm(fault, h, root, "CRITICAL", text.faultType, text.probableCause));
    }
    const isFailed = (h: number): boolean => this.health.isFailed(h);
    const down = this.serversOn(failedSet);
    // Downtime from the host's failure; a move only starting from a failed host dies with it.
    for (const s of down) if (s.activeAtMs >= 0 && (failedSet[s.hostIndex] === 1 || s.taskOp !== undefined)) this.availability.down(s.no, this.health.failedSinceMs(failedSet[s.hostIndex] === 1 ? s.hostIndex : s.move!.sourceHost));
    const reason = `host failure: ${text.probableCause} of ${f.domain} ${f.domainId}`;
    const recover: ServerRecord[] = [];
    for (const s of down) {
      const r = this.compute.hostFailed(s.no, isFailed, reason);
      if (!r.ok || !r.value) {
        // Its move rolled back to a healthy host: it runs on.
        if (this.availability.isDown(s.no)) this.availability.restoredAt(s.no, s.tenant, this.sim.nowMs);
        continue;
      }
      const hostAlarm = hostAlarms.get(s.hostIndex);
      this.raiseServerAlarm(s, fault, hostAlarm, root);
      this.rememberOn(s.hostIndex, s.no);
      recover.push(s);
    }
    if (this.config.recovery === "evacuate") this.queue.enqueue(recover);
  }

  private raiseRoot(fault: ActiveFault, failed: ReadonlyArray<number>): Alarm {
    const f = fault.injection;
    const text = DOMAIN_TEXT[f.domain];
    const root = this.alarms.raise({
      managedObjectId: f.domainId,
      managedObjectType: text.objectType,
      faultType: text.faultType,
      probableCause: text.probableCause,
      perceivedSeverity: "CRITICAL",
      eventTimeMs: fault.atMs,
      isRootCause: true,
      rootCauseFaultyResource: { faultyResource: { resourceId: f.domainId, vimLevelResourceType: text.objectType }, faultyResourceType: text.resourceType },
      faultDetails: [`${failed.length} hosts affected`],
    });
    fault.rootAlarmId = root.alarmId;
    return root;
  }

  private raiseHostAlarm(fault: ActiveFault, h: number, root: Alarm | undefined, severity: "CRITICAL" | "MINOR", faultType: string, cause: string): Alarm {
    const f = fault.injection;
    const hostId = this.nfvi.hostId(h);
    const level = isHostLevel(f.domain) ? DOMAIN_TEXT[f.domain] : DOMAIN_TEXT.host;
    return this.alarms.raise({
      managedObjectId: hostId,
      managedObjectType: "COMPUTE_HOST",
      faultType,
      probableCause: cause,
      perceivedSeverity: severity,
      eventTimeMs: fault.atMs,
      isRootCause: root === undefined,
      ...(root === undefined ? { rootCauseFaultyResource: { faultyResource: { resourceId: hostId, vimLevelResourceType: level.objectType }, faultyResourceType: level.resourceType } } : {}),
      correlatedAlarmIds: root === undefined ? [] : [root.alarmId],
      faultDetails: [`${f.domain} ${f.domainId}`],
    });
  }

  /** The consumer-facing alarm on a virtualised compute resource (Doctor: the consumer is notified). */
  private raiseServerAlarm(s: ServerRecord, fault: ActiveFault, hostAlarm: Alarm | undefined, root: Alarm | undefined): void {
    const outageMs = this.health.failedSinceMs(s.hostIndex);
    const correlated = [hostAlarm?.alarmId, root?.alarmId].filter((x): x is string => x !== undefined);
    const hostId = this.nfvi.hostId(s.hostIndex);
    const alarm = this.alarms.raise({
      managedObjectId: s.id,
      managedObjectType: "VIRTUAL_COMPUTE",
      tenantId: s.tenant,
      faultType: "compute.vm.host-failure",
      probableCause: "HOST_FAILURE",
      perceivedSeverity: "CRITICAL",
      eventTimeMs: fault.atMs,
      isRootCause: false,
      rootCauseFaultyResource: { faultyResource: { resourceId: hostId, vimLevelResourceType: "COMPUTE_HOST" }, faultyResourceType: "COMPUTE" },
      correlatedAlarmIds: correlated,
    });
    // Doctor: the first notification of this outage, timed from the moment the host went down.
    if (alarm.state === "FIRED") this.availability.notified(this.sim.nowMs, outageMs);
  }

  /** Repair: the hosts whose last fault this was come back; alarms clear (after the damping delay). */
  private repair(fault: ActiveFault): void {
    const f = fault.injection;
    fault.repaired = true;
    this.record(fault.id, "repair", { repaired: false }, { repaired: true });
    if (f.kind === "degraded") return this.restoreCapacity(f.hosts);
    const now = this.sim.nowMs;
    const back: number[] = [];
    for (const h of f.hosts) {
      if (!this.health.repair(h)) continue;
      const state: HostOperationalState = this.priorMaintenance.get(h) === true ? "MAINTENANCE" : "UP";
      this.priorMaintenance.delete(h);
      this.admin.apply(h, { state });
      this.availability.hostsChanged(now, -1, h);
      back.push(h);
      this.onHostRepaired?.(h);
    }
    if (this.config.recovery !== "none") this.restartOn(back);
    const clear = (): void => this.clearRepaired(fault, back);
    if (this.config.alarmClearDelayMs > 0) this.sim.schedule(this.config.alarmClearDelayMs, (_s, fn: () => void) => fn(), clear, NORMAL);
    else clear();
  }

  /** Clears the alarms of a repaired fault whose hosts are still healthy (INV-I2). */
  private clearRepaired(fault: ActiveFault, back: ReadonlyArray<number>): void {
    // The failed element itself is repaired: its root alarm clears even if a host of it failed again since.
    if (fault.rootAlarmId !== undefined) this.alarms.clear(fault.rootAlarmId);
    for (const h of back) {
      if (this.health.isFailed(h)) continue;
      this.alarms.clearObject(this.nfvi.hostId(h));
      // The fault is solved for every server that was alarmed on this host, restarted yet or not.
      for (const no of this.alarmedOn.get(h) ?? []) {
        const s = this.compute.server(no);
        if (s !== undefined && s.hostIndex === h) this.alarms.clearObject(s.id);
      }
      this.alarmedOn.delete(h);
    }
  }

  /** Servers left in ERROR on repaired hosts restart in place (hard reboot: Nova's reset after a host comes back). */
  private restartOn(hosts: ReadonlyArray<number>): void {
    for (const h of hosts) {
      const alarmed = this.alarmedOn.get(h);
      for (const no of [...(alarmed ?? [])].sort((a, b) => a - b)) {
        const s = this.compute.server(no);
        if (s !== undefined && s.hostIndex === h && s.state.vmState === "error" && s.taskOp === undefined) this.restart(no);
      }
    }
  }

  /** Server `no` was alarmed on host h (its alarm clears and it restarts when h is repaired). */
  private rememberOn(h: number, no: number): void {
    let set = this.alarmedOn.get(h);
    if (set === undefined) this.alarmedOn.set(h, (set = new Set()));
    set.add(no);
  }

  private record(id: string, op: string, before: unknown, after: unknown): void {
    if (this.log === undefined) return;
    if (this.log.wantsContent) this.log.append(this.sim.nowMs, "fault", id, op, before, after);
    else this.log.skip(this.sim.nowMs, "fault", id, op);
  }

  private restart(no: number): void {
    const r = this.compute.operate(no, "reboot.hard");
    if (r.ok) this.availability.restarts++;
  }

  /**
   * Live servers whose host (or a move's source) is marked, by server number: read from the
   * Placement ledger (instance and migration consumers on those hosts), not by scanning servers.
   */
  private serversOn(mark: Uint8Array): ServerRecord[] {
    const seen = new Set<number>();
    const hits: ServerRecord[] = [];
    for (const c of this.nfvi.consumersOn(mark)) {
      const no = typeof c === "string" ? migrationServerNo(c) : (c as Partial<ServerRecord>).no;
      if (no === undefined || seen.has(no)) continue;
      const s = this.compute.server(no);
      if (s === undefined) continue;
      seen.add(no);
      hits.push(s);
    }
    return hits.sort((a, b) => a.no - b.no);
  }
}

/**
 * The server number of a consumer named by id: a migration record (`migration-vm-<n>`, see
 * server-move.ts) or an instance whose allocation came back from one (`vm-<n>`).
 */
function migrationServerNo(consumerId: string): number | undefined {
  const m = /^(?:migration-)?vm-(\d+)$/.exec(consumerId);
  return m === null ? undefined : Number(m[1]);
}
