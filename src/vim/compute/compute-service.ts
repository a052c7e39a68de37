/**
 * IFA 005/006 virtualised compute management, first part: AllocateVirtualisedComputeResource (one
 * server, or N servers all-or-nothing as Nova's multi-create with min_count = N) and
 * TerminateVirtualisedComputeResource. Decisions come from the pure transition table and the
 * placement selector; this class applies their effects (claim, release, schedule the spawn) and
 * writes one log record per state change.
 */
import { asId, domainError, fail, InvariantViolation, ok, RESOURCE_CLASS_COUNT, type HostId, type Result } from "../../domain/index.js";
import { NORMAL, type Simulation } from "../../kernel/index.js";
import { LogText, type ComputeMetrics, type EventLog } from "../../metrics/index.js";
import { askedAmounts, readAmounts, type NfviState } from "../../nfvi/index.js";
import type { FlavourSpec } from "./flavour.js";
import { addMemberHost, makeServerGroup, removeMemberHost, type GroupPolicy, type ServerGroup } from "./server-group.js";
import { BUILDING_SPAWNING, DELETED, ERROR_REBUILDING, serverStatus, transition, type ServerOp, type Transition, type UserOp } from "./server-machine.js";
import { ChangeNotifier } from "../change/change-notifier.js";
import { changeNotification } from "../change/change-types.js";
import type { OperationPhase } from "../change/notifications.js";
import { beginMove, commitMove, rollbackMove, type MoveContext } from "./server-move.js";
import { relocate } from "./server-evacuate.js";
import { TenantUsageBook } from "../quota/tenant-usage-book.js";
import { matchesFilter, type ServerFilter } from "./server-query.js";
import { Server, SERVER_ID_PREFIX, serverId, serverSnapshot, type ServerRecord } from "./server.js";
import type { HostSelector, SelectionRequest } from "./host-selector.js";
import type { AcceleratorPort } from "./accelerator-port.js";

export interface AllocateComputeRequest {
  readonly tenant: string;
  readonly flavour: FlavourSpec;
  readonly zone: string | undefined;
  readonly groupId: string | undefined;
  readonly name: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  /** Modelled hypervisor spawn duration for each server (drawn by the caller). */
  readonly bootTimesMs: ReadonlyArray<number>;
  /** The software image to boot from; its first transfer to a host adds to the spawn (useImageTransfer). */
  readonly imageId?: string;
  readonly measured: boolean;
  /** The only host the servers may go to (an admin's forced host; the production state's servers). */
  readonly forceHost?: string;
}

/** How long each operation's task takes, in simulated ms (drawn by the caller's named streams). */
export interface OperationTimings {
  durationMs(op: UserOp): number;
}

/** Every operation completes in the step that starts it. */
export const INSTANT_OPERATIONS: OperationTimings = { durationMs: () => 0 };

export interface OperateOptions {
  /** The new flavour of a resize (IFA Scale). */
  readonly flavour?: FlavourSpec;
  /** Confirm the resize as soon as it is done (IFA Scale is resize + confirm). */
  readonly autoConfirm?: boolean;
}

/** Nova's versioned-notification action of each user operation (event_type instance.<action>.<phase>). */
const NOVA_ACTION: Readonly<Record<UserOp | "evacuate", string>> = {
  start: "power_on",
  stop: "power_off",
  pause: "pause",
  unpause: "unpause",
  suspend: "suspend",
  resume: "resume",
  "reboot.soft": "reboot",
  "reboot.hard": "reboot",
  "snapshot.create": "snapshot",
  resize: "resize",
  "resize.confirm": "resize_confirm",
  "resize.revert": "resize_revert",
  "migrate.live": "live_migration",
  "migrate.offline": "migrate",
  evacuate: "evacuate",
};

/** Event types by action and phase, built once: the hot path names four per server. */
type EventTypes = Readonly<Record<OperationPhase, LogText>>;
const eventTypes = (a: string): EventTypes => ({ start: new LogText(`instance.${a}.start`), end: new LogText(`instance.${a}.end`), error: new LogText(`instance.${a}.error`) });
const EVENT_TYPES = new Map<string, EventTypes>(["task", ...Object.values(NOVA_ACTION)].map((a) => [a, eventTypes(a)]));
const eventTypeOf = (action: string): EventTypes => EVENT_TYPES.get(action) ?? eventTypes(action);
/** Log texts of the other entities and operations, made once each (a small, fixed set). */
const LOG_TEXTS = new Map<string, LogText>();
function logText(x: string | LogText): LogText {
  if (typeof x !== "string") return x;
  let t = LOG_TEXTS.get(x);
  if (t === undefined) LOG_TEXTS.set(x, (t = new LogText(x)));
  return t;
}

