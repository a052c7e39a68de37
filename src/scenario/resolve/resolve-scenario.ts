/**
 * Checks a decoded scenario against its model (tenants, flavours, zones, policy names, parameter
 * consistency) and converts it to a RunSpec. Every problem is reported with its position.
 */
import type { InputIssue } from "../load/input-issue.js";
import { issueAt, type YamlSource } from "../load/yaml-source.js";
import type { DurationOrDistribution } from "../schema/common.js";
import type { Expectation, HostEvent, PolicyRef, Precision, Scenario, TimedRequest, WorkloadStream } from "../schema/scenario.js";
import { parseDurationMs } from "../../kernel/index.js";
import { ms, toDistributionSpec } from "./distribution.js";
import type { ResolvedModel } from "./resolved-model.js";
import { metricPathProblem, metricScope, type MetricScope } from "./metric-paths.js";
import { resolveOperations } from "./operations.js";
import { resolveForecast, resolveReservations } from "./reservations.js";
import { resolveStorageReservations } from "./storage-reservations.js";
import { resolveNetworkReservations } from "./network-reservations.js";
import { checkReservationCalls } from "./reservation-calls.js";
import { resolveFaults } from "./faults.js";
import { resolvePerformance } from "./performance.js";
import { resolveAccScenario } from "./resolve-acc-scenario.js";
import { percentLevel } from "./percent-level.js";
import { resolveWindows } from "./windows.js";
import { resolveClusters } from "./clusters.js";
import { resolveArrivals } from "./arrivals.js";
import { resolveTraces } from "./traces.js";
import { checkRunBounds } from "./run-bounds.js";
import { resolveInitialServers } from "./initial-servers.js";
import { checkFailures, checkOffload, checkPerformance } from "./periodic-bounds.js";
import type { ArrivalSpec, ExpectationSpec, HostEventSpec, PrecisionSpec, RunSpec, StreamSpec, TimedRequestSpec } from "./run-spec.js";
import { didYouMean } from "../../domain/index.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

/** Checks a policy reference; returns an error message or undefined (provided by the placement registry). */
export type PolicyChecker = (ref: PolicyRef) => string | undefined;

export const DEFAULT_SAMPLE_PERIOD_MS = 3_600_000;
export const DEFAULT_SEED = 1;

