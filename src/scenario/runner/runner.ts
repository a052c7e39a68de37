/**
 * RunSpec → RunResult: builds the world (kernel, NFVI, placement policy, VIM, metrics), lets the
 * workload drive it to the stop condition, samples utilisation on its period, and summarises.
 * Deterministic: the only inputs are the spec and its seed.
 */
import { asId, InvariantViolation, type HostId } from "../../domain/index.js";
import { createStreams, HIGH, integerMsSampler, LOW, Simulation, URGENT, type RandomStreams, type StopReason } from "../../kernel/index.js";
import { canonicalRecordLine, ComputeMetrics, EventLog } from "../../metrics/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { AlarmService, ComputeService, HostAdministration, ImageService, QUOTA_ITEMS, StorageService, UNLIMITED, USER_OPS, Vim, type FlavourSpec, type NetworkService, type OperationTimings, type ReservationService } from "../../vim/index.js";
import { CallDriver } from "../generators/call-driver.js";
import { OperationDriver } from "../generators/operation-driver.js";
import { WorkloadDriver } from "../generators/workload-driver.js";
import { TraceReplay } from "../generators/trace-replay.js";
import type { OpenLines } from "../../ingest/index.js";
import { FaultDriver } from "../generators/fault-driver.js";
import { availabilitySummary } from "./availability-summary.js";
import { HeadroomChecks } from "./headroom-checks.js";
import { PerformanceRun } from "./performance-run.js";
import type { OperationsSpec } from "../resolve/operations.js";
import type { RunSpec } from "../resolve/run-spec.js";
import { buildNfvi } from "./build-nfvi.js";
import { AcceleratorRun, countAcceleratorRejections } from "./acc-run.js";
import { ExplainRecorder } from "./explain-recorder.js";
import type { RunResult, TimeseriesRow } from "./run-result.js";
import { scheduleInitialServers } from "../generators/initial-servers.js";
import { makeSelector, policyLabel, runPolicyOf, usesTraits } from "./selector.js";
import { QuotaGate } from "../generators/quota-gate.js";
import { ReservationRun } from "./reservation-run.js";
import { StorageReservationRun } from "./storage-reservation-run.js";
import { NetworkReservationRun } from "./network-reservation-run.js";
import { networkPoolsSummary, networkService } from "./network-pools-run.js";
import { ZONE_STORAGE_GB } from "../resolve/storage-reservations.js";
import { summarise } from "./summarise.js";
import { ClusterRun } from "./cluster-run.js";
import { UsageTracker } from "./usage-tracker.js";
import { checkWorld, RunInvariantViolation, violationDetail } from "./invariant-mode.js";
import { sampleRows } from "./utilisation-sampler.js";
import { runWindows, WindowedMetrics, WindowTracker } from "./window-tracker.js";

export interface RunOptions {
  /** Called between chunks of events; the CLI draws a progress bar from it. */
  readonly onProgress?: (simTimeMs: number, horizonMs: number | undefined, requests: number, requestsTarget: number | undefined, events: number) => void;
  /** Stop right after this request (for `nfvtwin explain`). */
  readonly stopAfterRequest?: number;
  /**
   * Opens a replayed trace by path (lib's fileLines; the CLI's threads use it too). Needed by a
   * scenario with workload.traces; its files are checked before the run (checkTraces).
   */
  readonly openTrace?: OpenLines;
}

const EVENTS_PER_CHUNK = 200_000;

/**
 * Runs one scenario to its stop condition. A broken invariant throws RunInvariantViolation naming the
 * invariant, scenario, seed and event number; in invariant mode (spec.output.checkInvariantsEvery) it
 * also carries the event log up to that event, from a replay with the log kept.
 */
export function runScenario(spec: RunSpec, options: RunOptions = {}): RunResult {
  const probe: RunProbe = {};
  try {
    return runUnchecked(spec, options, probe);
  } catch (e) {
    if (!(e instanceof InvariantViolation) || e instanceof RunInvariantViolation) throw e;
    const eventNumber = probe.sim?.eventsProcessed ?? 0;
    const eventsJsonl = spec.output.checkInvariantsEvery === undefined ? undefined : replayLog(spec, eventNumber, options.openTrace);
    throw new RunInvariantViolation({ invariant: e.invariant, detail: violationDetail(e), scenario: spec.name, seed: spec.seed, eventNumber, ...(eventsJsonl === undefined ? {} : { eventsJsonl }) });
  }
}

