/**
 * Drives the workload of a run: arrival streams, bursts and timed requests become Allocate calls on
 * the VIM, and each placed server is terminated by its tenant after its drawn lifetime. Every draw
 * comes from a named stream (`arrivals/<stream>`, `flavour/<stream>`, `lifetime/<stream>`,
 * `boot/<stream>`, `bursts/<stream>`, `requests/...`), so variants of a scenario share them.
 */
import { integerMsSampler, LOW, NORMAL, sampler, type RandomStreams, type Simulation } from "../../kernel/index.js";
import type { AllocateComputeRequest, ComputeService, FlavourSpec, SelectionRequest, ServerRecord } from "../../vim/index.js";
import type { DomainError, Result } from "../../domain/index.js";

/** What a request naming a reservation gets: the allocation, or the reservation's refusal. */
export type ReservationRouter = (reservationId: string, req: AllocateComputeRequest) => Result<ReturnType<ComputeService["allocate"]>, DomainError>;
import type { RunSpec, StreamSpec, TimedRequestSpec } from "../resolve/run-spec.js";
import type { ComputeMetrics, EventLog } from "../../metrics/index.js";
import { QuotaGate } from "./quota-gate.js";
import { nextArrivalMs } from "./arrival-process.js";
import { recordRefusal } from "./refusals.js";
import { RejectedRequests } from "./rejected-requests.js";

/** What the driver needs to know about each request before it is placed (for explain). */
export interface RequestObserver {
  beforeAllocate?(requestNo: number, tenant: string, selection: SelectionRequest): void;
  afterAllocate?(requestNo: number, servers: ReadonlyArray<ServerRecord>, error: string | undefined): void;
}

interface StreamState {
  readonly spec: StreamSpec;
  readonly uniform: { next(): number };
  readonly drawFlavour: () => number;
  readonly drawLifetimeMs: () => number;
  readonly drawBootMs: () => number;
  readonly flavours: ReadonlyArray<FlavourSpec>;
  exactTimeMs: number;
  arrivals: number;
  groups: number;
  /** The event payload of this stream's pending arrival (one at a time, so it is reused). */
  payload: { readonly driver: WorkloadDriver; readonly state: StreamState } | undefined;
}

const NO_SERVERS: ReadonlyArray<ServerRecord> = [];
const NO_METADATA: Readonly<Record<string, string>> = {};