/** Resolves `scenario` against `model`; `seedOverride` (from --seed) replaces the file's seed. */
export function resolveScenario(
  scenario: Scenario,
  source: YamlSource,
  model: ResolvedModel,
  checkPolicy: PolicyChecker,
  seedOverride?: number,
): { ok: true; value: RunSpec } | { ok: false; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const report: Report = (path, message) => issues.push(issueAt(source, path, message));
  if (scenario.stop.horizon === undefined && scenario.stop.arrivals === undefined) {
    report(["stop"], "give stop.horizon (a duration) or stop.arrivals (a count), or both");
  }
  const policy = scenario.placement?.policy ?? "spread";
  const policyProblem = checkPolicy(policy);
  if (policyProblem !== undefined) report(["placement", "policy"], policyProblem);
  const defaultBoot = scenario.defaultBootTime ?? "0ms";
  const multiplier = scenario.workload.rateMultiplier ?? 1;
  const streams = (scenario.workload.streams ?? []).map((s, i) => scaleArrivals(resolveStream(s, i, model, defaultBoot, report), multiplier));
  const requests = (scenario.workload.requests ?? []).map((r, i) => resolveRequest(r, i, model, defaultBoot, report));
  const at = (path: Path) => {
    const { message: _m, severity: _s, ...where } = issueAt(source, path, "");
    return where;
  };
  const traces = resolveTraces(scenario.workload.traces ?? [], model, defaultBoot, multiplier, at, report);
  // A scenario of clusters alone needs no other workload: the CCM's VMs are its requests; nor does
  // one that runs a production state (its servers are the load).
  const initialServers = resolveInitialServers(scenario, model, report);
  if (streams.length === 0 && requests.length === 0 && traces.length === 0 && scenario.clusters === undefined && initialServers === undefined) {
    report(["workload"], "the workload has neither streams, requests nor traces");
  }
  const hostEvents = (scenario.hostEvents ?? []).map((e, i) => resolveHostEvent(e, i, model, report));
  const requestNames = (scenario.workload.requests ?? []).flatMap((r) => (r.name === undefined ? [] : [r.name]));
  const operations = resolveOperations(scenario.operations, model, scenario.stop.horizon !== undefined, report, requestNames);
  const faults = resolveFaults(scenario.faults, model, scenario.stop.horizon !== undefined, report);
  const performance = resolvePerformance(scenario.performance, model, scenario.stop.horizon !== undefined, report);
  const accelerators = resolveAccScenario(scenario.accelerators, model, report);
  const windows = resolveWindows(scenario.windows, scenario.faults, scenario.stop.horizon === undefined ? undefined : ms(scenario.stop.horizon), scenario.warmup?.duration === undefined ? 0 : ms(scenario.warmup.duration), report);
  const windowNames = windows.map((w) => w.name);
  const clusters = resolveClusters(scenario.clusters, model, report, at);
  const clusterIds = (clusters?.clusters ?? []).map((c) => c.spec.id);
  const scope = metricScope(model, windowNames, clusterIds);
  const expectations = (scenario.expect ?? []).map((e, i) => resolveExpectation(e, i, scope, report));
  const precision = resolvePrecision(scenario.precision, scope, report);
  const reservations = resolveReservations(scenario, model, report);
  const storageReservations = resolveStorageReservations(scenario, model, report);
  const networkReservations = resolveNetworkReservations(scenario, model, report);
  checkReservationCalls(scenario, report);
  const capacityForecast = resolveForecast(scenario, model, report);
  if (scenario.warmup?.arrivalsFraction !== undefined && scenario.stop.arrivals === undefined) {
    report(["warmup", "arrivalsFraction"], "an arrival-based warm-up needs stop.arrivals");
  }
  const output = scenario.output ?? {};
  const samplePeriodMs = output.samplePeriod === undefined ? DEFAULT_SAMPLE_PERIOD_MS : ms(output.samplePeriod);
  if (issues.length === 0) {
    const horizonMs = scenario.stop.horizon === undefined ? undefined : ms(scenario.stop.horizon);
    const bounds = { horizonMs, stopArrivals: scenario.stop.arrivals, samplePeriodMs, samplePeriodWritten: output.samplePeriod !== undefined };
    checkRunBounds({ ...bounds, streams, requests, operations }, report);
    checkFailures(faults?.spec, horizonMs, report);
    checkPerformance(performance, horizonMs, { hosts: model.hosts.length, zones: model.zones.length }, report);
    const handles = model.hosts.reduce((n, h) => n + (h.accelerators ?? []).reduce((k, d) => k + d.handles, 0), 0);
    checkOffload(accelerators, handles, horizonMs, report);
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      name: scenario.name,
      file: source.file,
      description: scenario.description ?? "",
      seed: seedOverride ?? scenario.seed ?? DEFAULT_SEED,
      replications: scenario.replications ?? 1,
      model,
      stop: {
        horizonMs: scenario.stop.horizon === undefined ? undefined : ms(scenario.stop.horizon),
        arrivals: scenario.stop.arrivals,
        maxEvents: scenario.stop.maxEvents,
      },
      warmup: {
        durationMs: scenario.warmup?.duration === undefined ? 0 : ms(scenario.warmup.duration),
        arrivalsFraction: scenario.warmup?.arrivalsFraction ?? 0,
      },
      policy,
      streams,
      requests: [...requests].sort((a, b) => a.atMs - b.atMs),
      // Only a scenario with a production state has the key: the run digest of every other stays as it was.
      ...(initialServers === undefined ? {} : { initialServers }),
      hostEvents: [...hostEvents, ...(faults?.hostEvents ?? [])].sort((a, b) => a.atMs - b.atMs),
      ...(faults === undefined ? {} : { faults: faults.spec }),
      ...(performance === undefined ? {} : { performance }),
      operations,
      ...(accelerators === undefined ? {} : { accelerators }),
      expectations,
      precision,
      variants: [],
      sweep: undefined,
      output: {
        trace: output.trace ?? false,
        samplePeriodMs,
        explainRequests: [...(output.explainRequests ?? [])].sort((a, b) => a - b),
      },
      warnings: model.warnings,
      // Only a scenario with reservations has the key: the run digest of every other stays as it was.
      ...(reservations.length > 0 ? { reservations } : {}),
      ...(storageReservations.length > 0 ? { storageReservations } : {}),
      ...(networkReservations.length > 0 ? { networkReservations } : {}),
      ...(capacityForecast === undefined ? {} : { capacityForecast }),
      ...(windows.length > 0 ? { windows } : {}),
      ...(clusters === undefined ? {} : { clusters }),
      ...(traces.length > 0 ? { traces } : {}),
    },
  };
}

