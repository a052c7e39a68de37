/**
 * IFA 005/006 virtualised compute management: AllocateVirtualisedComputeResource (one server, or N
 * servers all-or-nothing as Nova's multi-create with min_count = N), TerminateVirtualisedComputeResource,
 * the operations (Operate, Scale, Migrate, evacuate), snapshots, metadata updates and queries.
 * Decisions come from the pure transition table (server-machine.ts) and the placement selector; the
 * parts that apply them share this service's state: the live servers (server-registry.ts), their
 * claims (server-claims.ts), the task engine (server-tasks.ts) and the record writer
 * (compute-records.ts). Allocation and termination, the hot path of every request, stay here.
 */
import { asId, domainError, fail, InvariantViolation, ok, type HostId, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { ComputeMetrics, EventLog } from "../../metrics/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { ChangeNotifier } from "../change/change-notifier.js";
import type { LiveUsageBook } from "../quota/live-usage-book.js";
import type { TenantUsageBook } from "../quota/tenant-usage-book.js";
import type { AcceleratorPort } from "./accelerator-port.js";
import type { ComputeHooks } from "./compute-hooks.js";
import { ComputeRecorder, eventTypesOf, SERVER_TEXTS as T } from "./compute-records.js";
import type { FlavourSpec } from "./flavour.js";
import type { HostSelector, SelectionRequest } from "./host-selector.js";
import { ServerClaims } from "./server-claims.js";
import { makeServerGroup, type GroupPolicy, type ServerGroup } from "./server-group.js";
import { BUILDING_SPAWNING, DELETED, transition, type ServerOp, type UserOp } from "./server-machine.js";
import { matchesFilter, type ServerFilter } from "./server-query.js";
import { serverNotFound, ServerRegistry } from "./server-registry.js";
import { INSTANT_OPERATIONS, ServerTasks, type OperateOptions, type OperationTimings } from "./server-tasks.js";
import { Server, serverId, serverSnapshot, type ServerRecord } from "./server.js";
import { SnapshotStore, type SnapshotView } from "./snapshot-store.js";

export type { ComputeHooks } from "./compute-hooks.js";
export { INSTANT_OPERATIONS, type OperateOptions, type OperationTimings } from "./server-tasks.js";

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

/** Why a request found no host: the first failing member's message and countable reasons. */
interface Failure {
  readonly message: string;
  readonly reasons: ReadonlyMap<string, number>;
}

/** Code-unit order (locale-independent). */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class ComputeService {
  private readonly registry = new ServerRegistry();
  private readonly claims: ServerClaims;
  private readonly rec: ComputeRecorder;
  private readonly snapshots: SnapshotStore;
  private readonly tasks: ServerTasks;
  private readonly hostId: (h: number) => string;
  private readonly zoneIds: ReadonlyArray<string>;
  private readonly zoneIdOf: (h: number) => string;
  private imageTransferMs: ((imageId: string, h: number) => number) | undefined;
  private scratchSelection: { flavour: FlavourSpec; zone: string | undefined; group: undefined } | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly nfvi: NfviState,
    private readonly select: HostSelector,
    log: EventLog,
    private readonly metrics: ComputeMetrics,
    private readonly hooks: ComputeHooks = {},
    timings: OperationTimings = INSTANT_OPERATIONS,
    /** Where change and operation notifications go (IFA Subscribe/Notify); nobody listens by default. */
    readonly notifier: ChangeNotifier = new ChangeNotifier(),
  ) {
    this.hostId = (h) => nfvi.hostId(h);
    this.zoneIds = nfvi.topology.zones.map((z) => z.id);
    this.zoneIdOf = (h) => this.zoneIds[nfvi.zoneIndexOf(h)]!;
    this.claims = new ServerClaims(nfvi, select, sim, metrics);
    this.rec = new ComputeRecorder(sim, log, notifier, this.registry, this.hostId);
    this.snapshots = new SnapshotStore(sim, this.rec);
    this.tasks = new ServerTasks(sim, this.registry, this.claims, this.rec, this.snapshots, metrics, hooks, timings);
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
    this.claims.acc = port;
  }

  /** Creates a server group (Nova server group / IFA affinity-or-anti-affinity group). */
  createServerGroup(id: string, policy: GroupPolicy, maxPerHost: number): Result<ServerGroup> {
    const groups = this.claims.groups;
    if (groups.has(id)) return fail(domainError("CONFLICT", `server group ${id} already exists`));
    const group = makeServerGroup(id, policy, maxPerHost);
    groups.set(id, group);
    this.rec.writeLog("serverGroup", id, "create", null, { policy, maxPerHost });
    return ok(group);
  }

  serverGroup(id: string): ServerGroup | undefined {
    return this.claims.groups.get(id);
  }

  /** Deletes an empty server group (Nova refuses nothing here, but a group with live members would leave them unconstrained: CONFLICT). */
  deleteServerGroup(id: string): Result<void> {
    const group = this.claims.groups.get(id);
    if (group === undefined) return fail(domainError("NOT_FOUND", `server group ${id} does not exist`));
    if (group.members.size > 0) return fail(domainError("CONFLICT", `server group ${id} has ${group.members.size} live members`));
    this.claims.groups.delete(id);
    this.rec.writeLog("serverGroup", id, "delete", { policy: group.policy, maxPerHost: group.maxPerHost }, null);
    return ok(undefined);
  }

  /** A live (not deleted) server by number. */
  server(no: number): ServerRecord | undefined {
    return this.registry.byNo[no];
  }

  get liveServerCount(): number {
    return this.registry.liveCount;
  }

  /** The live server at position `i` (0 ≤ i < liveServerCount) of an order that depends only on the run. */
  liveServerAt(i: number): ServerRecord | undefined {
    return this.registry.liveList[i];
  }

  /**
   * Allocates `bootTimesMs.length` servers. Each is scheduled in turn with the group's updated member
   * hosts; if any finds no valid host, every claim of the request is undone and all its servers end
   * in ERROR with NO_VALID_HOST (no partial placement, INV-E2/A7). Returns the servers either way;
   * the error carries the countable reason of the first failure.
   */
  allocate(req: AllocateComputeRequest): { servers: ServerRecord[]; error: string | undefined; reasons: ReadonlyMap<string, number> | undefined } {
    const group = req.groupId === undefined ? undefined : this.claims.groups.get(req.groupId);
    const count = req.bootTimesMs.length;
    const servers: Server[] = count === 1 ? [this.newServer(req, 0)] : [];
    for (let i = servers.length; i < count; i++) servers.push(this.newServer(req, i));
    // One selection for every member: the group it names is live, so each member sees the hosts of
    // the members placed before it.
    const selection = this.selectionFor(req, group);
    let failure: Failure | undefined;
    for (let i = 0; i < servers.length; i++) {
      const s = servers[i]!;
      this.hooks.beforeSelect?.(s, i + 1, selection);
      const decision = this.select(selection);
      if (!decision.ok) {
        failure = { message: decision.message, reasons: decision.reasons };
        break;
      }
      this.claims.claim(s, decision.host, req.flavour, group);
    }
    if (failure !== undefined) {
      this.claims.undo(servers, group);
      this.metrics.onRejection(req.measured, "NO_VALID_HOST", servers.length, failure.reasons);
    } else this.metrics.onRequestPlaced(req.measured);
    for (let i = 0; i < servers.length; i++) this.decide(servers[i]!, failure, this.spawnMs(req, i, servers[i]!), req.measured);
    return { servers, error: failure?.message, reasons: failure?.reasons };
  }

  private newServer(req: AllocateComputeRequest, i: number): Server {
    const s = new Server({
      no: this.registry.takeNo(),
      requestedName: req.name === undefined ? undefined : req.bootTimesMs.length > 1 ? `${req.name}-${i + 1}` : req.name,
      tenant: req.tenant,
      flavourSpec: req.flavour,
      zoneConstraint: req.zone,
      groupId: req.groupId,
      metadata: req.metadata,
      requestedAtMs: this.sim.nowMs,
      measured: req.measured,
    });
    this.registry.add(s);
    if (req.groupId !== undefined) this.claims.groups.get(req.groupId)?.members.add(s.no);
    this.rec.writeLog(T.server, s, T.allocate, null, this.rec.after(s));
    this.rec.writeEvent(s, T.create, "start");
    return s;
  }

  /**
   * What placement is asked for the request's members. Without a group it is the reused scratch
   * object: the selector and the hooks read it during the call only, and a fresh one per arrival was
   * a measurable share of a long run's garbage (bench/e2e.bench.ts).
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

  /** The spawn time of member i: its boot time, plus the image's transfer to its host if not cached there. */
  private spawnMs(req: AllocateComputeRequest, i: number, s: ServerRecord): number {
    const boot = req.bootTimesMs[i] ?? 0;
    if (req.imageId === undefined || this.imageTransferMs === undefined || s.hostIndex < 0) return boot;
    return boot + this.imageTransferMs(req.imageId, s.hostIndex);
  }

  /** Applies schedule.ok or schedule.fail to one server of a decided request. */
  private decide(s: ServerRecord, failure: { message: string } | undefined, bootTimeMs: number, measured: boolean): void {
    const op: ServerOp = failure === undefined ? "schedule.ok" : "schedule.fail";
    this.metrics.onDecision(measured, failure === undefined);
    // Before scheduling the server had no host, whatever the tentative claim already recorded.
    const before = this.rec.wantsContent ? { ...serverSnapshot(s, this.hostId), host: null } : null;
    s.state = transition(s.state, op)!.next;
    if (failure !== undefined) {
      s.faultMessage = `NO_VALID_HOST: ${failure.message}`;
      this.rec.serverChanged(s, T.scheduleFail, before);
      this.rec.writeEvent(s, T.create, "error", s.faultMessage);
      return;
    }
    this.metrics.onServerStarted(this.sim.nowMs);
    this.metrics.onPlacedIn(measured, this.zoneIds[this.nfvi.zoneIndexOf(s.hostIndex)]!);
    this.rec.serverChanged(s, T.scheduleOk, before);
    this.tasks.start(s, "spawn.complete", bootTimeMs);
  }

  /** TerminateVirtualisedComputeResource: releases everything the server holds (INV-J1), in any state. */
  terminate(no: number): Result<void> {
    const s = this.registry.live(no);
    if (s === undefined) return serverNotFound(no);
    return this.terminateLive(s);
  }

  /**
   * `terminate` of a server record the caller kept (a tenant ending its server's life): NOT_FOUND
   * when it is already deleted. The same change, without looking the number up.
   */
  terminateServer(server: ServerRecord): Result<void> {
    if (server.state === DELETED) return fail(domainError("NOT_FOUND", `server ${server.id} does not exist or is deleted`));
    // Not looked up by number: the record in hand is the VIM's own (a cache miss saved on long runs, bench/e2e.bench.ts).
    if (!(server instanceof Server)) throw new InvariantViolation("INV-D4", `server record vm-${server.no} is not one of the VIM's`);
    return this.terminateLive(server);
  }

  private terminateLive(s: Server): Result<void> {
    const t = transition(s.state, "terminate");
    if (t === undefined) return fail(domainError("WRONG_STATE", `server ${s.id} cannot be terminated in state ${s.state.vmState}`));
    // An operation still in flight ends in error: every start gets its end or error (INV-H4).
    if (s.state === BUILDING_SPAWNING) this.rec.writeEvent(s, T.create, "error", "deleted while building");
    else if (s.taskOp !== undefined) this.rec.writeEvent(s, eventTypesOf(s.taskOp), "error", "deleted during the operation");
    s.taskOp = undefined;
    this.rec.writeEvent(s, T.delete, "start");
    const before = this.rec.before(s);
    if (t.cancelsTask && s.taskHandle >= 0) this.sim.cancel(s.taskHandle);
    if (t.releases) this.claims.releaseAll(s);
    this.claims.groupOf(s)?.members.delete(s.no);
    s.state = t.next;
    s.taskHandle = -1;
    this.registry.remove(s);
    this.rec.serverChanged(s, T.terminate, before);
    this.rec.writeEvent(s, T.delete, "end");
    this.hooks.onTerminated?.(s);
    return ok(undefined);
  }

  /** Terminate over a list, best effort (IFA): the ids actually terminated, in the order given. */
  terminateMany(nos: readonly number[]): string[] {
    return nos.filter((no) => this.terminate(no).ok).map((no) => serverId(no));
  }

  /**
   * OperateVirtualisedComputeResource and the other server actions (IFA Scale, Migrate, resize
   * confirm/revert): see ServerTasks.operate.
   */
  operate(no: number, op: UserOp, options: OperateOptions = {}): Result<ServerRecord> {
    return this.tasks.operate(no, op, options);
  }

  /** Ends the task in flight with a failure (a fault, an injected error): ERROR, or a move's rollback. */
  failTask(no: number, reason: string): Result<ServerRecord> {
    return this.tasks.failTask(no, reason);
  }

  /** The server's host failed: its task fails, and on a host in `failed` it goes to ERROR (ServerTasks.hostFailed). */
  hostFailed(no: number, failed: (h: number) => boolean, reason: string): Result<boolean> {
    return this.tasks.hostFailed(no, failed, reason);
  }

  /** Evacuate (Nova evacuate, IFA heal): rebuilds an ERROR server elsewhere (ServerTasks.evacuate). */
  evacuate(no: number, rebuildMs: number): Result<ServerRecord> {
    return this.tasks.evacuate(no, rebuildMs);
  }

  /** DeleteSnapshot (IFA computeOperation DELETE_SNAPSHOT): NOT_FOUND unless the snapshot exists. */
  deleteSnapshot(snapshotId: string): Result<void> {
    return this.snapshots.delete(snapshotId);
  }

  /** Snapshots taken and not deleted, by id (sorted). */
  snapshotIds(): string[] {
    return this.snapshots.ids();
  }

  /** A snapshot: its server, owner tenant and creation time; undefined once deleted or never taken. */
  snapshot(snapshotId: string): SnapshotView | undefined {
    return this.snapshots.view(snapshotId);
  }

  /**
   * Compute quota usage per tenant as running sums (O(1) quota checks), kept from now on. Call it
   * before the first server is created, or the servers created before are not counted.
   */
  trackTenantUsage(): TenantUsageBook {
    return this.rec.trackTenantUsage();
  }

  /**
   * Compute quota usage per tenant as the VIM façade counts it (every live server), kept from now
   * on: the servers already live are charged now.
   */
  trackLiveUsage(): LiveUsageBook {
    return this.rec.trackLiveUsage();
  }

  /** UpdateVirtualisedComputeResource (metadata): sets `set` and removes `remove` keys. */
  updateMetadata(no: number, set: Readonly<Record<string, string>>, remove: readonly string[] = []): Result<ServerRecord> {
    const s = this.registry.live(no);
    if (s === undefined) return serverNotFound(no);
    const before = this.rec.before(s);
    const next: Record<string, string> = { ...s.metadata, ...set };
    for (const key of remove) delete next[key];
    s.metadata = Object.fromEntries(Object.entries(next).sort(([a], [b]) => compareIds(a, b)));
    this.rec.serverChanged(s, "update", before);
    return ok(s);
  }

  /** QueryVirtualisedComputeResource: live servers matching `filter`, by server number. */
  query(filter: ServerFilter = {}): ServerRecord[] {
    const out: ServerRecord[] = [];
    for (const s of this.registry.byNo) if (s !== undefined && matchesFilter(s, filter, this.hostId, this.zoneIdOf)) out.push(s);
    return out;
  }
}