export class WorkloadDriver {
  private requestCount = 0;
  private readonly warmupArrivals: number;
  private readonly pendingLifetimes = new Map<number, number>();
  private readonly oneBoot: number[] = [0];
  private stopped = false;
  private scratchRequest: { -readonly [K in keyof AllocateComputeRequest]: AllocateComputeRequest[K] } | undefined;
  /** Called once, at the first request that counts toward steady-state metrics. */
  onMeasuringStart: (() => void) | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly streams: RandomStreams,
    private readonly compute: ComputeService,
    private readonly spec: RunSpec,
    private readonly flavours: ReadonlyMap<string, FlavourSpec>,
    private readonly observer: RequestObserver = {},
    /** Quotas of the tenants that have them (checked before placement), and where refusals are counted. */
    private readonly quota: { readonly gate: QuotaGate; readonly metrics: ComputeMetrics; readonly log: EventLog } | undefined = undefined,
    /** Requests naming a reservation go through it (runner/reservation-run.ts). */
    private readonly reserve: ReservationRouter | undefined = undefined,
  ) {
    this.warmupArrivals = Math.floor(spec.warmup.arrivalsFraction * (spec.stop.arrivals ?? 0));
  }

  /** The requests refused (count and the first ones), for summary.json and `explain --rejected`. */
  readonly rejections = new RejectedRequests();

  /** Requests made so far (one per arrival or timed request, whatever its server count). */
  get requests(): number {
    return this.requestCount;
  }

  /** Whether the run has stopped at its last counted arrival (stop.arrivals). */
  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * One request of one server of `flavour` for a replayed trace row: the server placed (none when
   * refused), living `lifetimeMs` once active (−1: until the end of the run or its delete event).
   */
  traceRequest(tenant: string, flavour: FlavourSpec, zone: string | undefined, bootMs: number, lifetimeMs: number): ReadonlyArray<ServerRecord> {
    this.oneBoot[0] = bootMs;
    return this.request(tenant, flavour, zone, undefined, undefined, NO_METADATA, this.oneBoot, lifetimeMs, undefined);
  }

  /** A trace's delete event: the tenant ends the server (NOT_FOUND when it has already ended is fine). */
  terminate(server: ServerRecord): void {
    this.compute.terminateServer(server);
  }

  /** Schedules every stream's first arrival, every burst and every timed request. */
  start(): void {
    this.spec.streams.forEach((s) => this.startStream(s));
    const lifetimeStream = this.streams.stream("requests/lifetime");
    const bootStream = this.streams.stream("requests/boot");
    for (const r of this.spec.requests) {
      const draw = { lifetime: r.lifetime === undefined ? undefined : integerMsSampler(r.lifetime, lifetimeStream), boot: integerMsSampler(r.bootTime, bootStream) };
      this.sim.scheduleAt(r.atMs, (_sim, req: TimedRequestSpec) => this.timedRequest(req, draw), r, NORMAL);
    }
  }

  /** The tenant ends a server when its lifetime runs out; called by the VIM hook on ACTIVE. */
  onActive(server: ServerRecord): void {
    // Servers that boot at once are ACTIVE before their request returns: none is pending then.
    if (this.pendingLifetimes.size === 0) return;
    const lifetimeMs = this.pendingLifetimes.get(server.no);
    if (lifetimeMs === undefined) return;
    this.pendingLifetimes.delete(server.no);
    this.scheduleEnd(server, lifetimeMs);
  }

  private startStream(spec: StreamSpec): void {
    const flavours = spec.flavours.map((f) => this.flavours.get(f.id)!);
    const flavourStream = this.streams.stream(`flavour/${spec.id}`);
    const state: StreamState = {
      spec,
      uniform: this.streams.stream(`arrivals/${spec.id}`),
      drawFlavour:
        flavours.length === 1
          ? () => 0
          : sampler({ kind: "choice", values: flavours.map((_, i) => i), weights: spec.flavours.map((f) => f.weight) }, flavourStream),
      drawLifetimeMs: integerMsSampler(spec.lifetime, this.streams.stream(`lifetime/${spec.id}`)),
      drawBootMs: integerMsSampler(spec.bootTime, this.streams.stream(`boot/${spec.id}`)),
      flavours,
      exactTimeMs: 0,
      arrivals: 0,
      groups: 0,
      payload: undefined,
    };
    state.payload = { driver: this, state };
    this.scheduleNextArrival(state);
    const burstStream = this.streams.stream(`bursts/${spec.id}`);
    for (const b of spec.bursts) {
      for (let i = 0; i < b.count; i++) {
        const at = b.atMs + Math.floor(burstStream.next() * b.spreadMs);
        this.sim.scheduleAt(at, WorkloadDriver.onBurstArrival, { driver: this, state }, NORMAL);
      }
    }
  }

  private scheduleNextArrival(state: StreamState): void {
    if (state.spec.maxArrivals !== undefined && state.arrivals >= state.spec.maxArrivals) return;
    const next = nextArrivalMs(state.spec.arrivals, state.exactTimeMs, state.uniform.next());
    if (!Number.isFinite(next)) return;
    const horizon = this.spec.stop.horizonMs;
    if (horizon !== undefined && next >= horizon) return;
    state.exactTimeMs = next;
    this.sim.scheduleAt(Math.round(next), WorkloadDriver.onArrival, state.payload!, NORMAL);
  }

  private static onArrival(_sim: Simulation, p: { driver: WorkloadDriver; state: StreamState }): void {
    if (p.driver.stopped) return;
    p.driver.arrive(p.state);
    if (!p.driver.stopped) p.driver.scheduleNextArrival(p.state);
  }

  private static onBurstArrival(_sim: Simulation, p: { driver: WorkloadDriver; state: StreamState }): void {
    if (!p.driver.stopped) p.driver.arrive(p.state);
  }

  private arrive(state: StreamState): void {
    state.arrivals++;
    const flavour = state.flavours[state.drawFlavour()]!;
    const lifetimeMs = state.drawLifetimeMs();
    const size = state.spec.group?.size ?? 1;
    // The VIM reads the boot times during the call only, so a one-server request reuses one array.
    const boots = size === 1 ? this.oneBoot : [];
    if (size === 1) boots[0] = state.drawBootMs();
    else for (let i = 0; i < size; i++) boots.push(state.drawBootMs());
    let groupId: string | undefined;
    if (state.spec.group !== undefined) {
      groupId = `${state.spec.id}/g${++state.groups}`;
      this.compute.createServerGroup(groupId, state.spec.group.policy, state.spec.group.maxPerHost);
    }
    this.request(state.spec.tenant, flavour, state.spec.zone, groupId, undefined, state.spec.metadata, boots, lifetimeMs, undefined, state.spec.reservation);
  }

  private timedRequest(r: TimedRequestSpec, draw: { lifetime: (() => number) | undefined; boot: () => number }): void {
    if (this.stopped) return;
    if (r.group !== undefined && this.compute.serverGroup(r.group.id) === undefined) {
      this.compute.createServerGroup(r.group.id, r.group.policy, r.group.maxPerHost);
    }
    const boots = Array.from({ length: r.count }, () => draw.boot());
    const lifetimes = Array.from({ length: r.count }, () => (draw.lifetime === undefined ? -1 : draw.lifetime()));
    this.request(r.tenant, this.flavours.get(r.flavour)!, r.zone, r.group?.id, r.name, r.metadata, boots, -1, lifetimes, r.reservation);
  }

  /** One request of `boots.length` servers living `lifetimes[i]` each, or `lifetimeMs` all (−1: forever). */
  private request(
    tenant: string,
    flavour: FlavourSpec,
    zone: string | undefined,
    groupId: string | undefined,
    name: string | undefined,
    metadata: Readonly<Record<string, string>>,
    boots: number[],
    lifetimeMs: number,
    lifetimes: ReadonlyArray<number> | undefined,
    reservation?: string,
  ): ReadonlyArray<ServerRecord> {
    const requestNo = ++this.requestCount;
    const measured = requestNo > this.warmupArrivals && this.sim.nowMs >= this.spec.warmup.durationMs;
    if (measured && this.onMeasuringStart !== undefined) {
      this.onMeasuringStart();
      this.onMeasuringStart = undefined;
    }
    if (this.observer.beforeAllocate !== undefined) {
      const group = groupId === undefined ? undefined : this.compute.serverGroup(groupId);
      this.observer.beforeAllocate(requestNo, tenant, { flavour, zone, group });
    }
    if (this.quota !== undefined && this.quota.gate.limited(tenant)) {
      const refused = this.refusedByQuota(tenant, flavour, boots.length, measured);
      if (refused !== undefined) {
        this.rejected(requestNo, tenant, flavour, boots.length, measured, refused.kind, refused.message);
        this.stopAfter(requestNo);
        return NO_SERVERS;
      }
    }
    // One request object reused by every arrival: the VIM reads a request during the call only (it
    // copies what a server keeps), and a fresh one per arrival was a tenth of a long run's garbage.
    // A reserved request, which the router may keep, gets a copy.
    const req = (this.scratchRequest ??= { tenant, flavour, zone, groupId, name, metadata, bootTimesMs: boots, measured });
    req.tenant = tenant;
    req.flavour = flavour;
    req.zone = zone;
    req.groupId = groupId;
    req.name = name;
    req.metadata = metadata;
    req.bootTimesMs = boots;
    req.measured = measured;
    const result = reservation === undefined || this.reserve === undefined ? this.compute.allocate(req) : this.allocateReserved(reservation, { ...req });
    if (!("servers" in result)) {
      this.rejected(requestNo, tenant, flavour, boots.length, measured, result.kind, result.message);
      this.stopAfter(requestNo);
      return NO_SERVERS;
    }
    this.observer.afterAllocate?.(requestNo, result.servers, result.error);
    if (result.error !== undefined) this.rejected(requestNo, tenant, flavour, boots.length, measured, "NO_VALID_HOST", result.error);
    else {
      for (let i = 0; i < result.servers.length; i++) {
        const s = result.servers[i]!;
        const lifetime = lifetimes === undefined ? lifetimeMs : (lifetimes[i] ?? -1);
        if (lifetime < 0) continue;
        if (s.state.vmState === "active") this.scheduleEnd(s, lifetime);
        else this.pendingLifetimes.set(s.no, lifetime);
      }
    }
    this.stopAfter(requestNo);
    return result.error === undefined ? result.servers : NO_SERVERS;
  }

  private rejected(request: number, tenant: string, flavour: FlavourSpec, servers: number, measured: boolean, kind: string, reason: string): void {
    this.rejections.add({ request, timeMs: this.sim.nowMs, tenant, flavour: flavour.id, servers, kind, reason, measured });
  }

  /** Ends the run after the last counted arrival. */
  private stopAfter(requestNo: number): void {
    if (this.spec.stop.arrivals !== undefined && requestNo >= this.spec.stop.arrivals) {
      this.stopped = true;
      this.sim.stop();
    }
  }

  /**
   * Nova refuses a request over quota before scheduling (HTTP 403): no server is created, the
   * request counts as rejected with QUOTA_EXCEEDED, and the refusal is a log record.
   */
  private refusedByQuota(tenant: string, flavour: FlavourSpec, count: number, measured: boolean): DomainError | undefined {
    const q = this.quota!;
    const refused = q.gate.checkServers(tenant, flavour, count);
    if (refused === undefined) return undefined;
    for (let i = 0; i < count; i++) q.metrics.onDecision(measured, false);
    q.metrics.onRejection(measured, "QUOTA_EXCEEDED", count, undefined);
    recordRefusal(q.log, this.sim.nowMs, tenant, "allocate", refused);
    return refused;
  }

  /** A bound request: the allocation, or the reservation's refusal (counted and logged). */
  private allocateReserved(reservation: string, req: AllocateComputeRequest): ReturnType<ComputeService["allocate"]> | DomainError {
    const r = this.reserve!(reservation, req);
    if (r.ok) return r.value;
    const m = this.quota?.metrics;
    for (let i = 0; i < req.bootTimesMs.length; i++) m?.onDecision(req.measured, false);
    m?.onRejection(req.measured, r.error.kind, req.bootTimesMs.length, undefined);
    if (this.quota !== undefined) recordRefusal(this.quota.log, this.sim.nowMs, req.tenant, `allocate:${reservation}`, r.error);
    return r.error;
  }

  private scheduleEnd(server: ServerRecord, lifetimeMs: number): void {
    this.sim.schedule(lifetimeMs, this.onEndOfLife, server, LOW);
  }

  /**
   * Bound once: the payload is the server record, so an end of life allocates nothing and the VIM
   * need not look the server up by number (a cache miss per server on long runs).
   */
  private readonly onEndOfLife = (_sim: Simulation, server: ServerRecord): void => {
    // The server may already be gone (terminated otherwise); NOT_FOUND is an expected outcome.
    this.compute.terminateServer(server);
  };
}