/** What a run got as far as building, for the error path (events fired, the log). */
interface RunProbe {
  sim?: Simulation;
  log?: EventLog;
}

/**
 * The event log of `spec` up to event `eventNumber` as events.jsonl bytes: the same run, unchecked,
 * with the log kept and cut there. A run is a function of its spec, so this is the log the failed
 * run had written.
 */
function replayLog(spec: RunSpec, eventNumber: number, openTrace: OpenLines | undefined): string {
  const { checkInvariantsEvery: _every, ...output } = spec.output;
  const maxEvents = Math.min(spec.stop.maxEvents ?? Number.POSITIVE_INFINITY, Math.max(1, eventNumber));
  const probe: RunProbe = {};
  try {
    runUnchecked({ ...spec, stop: { ...spec.stop, maxEvents }, output: { ...output, trace: true } }, openTrace === undefined ? {} : { openTrace }, probe);
  } catch {
    // An always-on check may fire again at the cut: the log up to it is what the replay is for.
  }
  return (probe.log?.kept ?? []).map((r) => `${canonicalRecordLine(r)}\n`).join("");
}

function flavourSpecs(spec: RunSpec): Map<string, FlavourSpec> {
  const out = new Map<string, FlavourSpec>();
  for (const [id, f] of spec.model.flavours) {
    const traits = f.requiredTraits === undefined ? {} : { requiredTraits: f.requiredTraits, forbiddenTraits: f.forbiddenTraits ?? [] };
    out.set(id, { id, amounts: f.amounts, requiredMetadata: f.requiredMetadata, ...(f.deviceProfile === undefined ? {} : { deviceProfile: f.deviceProfile }), ...traits });
  }
  return out;
}

/** The flavours the workload asks for: the mix against which stranded capacity is judged. */
function workloadMix(spec: RunSpec, flavours: ReadonlyMap<string, FlavourSpec>): FlavourSpec[] {
  const ids = new Set<string>([...spec.streams.flatMap((s) => s.flavours.map((f) => f.id)), ...spec.requests.map((r) => r.flavour)]);
  return [...ids].sort().map((id) => flavours.get(id)!);
}