/** The records every server makes (four state changes, four events): their digest hashes computed once. */
const T = {
  server: new LogText("server"),
  event: new LogText("event"),
  idPrefix: new LogText(SERVER_ID_PREFIX),
  allocate: new LogText("allocate"),
  scheduleOk: new LogText("schedule.ok"),
  scheduleFail: new LogText("schedule.fail"),
  spawnComplete: new LogText("spawn.complete"),
  terminate: new LogText("terminate"),
  create: eventTypes("create"),
  delete: eventTypes("delete"),
} as const;

/** Code-unit order (locale-independent). */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface ComputeHooks {
  /** A server reached ACTIVE (the workload schedules its end of life from here). */
  onActive?(server: ServerRecord): void;
  /** Placement is about to decide for `server` (member `member` of its request): for explain. */
  beforeSelect?(server: ServerRecord, member: number, selection: SelectionRequest): void;
  /** A server's task ended (completed or failed): the fault manager learns of restored servers. */
  onTaskEnd?(server: ServerRecord): void;
  /** A server was terminated (its alarms are cleared, its downtime ends). */
  onTerminated?(server: ServerRecord): void;
}

export class ComputeService {
  private nextServerNo = 1;
  /**
   * Live servers by number: a dense array (server numbers are consecutive and never reused), which is
   * much faster than a hash map once hundreds of thousands of servers are alive.
   */
  private readonly servers: Array<Server | undefined> = [];
  private liveCount = 0;
  /** The live servers, dense (order: creation, with swap-removal); each knows its position (Server.livePosition). */
  private readonly liveList: Server[] = [];
  private readonly groups = new Map<string, ServerGroup>();
  private readonly vectors = new Map<FlavourSpec, Float64Array>();
  private lastFlavour: FlavourSpec | undefined;
  private lastVector: Float64Array | undefined;
  /** Snapshots cached on servers are valid only within one epoch of continuous content (see writeLog). */
  private snapshotEpoch = 0;
  private contentWanted = false;
  private readonly snapshots = new Map<string, { readonly server: string; readonly createdAtMs: number }>();
  /** The tenant of each snapshot's server (kept apart so the logged record stays as it was). */
  private readonly snapshotTenants = new Map<string, string>();
  /** Running compute usage per tenant, once someone asked for it (trackTenantUsage). */
  private usageBook: TenantUsageBook | undefined;
  private nextSnapshotNo = 1;
  private readonly zoneIdOf: (h: number) => string;
  private imageTransferMs: ((imageId: string, h: number) => number) | undefined;
  /** Accelerator management (Cyborg); undefined when the cloud has none (the path is then unchanged). */
  private acc: AcceleratorPort | undefined;
  private readonly hostId: (h: number) => string;
  private scratchSelection: { flavour: FlavourSpec; zone: string | undefined; group: undefined } | undefined;
  private readonly zoneIds: ReadonlyArray<string>;

  constructor(
    private readonly sim: Simulation,
    private readonly nfvi: NfviState,
    private readonly select: HostSelector,
    private readonly log: EventLog,
    private readonly metrics: ComputeMetrics,
    private readonly hooks: ComputeHooks = {},
    private readonly timings: OperationTimings = INSTANT_OPERATIONS,
    /** Where change and operation notifications go (IFA Subscribe/Notify); nobody listens by default. */
    readonly notifier: ChangeNotifier = new ChangeNotifier(),
  ) {
    this.hostId = (h) => nfvi.hostId(h);
    this.zoneIds = nfvi.topology.zones.map((z) => z.id);
    this.zoneIdOf = (h) => this.zoneIds[nfvi.zoneIndexOf(h)]!;
  }

  /**
   * The image port: how long bringing image `imageId` to host h takes now (0 once cached there). Set
   * by the façade that owns the images; without it an image costs no transfer time.
   */
  useImageTransfer(transferMs: (imageId: string, h: number) => number): void {
    this.imageTransferMs = transferMs;
  }