function checkRefs(
  tenant: string,
  zone: string | undefined,
  model: ResolvedModel,
  base: Path,
  report: Report,
): void {
  if (!model.tenants.has(tenant)) report([...base, "tenant"], `unknown tenant "${tenant}"; ${didYouMean(tenant, [...model.tenants.keys()].sort())}defined tenants: ${[...model.tenants.keys()].sort().join(", ")}`);
  if (zone !== undefined && !model.zones.some((z) => z.id === zone)) {
    report([...base, "zone"], `unknown zone "${zone}"; ${didYouMean(zone, model.zones.map((z) => z.id).sort())}defined zones: ${model.zones.map((z) => z.id).sort().join(", ")}`);
  }
}

function checkDistribution(d: DurationOrDistribution, path: Path, report: Report): void {
  if (typeof d !== "object") return;
  if (d.kind === "uniform" && ms(d.min) > ms(d.max)) report([...path, "max"], "max must not be below min");
  if (d.kind === "normal" && d.min !== undefined && d.max !== undefined && ms(d.min) >= ms(d.max)) report([...path, "max"], "max must be above min");
  if (d.kind === "choice" && d.values.length !== d.weights.length) {
    report([...path, "weights"], `expected one weight per value (${d.values.length}), got ${d.weights.length}`);
  }
  if ((d.kind === "exponential" || d.kind === "lognormal" || d.kind === "erlang") && ms(d.mean) <= 0) report([...path, "mean"], "mean must be positive");
}

/** The stream with every arrival rate multiplied by `multiplier` (workload.rateMultiplier); itself for 1. */
function scaleArrivals(s: StreamSpec, multiplier: number): StreamSpec {
  if (multiplier === 1) return s;
  const a = s.arrivals;
  const arrivals: ArrivalSpec =
    a.kind === "schedule" ? { ...a, steps: a.steps.map((step) => ({ ...step, ratePerMs: step.ratePerMs * multiplier })) } : { ...a, ratePerMs: a.ratePerMs * multiplier };
  return { ...s, arrivals };
}

function resolveStream(s: WorkloadStream, i: number, model: ResolvedModel, defaultBoot: DurationOrDistribution, report: Report): StreamSpec {
  const base: Path = ["workload", "streams", i];
  checkRefs(s.tenant, s.zone, model, base, report);
  const flavourIds = Object.keys(s.flavours).sort();
  for (const f of flavourIds) if (!model.flavours.has(f)) report([...base, "flavours", f], unknownFlavour(f, model));
  checkDistribution(s.lifetime, [...base, "lifetime"], report);
  const boot = s.bootTime ?? defaultBoot;
  checkDistribution(boot, [...base, "bootTime"], report);
  return {
    id: s.id ?? `${s.tenant}#${i}`,
    tenant: s.tenant,
    arrivals: resolveArrivals(s.arrivals, [...base, "arrivals"], report),
    flavours: flavourIds.map((id) => ({ id, weight: s.flavours[id]! })),
    lifetime: toDistributionSpec(s.lifetime),
    bootTime: toDistributionSpec(boot),
    zone: s.zone,
    group: s.group === undefined ? undefined : { policy: s.group.policy, maxPerHost: s.group.maxPerHost ?? 1, size: s.group.size },
    bursts: (s.bursts ?? []).map((b) => ({ atMs: ms(b.at), count: b.count, spreadMs: b.spread === undefined ? 0 : ms(b.spread) })),
    metadata: s.metadata ?? {},
    maxArrivals: s.maxArrivals,
    ...(s.reservation === undefined ? {} : { reservation: s.reservation }),
  };
}

const unknownFlavour = (f: string, model: ResolvedModel): string =>
  `unknown flavour "${f}"; ${didYouMean(f, [...model.flavours.keys()].sort())}defined flavours: ${[...model.flavours.keys()].sort().join(", ")}`;

function resolveRequest(r: TimedRequest, i: number, model: ResolvedModel, defaultBoot: DurationOrDistribution, report: Report): TimedRequestSpec {
  const base: Path = ["workload", "requests", i];
  checkRefs(r.tenant, r.zone, model, base, report);
  if (!model.flavours.has(r.flavour)) report([...base, "flavour"], unknownFlavour(r.flavour, model));
  if (r.lifetime !== undefined) checkDistribution(r.lifetime, [...base, "lifetime"], report);
  const boot = r.bootTime ?? defaultBoot;
  return {
    atMs: ms(r.at),
    tenant: r.tenant,
    flavour: r.flavour,
    count: r.count ?? 1,
    name: r.name,
    zone: r.zone,
    group: r.group === undefined ? undefined : { id: r.group.id, policy: r.group.policy, maxPerHost: r.group.maxPerHost ?? 1 },
    lifetime: r.lifetime === undefined ? undefined : toDistributionSpec(r.lifetime),
    bootTime: toDistributionSpec(boot),
    metadata: r.metadata ?? {},
    ...(r.reservation === undefined ? {} : { reservation: r.reservation }),
  };
}