function runUnchecked(spec: RunSpec, options: RunOptions, probe: RunProbe): RunResult {
  const sim = new Simulation();
  const streams = createStreams(spec.seed);
  const nfvi = buildNfvi(spec.model);
  const log = new EventLog({ keepRecords: spec.output.trace });
  probe.sim = sim;
  probe.log = log;
  let windows: WindowTracker | undefined;
  // Only a run with windows pays for counting decisions per window.
  const metrics = spec.windows === undefined ? new ComputeMetrics() : new WindowedMetrics(() => windows);
  const flavours = flavourSpecs(spec);
  const explain = new ExplainRecorder(spec, nfvi);
  const reservationRun = ReservationRun.of(spec, nfvi);
  const traits = usesTraits(spec.model);
  const placement = nfvi.accelerators === undefined ? makeSelector(spec.policy, nfvi, traits) : countAcceleratorRejections(makeSelector(spec.policy, nfvi, traits), (reason) => accelerators?.onPlacementRejected(reason));
  const selector = reservationRun?.wrap(placement) ?? placement;
  let driver: WorkloadDriver | undefined;
  let faults: FaultDriver | undefined;
  const compute = new ComputeService(
    sim,
    nfvi,
    selector,
    log,
    metrics,
    {
      onActive: (s) => driver?.onActive(s),
      ...(spec.output.explainRequests.length > 0 ? { beforeSelect: explain.beforeSelect } : {}),
      ...(spec.faults === undefined ? {} : { onTaskEnd: (s) => faults?.manager.onTaskEnd(s), onTerminated: (s) => faults?.manager.onTerminated(s) }),
    },
    operationTimings(spec.operations, streams),
  );
  const accelerators = nfvi.accelerators === undefined ? undefined : new AcceleratorRun(sim, streams, nfvi, nfvi.accelerators, compute, log, spec.accelerators);
  accelerators?.start();
  const quotaGate = new QuotaGate(spec.model, compute, spec.operations.calls.length > 0, (spec.initialServers?.length ?? 0) > 0);
  quotaGate.useClock(() => sim.nowMs);
  reservationRun?.attach(sim, nfvi, compute, log, flavours);
  const storageReservationRun = StorageReservationRun.of(spec, sim, log);
  const networkReservationRun = NetworkReservationRun.of(spec, sim, log);
  // Network reservations bring the run's network service too; else one from the model's network configuration.
  const network = networkReservationRun?.network ?? networkService(spec.model, sim, log);
  driver = new WorkloadDriver(sim, streams, compute, spec, flavours, explain.observer(sim, options.stopAfterRequest), { gate: quotaGate, metrics, log }, reservationRun?.router);
  const workload = driver;
  const timeseries: TimeseriesRow[] = [];
  // Exact time-weighted utilisation and stranding: every host change reaches the tracker.
  const usage = new UsageTracker(nfvi, workloadMix(spec, flavours), () => sim.nowMs);
  nfvi.onHostChanged = usage.hostChanged;
  if (nfvi.accelerators !== undefined) nfvi.accelerators.onHostChanged = usage.hostChanged;
  // Steady state starts with the first measured request (arrival-based warm-up) or at the warm-up time.
  let measuringSinceMs = -1;
  const startMeasuring = () => {
    if (measuringSinceMs >= 0) return;
    measuringSinceMs = sim.nowMs;
    metrics.aliveOverTime.reset(sim.nowMs);
    usage.startMeasuring();
    windows?.startMeasuring();
  };
  driver.onMeasuringStart = startMeasuring;
  let rejectedBefore = 0;
  let headroomChecks: HeadroomChecks | undefined;
  const sample = () => {
    const rejected = workload.rejections.total;
    timeseries.push(...sampleRows(sim.nowMs, usage.totals(), { serversAlive: metrics.aliveNow, rejectedRequests: rejected - rejectedBefore, accelerators: accelerators?.presentHandles(), clusters: clusters?.sample() }));
    rejectedBefore = rejected;
    reservationRun?.sample(sim.nowMs);
  };
  const onSample = (s: Simulation) => {
    sample();
    // Sample up to the horizon; without one, sampling alone must not keep a run alive: once nothing
    // else is pending (the workload is exhausted, every server has ended) the run ends.
    const horizonMs = spec.stop.horizonMs;
    const more = horizonMs !== undefined ? s.nowMs + spec.output.samplePeriodMs < horizonMs : s.pendingCount > 0;
    if (more) s.schedule(spec.output.samplePeriodMs, onSample, undefined, LOW);
    headroomChecks?.sample(s.nowMs);
  };
  sim.schedule(0, onSample, undefined, LOW);
  scheduleInitialServers(sim, streams, compute, spec.initialServers, flavours);
  driver.start();
  const traces = startTraces(spec, options, sim, streams, flavours, driver);
  new OperationDriver(sim, streams, compute, metrics, spec.operations, flavours, spec.stop.horizonMs, log, quotaGate).start();
  let clusters: ClusterRun | undefined;
  if (spec.operations.calls.length > 0 || spec.clusters !== undefined) {
    const vim = tenantVim(spec, sim, log, nfvi, compute, flavours, storageReservationRun, network, networkReservationRun, reservationRun?.reservationService);
    // One quota store for the workload, the calls and the CCM: a call that changes a quota governs all.
    quotaGate.useLimits((tenant) => vim.quotas.limitsOf(tenant), [...spec.model.tenants.keys()]);
    if (spec.operations.calls.length > 0) new CallDriver(sim, vim, metrics, spec.operations.calls, spec.model.zones[0]!.id, log).start();
    if (spec.clusters !== undefined) clusters = new ClusterRun(sim, streams, vim, spec.clusters, spec.stop.horizonMs, options.openTrace);
  }
  const admin = new HostAdministration(sim, nfvi, log);
  scheduleHostEvents(sim, spec, admin, nfvi, compute, metrics);
  const performance = spec.performance === undefined ? undefined : new PerformanceRun(sim, nfvi, compute, log, spec.performance);
  if (spec.faults !== undefined) {
    const alarms = new AlarmService(sim, log);
    accelerators?.forwardAlarmsTo(alarms);
    (faults = new FaultDriver({ sim, streams, nfvi, compute, admin, alarms, log, ...(accelerators === undefined ? {} : { accelerators }) }, spec.faults, spec.stop.horizonMs)).start();
  }
  if (faults !== undefined && accelerators !== undefined) faults.manager.onHostRepaired = (h) => accelerators.rediscover(h);
  if (spec.windows !== undefined) {
    windows = trackWindows(spec, faults, usage, sim, nfvi, accelerators);
    if (measuringSinceMs >= 0) windows.startMeasuring();
  }
  if (faults !== undefined) {
    const manager = faults.manager;
    const policy = runPolicyOf(spec.policy, nfvi, traits);
    headroomChecks = new HeadroomChecks(() => manager.headroom(policy), spec.faults?.headroomCheckEveryMs ?? 0);
  }
  if (spec.warmup.durationMs > 0) sim.scheduleAt(spec.warmup.durationMs, startMeasuringAt, startMeasuring, URGENT);
  else if (spec.warmup.arrivalsFraction === 0) startMeasuring();
  // Invariant mode: the checks run between chunks of N events (outside the queue; see invariant-mode.ts).
  const every = spec.output.checkInvariantsEvery;
  const check = every === undefined ? undefined : () => checkWorld({ nfvi, compute, network, quotaGate, accelerators, reservationRun, networkReservationRun, faults, clusters });
  const stoppedBy = runInChunks(spec, options, sim, driver, check);
  sample();
  headroomChecks?.sample(sim.nowMs, true);
  check?.();
  checkLedger(nfvi, compute.liveServerCount + movingServers(compute) + (reservationRun?.holdCount ?? 0));
  faults?.manager.finish();
  return summariseRun({
    spec, sim, stoppedBy, log, metrics, timeseries, usage, measuringSinceMs, explain, driver, nfvi, quotaGate, faults, headroomChecks, reservationRun,
    storageReservationRun, networkReservationRun, performance, accelerators, network, windows, clusters, traces,
  });
}