  /** The accelerator port: servers whose flavour has a device profile bind accelerators (INV-F3). */
  useAccelerators(port: AcceleratorPort): void {
    this.acc = port;
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

  /** Deletes an empty server group (Nova refuses nothing here, but a group with live members would leave them unconstrained: CONFLICT). */
  deleteServerGroup(id: string): Result<void> {
    const group = this.groups.get(id);
    if (group === undefined) return fail(domainError("NOT_FOUND", `server group ${id} does not exist`));
    if (group.members.size > 0) return fail(domainError("CONFLICT", `server group ${id} has ${group.members.size} live members`));
    this.groups.delete(id);
    this.writeLog("serverGroup", id, "delete", { policy: group.policy, maxPerHost: group.maxPerHost }, null);
    return ok(undefined);
  }

  /** A live (not deleted) server by number. */
  server(no: number): ServerRecord | undefined {
    return this.servers[no];
  }

  get liveServerCount(): number {
    return this.liveCount;
  }

  /** The live server at position `i` (0 ≤ i < liveServerCount) of an order that depends only on the run. */
  liveServerAt(i: number): ServerRecord | undefined {
    return this.liveList[i];
  }

  /**
   * Removes `s` from the dense live list: the last entry takes its place. The position is kept on the
   * record, which the change reads anyway: a side table indexed by server number cost a cache miss
   * per terminate on long runs.
   */
  private forgetLive(s: Server): void {
    const at = s.livePosition;
    const last = this.liveList.pop()!;
    if (last !== s) {
      this.liveList[at] = last;
      last.livePosition = at;
    }
    s.livePosition = -1;
  }

  /**
   * Allocates `bootTimesMs.length` servers. Each is scheduled in turn with the group's updated member
   * hosts; if any finds no valid host, every claim of the request is undone and all its servers end
   * in ERROR with NO_VALID_HOST (no partial placement, INV-E2/A7). Returns the servers either way;
   * the error carries the countable reason of the first failure.
   */
  allocate(req: AllocateComputeRequest): { servers: ServerRecord[]; error: string | undefined; reasons: ReadonlyMap<string, number> | undefined } {
    const group = req.groupId === undefined ? undefined : this.groups.get(req.groupId);
    const count = req.bootTimesMs.length;
    const servers: Server[] = count === 1 ? [this.newServer(req, 0)] : [];
    for (let i = servers.length; i < count; i++) servers.push(this.newServer(req, i));
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
      s.allocationSlot = this.nfvi.claimVector(s, decision.host, this.vectorOf(req.flavour));
      if (s.allocationSlot < 0) this.claimRefused(s, decision.host, req.flavour);
      if (this.acc !== undefined && !this.acc.claim(s, decision.host)) throw new InvariantViolation("INV-F1", `placement chose host ${this.hostId(decision.host)} for ${s.id} without free accelerator handles`);
      s.hostIndex = decision.host;
      if (group !== undefined) addMemberHost(group, decision.host);
    }
    if (failure !== undefined) {
      this.undoClaims(servers, group);
      this.metrics.onRejection(req.measured, "NO_VALID_HOST", servers.length, failure.reasons);
    } else this.metrics.onRequestPlaced(req.measured);
    for (let i = 0; i < servers.length; i++) this.decide(servers[i]!, failure, this.spawnMs(req, i, servers[i]!), req.measured);
    return { servers, error: failure?.message, reasons: failure?.reasons };
  }

  /** TerminateVirtualisedComputeResource: releases everything the server holds (INV-J1), in any state. */
  terminate(no: number): Result<void> {
    const s = this.live(no);
    if (s === undefined) return fail(domainError("NOT_FOUND", `server vm-${no} does not exist or is deleted`));
    return this.terminateLive(s);
  }

  /**
   * `terminate` of a server record the caller kept (a tenant ending its server's life): NOT_FOUND
   * when it is already deleted. The same change, without looking the number up.
   */
  terminateServer(server: ServerRecord): Result<void> {
    if (server.state === DELETED) return fail(domainError("NOT_FOUND", `server ${server.id} does not exist or is deleted`));
    // Not looked up by number: the record in hand is the VIM's own (a cache miss saved on long runs).
    if (!(server instanceof Server)) throw new InvariantViolation("INV-D4", `server record vm-${server.no} is not one of the VIM's`);
    return this.terminateLive(server);
  }

  private terminateLive(s: Server): Result<void> {
    const no = s.no;
    const t = transition(s.state, "terminate");
    if (t === undefined) return fail(domainError("WRONG_STATE", `server ${s.id} cannot be terminated in state ${s.state.vmState}`));
    // An operation still in flight ends in error: every start gets its end or error (INV-H4).
    if (s.state === BUILDING_SPAWNING) this.writeEvent(s, T.create, "error", "deleted while building");
    else if (s.taskOp !== undefined) this.writeEvent(s, eventTypeOf(NOVA_ACTION[s.taskOp]), "error", "deleted during the operation");
    s.taskOp = undefined;
    this.writeEvent(s, T.delete, "start");
    const before = this.wantsContent ? this.currentSnapshot(s) : null;
    if (t.cancelsTask && s.taskHandle >= 0) this.sim.cancel(s.taskHandle);
    if (t.releases) this.releaseAll(s);
    const group = s.groupId === undefined ? undefined : this.groups.get(s.groupId);
    group?.members.delete(s.no);
    s.state = t.next;
    s.taskHandle = -1;
    this.servers[no] = undefined;
    this.liveCount--;
    this.forgetLive(s);
    this.writeLog(T.server, s, T.terminate, before, this.wantsContent ? this.freshSnapshot(s) : null);
    this.writeEvent(s, T.delete, "end");
    this.hooks.onTerminated?.(s);
    return ok(undefined);
  }

