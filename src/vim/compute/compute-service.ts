/**
 * IFA 005/006 virtualised compute management, first part: AllocateVirtualisedComputeResource (one
 * server, or N servers all-or-nothing as Nova's multi-create with min_count = N) and
 * TerminateVirtualisedComputeResource. Decisions come from the pure transition table and the
 * placement selector; this class applies their effects (claim, release, schedule the spawn) and
 * writes one log record per state change.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { NORMAL, type Simulation } from "../../kernel/index.js";
import type { ComputeMetrics, EventLog } from "../../metrics/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { FlavourSpec } from "./flavour.js";
import { addMemberHost, makeServerGroup, removeMemberHost, type GroupPolicy, type ServerGroup } from "./server-group.js";
import { INITIAL_SERVER_STATE, transition, type ServerOp } from "./server-machine.js";
import { serverId, serverSnapshot, type ServerRecord } from "./server.js";
import type { HostSelector, SelectionRequest } from "./host-selector.js";

export interface AllocateComputeRequest {
  readonly tenant: string;
  readonly flavour: FlavourSpec;
  readonly zone: string | undefined;
  readonly groupId: string | undefined;
  readonly name: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  /** Modelled hypervisor spawn duration for each server (drawn by the caller). */
  readonly bootTimesMs: ReadonlyArray<number>;
  readonly measured: boolean;
}

export interface ComputeHooks {
  /** A server reached ACTIVE (the workload schedules its end of life from here). */
  onActive?(server: ServerRecord): void;
  /** Placement is about to decide for `server` (member `member` of its request): for explain. */
  beforeSelect?(server: ServerRecord, member: number, selection: SelectionRequest): void;
}

export class ComputeService {
  private nextServerNo = 1;
  /**
   * Live servers by number: a dense array (server numbers are consecutive and never reused), which is
   * much faster than a hash map once hundreds of thousands of servers are alive.
   */
  private readonly servers: Array<ServerRecord | undefined> = [];
  private liveCount = 0;
  private readonly groups = new Map<string, ServerGroup>();
  private readonly hostId: (h: number) => string;
  private readonly zoneIds: ReadonlyArray<string>;

  constructor(
    private readonly sim: Simulation,
    private readonly nfvi: NfviState,
    private readonly select: HostSelector,
    private readonly log: EventLog,
    private readonly metrics: ComputeMetrics,
    private readonly hooks: ComputeHooks = {},
  ) {
    this.hostId = (h) => nfvi.hostId(h);
    this.zoneIds = nfvi.topology.zones.map((z) => z.id);
  }

  /** Creates a server group (Nova server group / IFA affinity-or-anti-affinity group). */
  createServerGroup(id: string, policy: GroupPolicy, maxPerHost: number): Result<ServerGroup> {
    if (this.groups.has(id)) return fail(domainError("CONFLICT", `server group ${id} already exists`));
    const group = makeServerGroup(id, policy, maxPerHost);
    this.groups.set(id, group);
    this.writeLog("serverGroup", id, "create", null, { policy, maxPerHost });
    return ok(group);
  }

  serverGroup(id: string): ServerGroup | undefined {
    return this.groups.get(id);
  }

  /** A live (not deleted) server by number. */
  server(no: number): ServerRecord | undefined {
    return this.servers[no];
  }

  get liveServerCount(): number {
    return this.liveCount;
  }

  /**
   * Allocates `bootTimesMs.length` servers. Each is scheduled in turn with the group's updated member
   * hosts; if any finds no valid host, every claim of the request is undone and all its servers end
   * in ERROR with NO_VALID_HOST (no partial placement, INV-E2/A7). Returns the servers either way;
   * the error carries the countable reason of the first failure.
   */
  allocate(req: AllocateComputeRequest): { servers: ServerRecord[]; error: string | undefined; reasons: ReadonlyMap<string, number> | undefined } {
    const group = req.groupId === undefined ? undefined : this.groups.get(req.groupId);
    const servers = req.bootTimesMs.map((_, i) => this.newServer(req, i));
    // One selection for every member: the group it names is live, so each member sees the hosts of
    // the members placed before it.
    const selection = this.selectionFor(req, group);
    let failure: { message: string; reasons: ReadonlyMap<string, number> } | undefined;
    for (let i = 0; i < servers.length; i++) {
      const s = servers[i]!;
      this.hooks.beforeSelect?.(s, i + 1, selection);
      const decision = this.select(selection);
      if (!decision.ok) {
        failure = { message: decision.message, reasons: decision.reasons };
        break;
      }
      const claim = this.nfvi.claim(s.id, decision.host, req.flavour.amounts);
      if (!claim.ok) throw new Error(`placement chose host ${this.hostId(decision.host)} but the claim failed: ${claim.error.message}`);
      s.hostIndex = decision.host;
      if (group !== undefined) addMemberHost(group, decision.host);
    }
    if (failure !== undefined) {
      this.undoClaims(servers, group);
      this.metrics.onRejection(req.measured, "NO_VALID_HOST", servers.length, failure.reasons);
    }
    servers.forEach((s, i) => this.decide(s, failure, req.bootTimesMs[i] ?? 0, req.measured));
    return { servers, error: failure?.message, reasons: failure?.reasons };
  }