/**
 * Drives the simulation to its stop in chunks of events: progress is reported, and the invariant
 * mode's checks run, between chunks (outside the queue, so outputs do not depend on them).
 */
function runInChunks(spec: RunSpec, options: RunOptions, sim: Simulation, driver: WorkloadDriver, check: (() => void) | undefined): StopReason {
  const every = spec.output.checkInvariantsEvery;
  const chunk = every === undefined ? EVENTS_PER_CHUNK : Math.min(EVENTS_PER_CHUNK, every);
  for (;;) {
    const stoppedBy = sim.run({ untilMs: spec.stop.horizonMs, maxEvents: Math.min(chunk, remainingEvents(spec, sim)) });
    options.onProgress?.(sim.nowMs, spec.stop.horizonMs, driver.requests, spec.stop.arrivals, sim.eventsProcessed);
    if (stoppedBy !== "maxEvents" || sim.eventsProcessed >= (spec.stop.maxEvents ?? Number.POSITIVE_INFINITY)) return stoppedBy;
    check?.();
  }
}

/** What a finished run hands to its summary: the world's parts that report something. */
interface FinishedRun {
  readonly spec: RunSpec;
  readonly sim: Simulation;
  readonly stoppedBy: StopReason;
  readonly log: EventLog;
  readonly metrics: ComputeMetrics;
  readonly timeseries: TimeseriesRow[];
  readonly usage: UsageTracker;
  readonly measuringSinceMs: number;
  readonly explain: ExplainRecorder;
  readonly driver: WorkloadDriver;
  readonly nfvi: NfviState;
  readonly quotaGate: QuotaGate;
  readonly faults: FaultDriver | undefined;
  readonly headroomChecks: HeadroomChecks | undefined;
  readonly reservationRun: ReservationRun | undefined;
  readonly storageReservationRun: StorageReservationRun | undefined;
  readonly networkReservationRun: NetworkReservationRun | undefined;
  readonly performance: PerformanceRun | undefined;
  readonly accelerators: AcceleratorRun | undefined;
  readonly network: NetworkService;
  readonly windows: WindowTracker | undefined;
  readonly clusters: ClusterRun | undefined;
  readonly traces: ReadonlyArray<{ id: string; replay: TraceReplay }>;
}