  /** Terminate over a list, best effort (IFA): the ids actually terminated, in the order given. */
  terminateMany(nos: readonly number[]): string[] {
    return nos.filter((no) => this.terminate(no).ok).map((no) => serverId(no));
  }

  /**
   * OperateVirtualisedComputeResource and the other server actions (IFA Scale, Migrate, resize
   * confirm/revert): WRONG_STATE when the machine has no such edge from the server's state (nothing
   * changes, INV-D1/D2), NO_VALID_HOST when a move finds no destination (nothing changes either).
   * The task takes `timings.durationMs(op)` of simulated time; 0 completes it at once.
   */
  operate(no: number, op: UserOp, options: OperateOptions = {}): Result<ServerRecord> {
    const s = this.live(no);
    if (s === undefined) return fail(domainError("NOT_FOUND", `server vm-${no} does not exist or is deleted`));
    const t = transition(s.state, op);
    if (t === undefined) return fail(domainError("WRONG_STATE", `${op} is not allowed for server ${s.id} in status ${serverStatus(s.state)}${s.state.taskState === null ? "" : ` (task_state ${s.state.taskState})`}`));
    if (s.hostIndex < 0) return fail(domainError("WRONG_STATE", `server ${s.id} has no host (its build failed): only terminate is allowed`));
    const refused = this.acc?.refusal(s, op);
    if (refused !== undefined) return fail(domainError("FORBIDDEN", refused));
    const before = this.wantsContent ? this.currentSnapshot(s) : null;
    if (t.effects.includes("moveBegin")) {
      const target = options.flavour ?? s.flavourSpec;
      const begun = beginMove(this.moveContext(), s, target, op === "migrate.offline" || options.autoConfirm === true);
      if (!begun.ok) return begun;
    }
    s.state = t.next;
    s.taskOp = op;
    this.metrics.onOperation(op, "started");
    this.writeLog("server", s, op, before, this.wantsContent ? this.freshSnapshot(s) : null);
    this.writeEvent(s, eventTypeOf(NOVA_ACTION[op]), "start");
    this.startTask(s, "task.complete", this.timings.durationMs(op));
    return ok(s);
  }

  /** Ends the task in flight with a failure (a fault, an injected error): ERROR, or a move's rollback. */
  failTask(no: number, reason: string): Result<ServerRecord> {
    const s = this.live(no);
    if (s === undefined) return fail(domainError("NOT_FOUND", `server vm-${no} does not exist or is deleted`));
    const t = transition(s.state, "task.fail");
    if (t === undefined) return fail(domainError("WRONG_STATE", `server ${s.id} has no task in flight`));
    if (s.taskHandle >= 0) this.sim.cancel(s.taskHandle);
    s.taskHandle = -1;
    s.faultMessage = reason;
    this.metrics.onOperation(s.taskOp ?? "task", "failed");
    this.applyTaskEnd(s, t, "task.fail");
    return ok(s);
  }

  /**
   * The server's host failed (Doctor: the inspector resets its servers to ERROR): a task in flight
   * fails first (a move rolls back to its source); a server still on a host in `failed` then goes
   * to ERROR, keeping its allocations (INV-D9). Returns whether the server is now down.
   */
  hostFailed(no: number, failed: (h: number) => boolean, reason: string): Result<boolean> {
    const s = this.live(no);
    if (s === undefined) return fail(domainError("NOT_FOUND", `server vm-${no} does not exist or is deleted`));
    if (s.taskOp !== undefined) this.failTask(no, reason);
    if (s.hostIndex < 0 || !failed(s.hostIndex)) return ok(false);
    const t = transition(s.state, "host.fail");
    if (t === undefined) return fail(domainError("WRONG_STATE", `server ${s.id} in state ${s.state.key} cannot fail with its host`));
    const before = this.wantsContent ? this.currentSnapshot(s) : null;
    if (t.cancelsTask && s.taskHandle >= 0) this.sim.cancel(s.taskHandle);
    s.taskHandle = -1;
    if (s.state === BUILDING_SPAWNING) this.writeEvent(s, T.create, "error", reason);
    s.state = t.next;
    s.faultMessage = reason;
    this.writeLog("server", s, "host.fail", before, this.wantsContent ? this.freshSnapshot(s) : null);
    return ok(true);
  }