function resolveHostEvent(e: HostEvent, i: number, model: ResolvedModel, report: Report): HostEventSpec {
  const base: Path = ["hostEvents", i];
  if (e.state === undefined && e.enabled === undefined) report(base, "give state (UP, DOWN, MAINTENANCE) and/or enabled (true, false)");
  if ((e.hosts === undefined) === (e.zone === undefined)) report(base, "select hosts either by hosts (a list of ids) or by zone (with optional racks)");
  if (e.racks !== undefined && e.zone === undefined) report([...base, "racks"], "racks need a zone (rack ids repeat across zones)");
  const known = new Set(model.hosts.map((h) => h.id));
  (e.hosts ?? []).forEach((id, k) => {
    if (!known.has(id)) report([...base, "hosts", k], `unknown host "${id}"; host ids look like ${model.hosts[0]?.id ?? "<zone>-<rack>-h001"}`);
  });
  const zone = e.zone === undefined ? undefined : model.zones.find((z) => z.id === e.zone);
  if (e.zone !== undefined && zone === undefined) report([...base, "zone"], `unknown zone "${e.zone}"; ${didYouMean(e.zone, model.zones.map((z) => z.id).sort())}defined zones: ${model.zones.map((z) => z.id).sort().join(", ")}`);
  (e.racks ?? []).forEach((r, k) => {
    if (zone !== undefined && !zone.racks.includes(r)) report([...base, "racks", k], `zone ${zone.id} has no rack "${r}"; its racks: ${zone.racks.join(", ")}`);
  });
  const hosts =
    e.hosts !== undefined
      ? [...e.hosts]
      : model.hosts.filter((h) => h.zone === e.zone && (e.racks === undefined || e.racks.includes(h.rack))).map((h) => h.id);
  if (e.drain !== undefined && e.state !== "MAINTENANCE" && e.enabled !== false) {
    report([...base, "drain"], "drain moves servers off hosts that placement no longer uses: give state: MAINTENANCE or enabled: false with it");
  }
  const drain = e.drain === undefined ? undefined : e.drain === "LIVE_MIGRATION" ? "migrate.live" : "migrate.offline";
  return { atMs: ms(e.at), hosts: hosts.sort(), state: e.state, enabled: e.enabled, drain };
}

/** A bound as a number: plain numbers as they are, durations (for *Ms metrics) in milliseconds. */
function bound(value: number | string | undefined, metric: string, path: Path, report: Report): number | undefined {
  if (value === undefined || typeof value === "number") return value;
  const parsed = parseDurationMs(value);
  if (!/Ms(\.|$)/.test(metric)) report(path, `"${value}" is not a number; durations are only for metrics in milliseconds (…Ms)`);
  else if (!parsed.ok) report(path, parsed.error);
  return parsed.ok ? parsed.value : undefined;
}

function resolveExpectation(e: Expectation, i: number, scope: MetricScope, report: Report): ExpectationSpec {
  const base: Path = ["expect", i];
  const problem = metricPathProblem(e.metric, scope);
  if (problem !== undefined) report([...base, "metric"], problem);
  if (e.min === undefined && e.max === undefined) report(base, "give min and/or max");
  const min = bound(e.min, e.metric, [...base, "min"], report);
  const max = bound(e.max, e.metric, [...base, "max"], report);
  const parts = [e.min === undefined ? "" : `>= ${e.min}`, e.max === undefined ? "" : `<= ${e.max}`].filter((x) => x !== "");
  const level = e.confidence === undefined ? "" : ` at ${percentLevel(e.confidence)} confidence`;
  const description = e.description === undefined ? "" : ` (${e.description})`;
  return { metric: e.metric, min, max, confidence: e.confidence, text: `${e.metric} ${parts.join(" and ")}${level}${description}` };
}

function resolvePrecision(p: Precision | undefined, scope: MetricScope, report: Report): PrecisionSpec | undefined {
  if (p === undefined) return undefined;
  const metrics = p.metrics ?? ["requests.rejectionRate"];
  metrics.forEach((metric, i) => {
    const problem = metricPathProblem(metric, scope);
    if (problem !== undefined) report(["precision", "metrics", i], problem);
  });
  return { relativeHalfWidth: p.relativeHalfWidth, metrics };
}