/** The run's summary: every optional section only when the run has its part. */
function summariseRun(r: FinishedRun): RunResult {
  const { spec, sim, faults, headroomChecks, reservationRun, storageReservationRun, networkReservationRun, performance, accelerators, clusters, traces, driver, nfvi } = r;
  const quotas = r.quotaGate.report();
  const availability = faults === undefined || spec.faults === undefined || headroomChecks === undefined ? undefined : availabilitySummary(faults.manager, spec.faults, nfvi, sim.nowMs, headroomChecks);
  const outages = faults === undefined ? undefined : { steps: faults.manager.availability.hostsDownSteps, hosts: nfvi.hostCount, intervals: faults.manager.availability.intervals };
  const windowSummaries = r.windows?.summary(sim.nowMs, outages);
  return summarise({
    spec, sim, stoppedBy: r.stoppedBy, log: r.log, metrics: r.metrics, timeseries: r.timeseries, usage: r.usage, measuringSinceMs: r.measuringSinceMs,
    explanations: r.explain.explanations, policy: policyLabel(spec.policy), requests: driver.requests, rejectedRequests: driver.rejections.summary(),
    rejectionsByClass: driver.rejections.byClass(), injectedFaults: faults?.injected ?? [],
    ...(reservationRun === undefined ? {} : { reservations: reservationRun.summary() }),
    ...(storageReservationRun === undefined ? {} : { storageReservations: storageReservationRun.summary() }),
    ...(networkReservationRun === undefined ? {} : { networkReservations: networkReservationRun.summary() }),
    ...(quotas === undefined ? {} : { quotas }),
    ...(availability === undefined ? {} : { availability }),
    ...(performance === undefined ? {} : { performance: performance.summary() }),
    ...(accelerators === undefined ? {} : { accelerators: accelerators.summary() }),
    ...(spec.model.network === undefined ? {} : { networkPools: networkPoolsSummary(spec.model.network, r.network) }),
    ...(windowSummaries === undefined ? {} : { windows: windowSummaries }),
    ...(clusters === undefined ? {} : { clusters: clusters.summary() }),
    ...(traces.length === 0 ? {} : { traces: Object.fromEntries(traces.map((t) => [t.id, t.replay.summary()])) }),
  });
}

/** Opens and starts every replayed trace of the run (each pulls its first row). */
function startTraces(spec: RunSpec, options: RunOptions, sim: Simulation, streams: RandomStreams, flavours: ReadonlyMap<string, FlavourSpec>, driver: WorkloadDriver): Array<{ id: string; replay: TraceReplay }> {
  return (spec.traces ?? []).map((t) => {
    if (options.openTrace === undefined) throw new Error(`scenario ${spec.name} replays the trace ${t.display}: runScenario needs options.openTrace (e.g. the library's fileLines)`);
    const lines = options.openTrace(t.file, t.format);
    if ("error" in lines) throw new Error(`cannot read the trace ${t.display}: ${lines.error}`);
    const replay = new TraceReplay(sim, streams, t, lines, flavours, driver, spec.stop.horizonMs);
    replay.start();
    return { id: t.id, replay };
  });
}