  /**
   * Evacuate (Nova evacuate, IFA heal): rebuilds an ERROR server whose host is out of service on
   * another host chosen by placement with its group's constraints (INV-E4); the rebuild takes
   * `rebuildMs`. WRONG_STATE unless the server is in ERROR on an unusable host; NO_VALID_HOST when
   * no host fits (nothing changes: the server keeps its allocation on the failed host).
   */
  evacuate(no: number, rebuildMs: number): Result<ServerRecord> {
    const s = this.live(no);
    if (s === undefined) return fail(domainError("NOT_FOUND", `server vm-${no} does not exist or is deleted`));
    const t = transition(s.state, "evacuate");
    if (t === undefined || s.hostIndex < 0) return fail(domainError("WRONG_STATE", `evacuate is not allowed for server ${s.id} in status ${serverStatus(s.state)}`));
    if (this.nfvi.isUsable(s.hostIndex)) return fail(domainError("WRONG_STATE", `server ${s.id}: host ${this.hostId(s.hostIndex)} is in service; evacuate needs a failed host`));
    const before = this.wantsContent ? this.currentSnapshot(s) : null;
    const moved = relocate(this.moveContext(), s);
    if (!moved.ok) return moved;
    if (this.acc !== undefined && !this.acc.rebind(s, s.hostIndex)) throw new InvariantViolation("INV-F2", `evacuation chose host ${this.hostId(s.hostIndex)} for ${s.id} without free accelerator handles`);
    s.state = t.next;
    s.taskOp = "evacuate";
    this.metrics.onOperation("evacuate", "started");
    this.writeLog("server", s, "evacuate", before, this.wantsContent ? this.freshSnapshot(s) : null);
    this.writeEvent(s, eventTypeOf(NOVA_ACTION.evacuate), "start");
    this.startTask(s, "task.complete", rebuildMs);
    return ok(s);
  }

  /** DeleteSnapshot (IFA computeOperation DELETE_SNAPSHOT): NOT_FOUND unless the snapshot exists. */
  deleteSnapshot(snapshotId: string): Result<void> {
    const snapshot = this.snapshots.get(snapshotId);
    if (snapshot === undefined) return fail(domainError("NOT_FOUND", `snapshot ${snapshotId} does not exist`));
    this.snapshots.delete(snapshotId);
    this.snapshotTenants.delete(snapshotId);
    this.writeLog("snapshot", snapshotId, "delete", snapshot, null);
    return ok(undefined);
  }

  /**
   * Compute quota usage per tenant as running sums (O(1) quota checks), kept from now on. Call it
   * before the first server is created, or the servers created before are not counted.
   */
  trackTenantUsage(): TenantUsageBook {
    if (this.usageBook === undefined) {
      if (this.nextServerNo > 1) throw new InvariantViolation("INV-B3", "tenant usage must be tracked from the first server on");
      this.usageBook = new TenantUsageBook();
    }
    return this.usageBook;
  }

  /** Snapshots taken and not deleted, by id (sorted). */
  snapshotIds(): string[] {
    return [...this.snapshots.keys()].sort(compareIds);
  }

  /** A snapshot: its server, owner tenant and creation time; undefined once deleted or never taken. */
  snapshot(snapshotId: string): { readonly snapshotId: string; readonly computeId: string; readonly tenantId: string; readonly createdAtMs: number } | undefined {
    const s = this.snapshots.get(snapshotId);
    return s === undefined ? undefined : { snapshotId, computeId: s.server, tenantId: this.snapshotTenants.get(snapshotId) ?? "", createdAtMs: s.createdAtMs };
  }

  /** UpdateVirtualisedComputeResource (metadata): sets `set` and removes `remove` keys. */
  updateMetadata(no: number, set: Readonly<Record<string, string>>, remove: readonly string[] = []): Result<ServerRecord> {
    const s = this.live(no);
    if (s === undefined) return fail(domainError("NOT_FOUND", `server vm-${no} does not exist or is deleted`));
    const before = this.wantsContent ? this.currentSnapshot(s) : null;
    const next: Record<string, string> = { ...s.metadata, ...set };
    for (const key of remove) delete next[key];
    s.metadata = Object.fromEntries(Object.entries(next).sort(([a], [b]) => compareIds(a, b)));
    this.writeLog("server", s, "update", before, this.wantsContent ? this.freshSnapshot(s) : null);
    return ok(s);
  }

  /** QueryVirtualisedComputeResource: live servers matching `filter`, by server number. */
  query(filter: ServerFilter = {}): ServerRecord[] {
    const out: ServerRecord[] = [];
    for (const s of this.servers) if (s !== undefined && matchesFilter(s, filter, this.hostId, this.zoneIdOf)) out.push(s);
    return out;
  }

  /** The spawn time of member i: its boot time, plus the image's transfer to its host if not cached there. */
  private spawnMs(req: AllocateComputeRequest, i: number, s: ServerRecord): number {
    const boot = req.bootTimesMs[i] ?? 0;
    if (req.imageId === undefined || this.imageTransferMs === undefined || s.hostIndex < 0) return boot;
    return boot + this.imageTransferMs(req.imageId, s.hostIndex);
  }