  /** TerminateVirtualisedComputeResource: releases everything the server holds (INV-J1). */
  terminate(no: number): Result<void> {
    const s = no >= 0 && no < this.servers.length ? this.servers[no] : undefined;
    if (s === undefined) return fail(domainError("NOT_FOUND", `server vm-${no} does not exist or is deleted`));
    const t = transition(s.state, "terminate");
    if (t === undefined) return fail(domainError("WRONG_STATE", `server ${s.id} cannot be terminated in state ${s.state.vmState}`));
    const before = this.log.wantsContent ? serverSnapshot(s, this.hostId) : null;
    if (t.cancelsSpawn && s.spawnHandle >= 0) this.sim.cancel(s.spawnHandle);
    if (t.releases) this.releaseHost(s);
    const group = s.groupId === undefined ? undefined : this.groups.get(s.groupId);
    group?.members.delete(s.no);
    s.state = t.next;
    s.spawnHandle = -1;
    this.servers[no] = undefined;
    this.liveCount--;
    this.writeLog("server", s.id, "terminate", before, this.log.wantsContent ? serverSnapshot(s, this.hostId) : null);
    return ok(undefined);
  }

  private newServer(req: AllocateComputeRequest, i: number): ServerRecord {
    const no = this.nextServerNo++;
    const id = serverId(no);
    const s: ServerRecord = {
      no,
      id,
      name: req.name === undefined ? id : req.bootTimesMs.length > 1 ? `${req.name}-${i + 1}` : req.name,
      tenant: req.tenant,
      flavour: req.flavour.id,
      zoneConstraint: req.zone,
      groupId: req.groupId,
      metadata: req.metadata,
      state: INITIAL_SERVER_STATE,
      hostIndex: -1,
      requestedAtMs: this.sim.nowMs,
      activeAtMs: -1,
      spawnHandle: -1,
      faultMessage: undefined,
      measured: req.measured,
    };
    this.servers[no] = s;
    this.liveCount++;
    if (req.groupId !== undefined) this.groups.get(req.groupId)?.members.add(no);
    this.writeLog("server", id, "allocate", null, this.log.wantsContent ? { ...serverSnapshot(s, this.hostId), tenant: req.tenant, flavour: req.flavour.id } : null);
    return s;
  }

  private selectionFor(req: AllocateComputeRequest, group: ServerGroup | undefined): SelectionRequest {
    return { flavour: req.flavour, zone: req.zone, group };
  }

  private undoClaims(servers: ReadonlyArray<ServerRecord>, group: ServerGroup | undefined): void {
    for (const s of servers) {
      if (s.hostIndex < 0) continue;
      const released = this.nfvi.release(s.id);
      if (!released.ok) throw new Error(`undo of ${s.id}: ${released.error.message}`);
      if (group !== undefined) removeMemberHost(group, s.hostIndex);
      s.hostIndex = -1;
    }
  }

  /** Applies schedule.ok or schedule.fail to one server of a decided request. */
  private decide(s: ServerRecord, failure: { message: string } | undefined, bootTimeMs: number, measured: boolean): void {
    const op: ServerOp = failure === undefined ? "schedule.ok" : "schedule.fail";
    this.metrics.onDecision(measured, failure === undefined);
    // Before scheduling the server had no host, whatever the tentative claim already recorded.
    const before = this.log.wantsContent ? { ...serverSnapshot(s, this.hostId), host: null } : null;
    s.state = transition(s.state, op)!.next;
    if (failure !== undefined) {
      s.faultMessage = failure.message;
      this.writeLog("server", s.id, op, before, this.log.wantsContent ? { ...serverSnapshot(s, this.hostId), fault: `NO_VALID_HOST: ${failure.message}` } : null);
      return;
    }
    this.metrics.onServerStarted(this.sim.nowMs);
    this.metrics.onPlacedIn(measured, this.zoneIds[this.nfvi.zoneIndexOf(s.hostIndex)]!);
    this.writeLog("server", s.id, op, before, this.log.wantsContent ? serverSnapshot(s, this.hostId) : null);
    if (bootTimeMs <= 0) this.spawnComplete(s);
    else s.spawnHandle = this.sim.schedule(bootTimeMs, ComputeService.onSpawned, { service: this, server: s }, NORMAL);
  }

  private static onSpawned(_sim: Simulation, p: { service: ComputeService; server: ServerRecord }): void {
    p.server.spawnHandle = -1;
    p.service.spawnComplete(p.server);
  }

  private spawnComplete(s: ServerRecord): void {
    const before = this.log.wantsContent ? serverSnapshot(s, this.hostId) : null;
    s.state = transition(s.state, "spawn.complete")!.next;
    s.activeAtMs = this.sim.nowMs;
    this.metrics.onActive(s.activeAtMs - s.requestedAtMs, s.measured);
    this.writeLog("server", s.id, "spawn.complete", before, this.log.wantsContent ? serverSnapshot(s, this.hostId) : null);
    this.hooks.onActive?.(s);
  }

  private releaseHost(s: ServerRecord): void {
    const released = this.nfvi.release(s.id);
    if (!released.ok) throw new Error(`release of ${s.id}: ${released.error.message}`);
    const group = s.groupId === undefined ? undefined : this.groups.get(s.groupId);
    if (group !== undefined) removeMemberHost(group, s.hostIndex);
    s.hostIndex = -1;
    this.metrics.onServerEnded(this.sim.nowMs);
  }

  private writeLog(entity: string, id: string, op: string, before: unknown, after: unknown): void {
    if (this.log.wantsContent) this.log.append(this.sim.nowMs, entity, id, op, before, after);
    else this.log.skip(this.sim.nowMs, entity, id, op);
  }
}