/** The typed façade over this run's VIM, with the model's tenants and users seeded (for `operations.calls`). */
function tenantVim(spec: RunSpec, sim: Simulation, log: EventLog, nfvi: NfviState, compute: ComputeService, flavours: ReadonlyMap<string, FlavourSpec>, storageRun: StorageReservationRun | undefined, network: NetworkService, networkRun?: NetworkReservationRun, reservations?: ReservationService): Vim {
  // Storage reservations bring the run's storage service (each zone's backend of ZONE_STORAGE_GB).
  const storage = storageRun?.storage ?? new StorageService(sim, log, spec.model.zones.map((z) => ({ zoneId: z.id, capacityGb: ZONE_STORAGE_GB })));
  const storageReservations = storageRun === undefined ? {} : { storageReservations: storageRun.service };
  const networkReservations = networkRun === undefined ? {} : { networkReservations: networkRun.service };
  // Compute leases too, so updateReservation and terminateReservation calls reach them.
  const computeReservations = reservations === undefined ? {} : { reservations };
  const vim = new Vim({ clock: sim, log, nfvi, compute, network, storage, images: new ImageService(sim, log), flavours: [...flavours.values()], ...storageReservations, ...networkReservations, ...computeReservations });
  for (const t of [...spec.model.tenants.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const seeded = vim.seedTenant({ id: t.id, users: t.users });
    if (!seeded.ok) throw new InvariantViolation("MODEL", `tenant ${t.id} accepted by the loader but not seeded: ${seeded.error.message}`);
    // The same rule as the workload's: the model's quotas, or no limit for a tenant that has none.
    const limits = Object.keys(t.quotas).length > 0 ? t.quotas : Object.fromEntries(QUOTA_ITEMS.map((item) => [item, UNLIMITED]));
    const set = vim.quotas.create(vim.admin, t.id, limits, { force: true });
    if (!set.ok) throw new InvariantViolation("MODEL", `quotas of tenant ${t.id} accepted by the loader but refused: ${set.error.message}`);
  }
  return vim;
}

/** Task durations of the VIM's operations, each drawn from its own stream `operations/duration/<op>`. */
function operationTimings(spec: OperationsSpec, streams: RandomStreams): OperationTimings {
  const draws = new Map(USER_OPS.map((op) => [op, integerMsSampler(spec.durations[op], streams.stream(`operations/duration/${op}`))] as const));
  return { durationMs: (op) => draws.get(op)!() };
}

const remainingEvents = (spec: RunSpec, sim: Simulation): number =>
  spec.stop.maxEvents === undefined ? Number.POSITIVE_INFINITY : Math.max(1, spec.stop.maxEvents - sim.eventsProcessed);

/** Migrates every server of host `id` away; refusals (WRONG_STATE, NO_VALID_HOST) are counted outcomes. */
function drainHost(compute: ComputeService, metrics: ComputeMetrics, id: string, op: "migrate.live" | "migrate.offline"): void {
  for (const s of compute.query({ host: id })) {
    const r = compute.operate(s.no, op);
    metrics.onActionOutcome(op, r.ok ? "accepted" : r.error.kind);
  }
}

/** Operator actions on hosts at their times, before requests of the same millisecond (HIGH priority). */
function scheduleHostEvents(sim: Simulation, spec: RunSpec, admin: HostAdministration, nfvi: NfviState, compute: ComputeService, metrics: ComputeMetrics): void {
  for (const e of spec.hostEvents) {
    sim.scheduleAt(
      e.atMs,
      () => {
        for (const id of e.hosts) {
          const h = nfvi.hostIndex(asId<HostId>(id));
          if (h === undefined) throw new InvariantViolation("MODEL", `host ${id} accepted by the loader but not in the NFVI`);
          admin.apply(h, { ...(e.state === undefined ? {} : { state: e.state }), ...(e.enabled === undefined ? {} : { enabled: e.enabled }) });
        }
        // Drain after every host of the event is out of placement, so no server moves onto a sibling.
        if (e.drain !== undefined) for (const id of e.hosts) drainHost(compute, metrics, id, e.drain);
      },
      undefined,
      HIGH,
    );
  }
}

/**
 * The window tracker of a run with windows (after the fault driver drew its storms): it sees every
 * host change before the usage tracker does, every change of bound accelerator handles, every decision
 * and every request.
 */
function trackWindows(spec: RunSpec, faults: FaultDriver | undefined, usage: UsageTracker, sim: Simulation, nfvi: NfviState, accelerators: AcceleratorRun | undefined): WindowTracker {
  const windows = new WindowTracker(runWindows(spec.windows ?? [], faults?.stormSpansMs ?? []), usage, () => sim.nowMs, accelerators?.siteBound());
  if (accelerators !== undefined) accelerators.boundChanging = windows.accChanging;
  // Per-tenant SLA availability within a window needs each server's service and downtime as intervals.
  faults?.manager.availability.keepIntervals();
  const changed = (h: number): void => windows.hostChanged(h, usage.hostChanged);
  nfvi.onHostChanged = changed;
  if (nfvi.accelerators !== undefined) nfvi.accelerators.onHostChanged = changed;
  return windows;
}

const startMeasuringAt = (_sim: Simulation, start: () => void): void => start();

/**
 * Live servers in the middle of a move when the run ends: each holds a second allocation, the source
 * its migration consumer keeps until the move ends (INV-A8).
 */
function movingServers(compute: ComputeService): number {
  let moving = 0;
  for (let i = 0; i < compute.liveServerCount; i++) if (compute.liveServerAt(i)?.move !== undefined) moving++;
  return moving;
}

/** INV-A6 at the end of every run: the ledger holds one allocation per placed live server, plus one per move in flight and per hold. */
function checkLedger(nfvi: NfviState, liveServers: number): void {
  if (nfvi.consumerCount > liveServers) {
    throw new InvariantViolation("INV-A6", `${nfvi.consumerCount} allocations for ${liveServers} live servers`);
  }
}