  /** The flavour's amounts as a class-order vector, built once per flavour. */
  private vectorOf(flavour: FlavourSpec): Float64Array {
    // Consecutive requests mostly share their flavour: the last one answers without the map.
    if (flavour === this.lastFlavour) return this.lastVector!;
    let vector = this.vectors.get(flavour);
    if (vector === undefined) {
      vector = new Float64Array(RESOURCE_CLASS_COUNT);
      const bad = readAmounts(flavour.amounts, vector);
      if (bad !== null) throw new InvariantViolation("FLAVOUR", `flavour ${flavour.id}: ${bad.message}`);
      this.vectors.set(flavour, vector);
    }
    this.lastFlavour = flavour;
    this.lastVector = vector;
    return vector;
  }

  /** Placement chose a host the NFVI refuses: a broken invariant (the selection saw stale state). */
  private claimRefused(s: ServerRecord, h: number, flavour: FlavourSpec): never {
    const claim = this.nfvi.claim(s.id, h, askedAmounts(flavour.amounts));
    const why = claim.ok ? "refused by the fast path only" : claim.error.message;
    throw new InvariantViolation("INV-A1", `placement chose host ${this.hostId(h)} for ${s.id} but the claim failed: ${why}`);
  }

  private newServer(req: AllocateComputeRequest, i: number): Server {
    const no = this.nextServerNo++;
    const s = new Server({
      no,
      requestedName: req.name === undefined ? undefined : req.bootTimesMs.length > 1 ? `${req.name}-${i + 1}` : req.name,
      tenant: req.tenant,
      flavourSpec: req.flavour,
      zoneConstraint: req.zone,
      groupId: req.groupId,
      metadata: req.metadata,
      requestedAtMs: this.sim.nowMs,
      measured: req.measured,
    });
    this.servers[no] = s;
    this.liveCount++;
    s.livePosition = this.liveList.length;
    this.liveList.push(s);
    if (req.groupId !== undefined) this.groups.get(req.groupId)?.members.add(no);
    this.writeLog(T.server, s, T.allocate, null, this.wantsContent ? this.freshSnapshot(s) : null);
    this.writeEvent(s, T.create, "start");
    return s;
  }

  /**
   * What placement is asked for the request's members. Without a group it is the reused scratch
   * object: the selector and the hooks read it during the call only, and a fresh one per arrival was
   * a measurable share of a long run's garbage.
   */
  private selectionFor(req: AllocateComputeRequest, group: ServerGroup | undefined): SelectionRequest {
    if (req.forceHost !== undefined) {
      const h = this.nfvi.hostIndex(asId<HostId>(req.forceHost));
      if (h === undefined) throw new InvariantViolation("REQUEST", `forced host ${req.forceHost} is not a host of the NFVI`);
      return { flavour: req.flavour, zone: req.zone, group, forceHost: h };
    }
    if (group !== undefined) return { flavour: req.flavour, zone: req.zone, group };
    const scratch = (this.scratchSelection ??= { flavour: req.flavour, zone: req.zone, group: undefined });
    scratch.flavour = req.flavour;
    scratch.zone = req.zone;
    return scratch;
  }

  private undoClaims(servers: ReadonlyArray<ServerRecord>, group: ServerGroup | undefined): void {
    for (const s of servers) {
      if (s.hostIndex < 0) continue;
      this.nfvi.releaseSlot(s.allocationSlot);
      s.allocationSlot = -1;
      this.acc?.release(s);
      if (group !== undefined) removeMemberHost(group, s.hostIndex);
      s.hostIndex = -1;
    }
  }

  /** Applies schedule.ok or schedule.fail to one server of a decided request. */
  private decide(s: ServerRecord, failure: { message: string } | undefined, bootTimeMs: number, measured: boolean): void {
    const op: ServerOp = failure === undefined ? "schedule.ok" : "schedule.fail";
    this.metrics.onDecision(measured, failure === undefined);
    // Before scheduling the server had no host, whatever the tentative claim already recorded.
    const before = this.wantsContent ? { ...serverSnapshot(s, this.hostId), host: null } : null;
    s.state = transition(s.state, op)!.next;
    if (failure !== undefined) {
      s.faultMessage = `NO_VALID_HOST: ${failure.message}`;
      this.writeLog(T.server, s, T.scheduleFail, before, this.wantsContent ? this.freshSnapshot(s) : null);
      this.writeEvent(s, T.create, "error", s.faultMessage);
      return;
    }
    this.metrics.onServerStarted(this.sim.nowMs);
    this.metrics.onPlacedIn(measured, this.zoneIds[this.nfvi.zoneIndexOf(s.hostIndex)]!);
    this.writeLog(T.server, s, T.scheduleOk, before, this.wantsContent ? this.freshSnapshot(s) : null);
    this.startTask(s, "spawn.complete", bootTimeMs);
  }

  /** Completes the server's task after `durationMs` (at once when ≤ 0) with `op`. */
  private startTask(s: ServerRecord, op: "spawn.complete" | "task.complete", durationMs: number): void {
    if (durationMs <= 0) this.completeTask(s, op);
    else s.taskHandle = this.sim.schedule(durationMs, ComputeService.onTaskDue, { service: this, server: s, op }, NORMAL);
  }

  private static onTaskDue(_sim: Simulation, p: { service: ComputeService; server: ServerRecord; op: "spawn.complete" | "task.complete" }): void {
    p.server.taskHandle = -1;
    p.service.completeTask(p.server, p.op);
  }

  private completeTask(s: ServerRecord, op: "spawn.complete" | "task.complete"): void {
    if (op === "spawn.complete") return this.spawnComplete(s);
    // An evacuation rebuild ends ACTIVE only with every accelerator request Bound (INV-F3), as a build does.
    const accFault = s.state === ERROR_REBUILDING ? this.acc?.missingBinds(s) : undefined;
    if (accFault !== undefined) {
      s.taskHandle = -1;
      s.faultMessage = accFault;
      this.metrics.onOperation(s.taskOp ?? "task", "failed");
      return this.applyTaskEnd(s, transition(s.state, "task.fail")!, "task.fail");
    }
    const t = transition(s.state, "task.complete");
    if (t === undefined) throw new InvariantViolation("INV-D7", `server ${s.id}: a task completed in state ${s.state.key}`);
    this.metrics.onOperation(s.taskOp ?? "task", "completed");
    const snapshotOf = s.state.taskState === "image_snapshot" ? s : undefined;
    this.applyTaskEnd(s, t, "task.complete");
    if (snapshotOf !== undefined) this.recordSnapshot(snapshotOf);
    // A build cut short by a host failure becomes ACTIVE through its rebuild: its life starts now.
    if (s.activeAtMs < 0 && s.state.vmState === "active") {
      s.activeAtMs = this.sim.nowMs;
      this.hooks.onActive?.(s);
    }
    // IFA Scale and offline Migrate are resize (or migrate) + confirm.
    if (s.move?.autoConfirm === true && transition(s.state, "resize.confirm") !== undefined) this.operate(s.no, "resize.confirm");
  }

  /** Takes a task's end edge (complete or fail) and performs its move effects. */
  private applyTaskEnd(s: ServerRecord, t: Transition, op: "task.complete" | "task.fail"): void {
    const before = this.wantsContent ? this.currentSnapshot(s) : null;
    if (t.effects.includes("moveCommit")) commitMove(this.moveContext(), s);
    if (t.effects.includes("moveRollback")) rollbackMove(this.moveContext(), s);
    s.state = t.next;
    this.writeLog("server", s, op, before, this.wantsContent ? this.freshSnapshot(s) : null);
    const action = s.taskOp === undefined ? "task" : NOVA_ACTION[s.taskOp];
    s.taskOp = undefined;
    // The end (or error) follows the last change the operation caused (INV-H4).
    this.writeEvent(s, eventTypeOf(action), op === "task.fail" ? "error" : "end", op === "task.fail" ? s.faultMessage : undefined);
    this.hooks.onTaskEnd?.(s);
  }

  private recordSnapshot(s: ServerRecord): void {
    const id = `snap-${this.nextSnapshotNo++}`;
    const snapshot = { server: s.id, createdAtMs: this.sim.nowMs };
    this.snapshots.set(id, snapshot);
    this.snapshotTenants.set(id, s.tenant);
    this.writeLog("snapshot", id, "create", null, snapshot);
  }

  /** The live server `no`, if any. */
  private live(no: number): Server | undefined {
    return no >= 0 && no < this.servers.length ? this.servers[no] : undefined;
  }

  private moveContext(): MoveContext {
    return { nfvi: this.nfvi, select: this.select, groups: this.groups, vectorOf: (f) => this.vectorOf(f) };
  }

  private spawnComplete(s: ServerRecord): void {
    const accFault = this.acc?.completeBind(s);
    if (accFault !== undefined) return this.spawnFailed(s, accFault);
    const before = this.wantsContent ? this.currentSnapshot(s) : null;
    s.state = transition(s.state, "spawn.complete")!.next;
    s.activeAtMs = this.sim.nowMs;
    this.metrics.onActive(s.activeAtMs - s.requestedAtMs, s.measured);
    this.writeLog(T.server, s, T.spawnComplete, before, this.wantsContent ? this.freshSnapshot(s) : null);
    this.writeEvent(s, T.create, "end");
    this.hooks.onActive?.(s);
  }

  /** A build whose accelerators did not all bind: ERROR, holding nothing (INV-F3, INV-D5). */
  private spawnFailed(s: ServerRecord, fault: string): void {
    const before = this.wantsContent ? this.currentSnapshot(s) : null;
    this.releaseAll(s);
    s.state = transition(s.state, "spawn.fail")!.next;
    s.faultMessage = fault;
    this.writeLog(T.server, s, "spawn.fail", before, this.wantsContent ? this.freshSnapshot(s) : null);
    this.writeEvent(s, T.create, "error", fault);
  }

  /** Releases whatever the server holds: its allocation, and a move's source allocation (INV-J1). */
  private releaseAll(s: ServerRecord): void {
    if (s.move !== undefined) commitMove(this.moveContext(), s);
    this.acc?.release(s);
    if (s.allocationSlot < 0) return;
    this.nfvi.releaseSlot(s.allocationSlot);
    s.allocationSlot = -1;
    const group = s.groupId === undefined ? undefined : this.groups.get(s.groupId);
    if (group !== undefined) removeMemberHost(group, s.hostIndex);
    s.hostIndex = -1;
    this.metrics.onServerEnded(this.sim.nowMs);
  }

  /**
   * The server's state as its last record left it: a change's `before` is the previous change's
   * `after` (INV-H2), so the object is reused instead of rebuilt. Every change of a server is logged
   * with a fresh `after` (freshSnapshot), which keeps this exact.
   */
  private currentSnapshot(s: ServerRecord): Record<string, unknown> {
    return s.snapshotEpoch === this.snapshotEpoch && s.snapshotCache !== undefined ? s.snapshotCache : this.freshSnapshot(s);
  }

  /** The server's snapshot now, remembered on the server as its current one. */
  private freshSnapshot(s: ServerRecord): Record<string, unknown> {
    const snapshot = serverSnapshot(s, this.hostId);
    s.snapshotCache = snapshot;
    s.snapshotEpoch = this.snapshotEpoch;
    return snapshot;
  }

  /** Does anyone read record content (the kept log or a subscriber)? Else hot paths build none. */
  private get wantsContent(): boolean {
    return this.log.wantsContent || this.notifier.active;
  }

  /**
   * One log record per state change, and its change notification to subscribers (INV-H1); a server's
   * id is read only when someone wants content (see Server).
   */
  private writeLog(entity: string | LogText, subject: string | ServerRecord, op: string | LogText, before: unknown, after: unknown): void {
    // Every change of a server's host, flavour or move is logged here: the usage book follows it.
    if (this.usageBook !== undefined && typeof subject !== "string") this.usageBook.recharge(subject);
    if (!this.wantsContent) {
      // Snapshots remembered while someone listened go stale from here on: a new epoch voids them.
      if (this.contentWanted) {
        this.contentWanted = false;
        this.snapshotEpoch++;
      }
      this.skipRecord(entity, subject, op);
      return;
    }
    this.contentWanted = true;
    const entityText = typeof entity === "string" ? entity : entity.text;
    const opText = typeof op === "string" ? op : op.text;
    const id = typeof subject === "string" ? subject : subject.id;
    const now = this.sim.nowMs;
    const seq = this.log.wantsContent ? this.log.append(now, entityText, id, opText, before, after) : this.skipRecord(entity, subject, op);
    if (!this.notifier.active) return;
    const tenantId = typeof subject === "string" ? undefined : subject.tenant;
    this.notifier.publish(changeNotification(seq, now, entityText, id, tenantId, opText, before, after));
  }

  /** The record's sequence number and digest, without its content or its id string. */
  private skipRecord(entity: string | LogText, subject: string | ServerRecord, op: string | LogText): number {
    if (typeof subject !== "string") return this.log.skipNumbered(this.sim.nowMs, logText(entity), T.idPrefix, subject.no, logText(op));
    return this.log.skip(this.sim.nowMs, logText(entity).text, subject, logText(op).text);
  }

  /** A `instance.<action>.<phase>` event: a log record and an operation notification (INV-H4). */
  private writeEvent(s: ServerRecord, types: EventTypes, phase: OperationPhase, fault?: string): void {
    const eventType = types[phase];
    if (!this.wantsContent) {
      this.log.skipNumbered(this.sim.nowMs, T.event, T.idPrefix, s.no, eventType);
      return;
    }
    const now = this.sim.nowMs;
    const seq = this.log.wantsContent
      ? this.log.append(now, "event", s.id, eventType.text, null, fault === undefined ? { tenant: s.tenant } : { tenant: s.tenant, fault })
      : this.log.skipNumbered(now, T.event, T.idPrefix, s.no, eventType);
    if (!this.notifier.active) return;
    this.notifier.publish({ kind: "operation", seq, timeMs: now, eventType: eventType.text, virtualisedResourceId: s.id, tenantId: s.tenant, phase, fault });
  }
}
