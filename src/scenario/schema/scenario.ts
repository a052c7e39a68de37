/**
 * The scenario file (scenarios/**.yaml): which model, which placement policy, which workload, how
 * long, and what to record. Data only; references are checked after decoding (resolve-scenario.ts).
 */
import { Schema } from "effect";
import { Duration, DurationOrDistribution, field, Horizon, Id, NamedChoice, optional, PositiveFactor, PositiveInt } from "./common.js";
import { AllocationRatios, HostCount } from "./model.js";
import { atMost, MAX_EXPECTED_REQUESTS, MAX_NAME_LENGTH, MAX_REPLICATIONS, MAX_REQUEST_SERVERS } from "./limits.js";
import { Operations } from "./operations.js";
import { Faults } from "./faults.js";
import { Performance } from "./performance.js";
import { AcceleratorSection } from "./acc-scenario.js";
import { Sweep } from "./sweep.js";
import { CapacityForecast, ReservationEntry } from "./reservations.js";
import { Windows } from "./windows.js";
import { Clusters } from "./clusters.js";
import { Arrivals } from "./arrivals.js";
import { TraceStream } from "./traces.js";
import { InitialServers } from "./initial-servers.js";
import { GroupSpec } from "./group-spec.js";

export const WeigherRef = Schema.Struct({
  name: field(NamedChoice("weigher"), "weigher name"),
  multiplier: optional(Schema.Finite, "weight of this weigher, a plain number; negative reverses it (default 1)"),
});

export const PolicyRef = Schema.Union([
  NamedChoice("policy"),
  Schema.Struct({
    name: optional(NamedChoice("policy"), "prefab policy the filters and weighers replace parts of (default spread)"),
    filters: optional(Schema.Array(NamedChoice("filter")), "filters, in order, replacing the prefab's"),
    weighers: optional(Schema.Array(WeigherRef), "weighers with multipliers, replacing the prefab's"),
  }),
]).annotate({ message: "expected a policy name such as spread, or { name?, filters?, weighers? }" });
export type PolicyRef = typeof PolicyRef.Type;

export const Placement = Schema.Struct({ policy: field(PolicyRef, "a prefab policy name, or { name?, filters?, weighers? }") });

export { Arrivals } from "./arrivals.js";

export { GroupSpec };

/** Servers of one request (a group's size, a timed request's count, a burst's arrivals). */
const ServerCount = PositiveInt.check(atMost(MAX_REQUEST_SERVERS, "servers"));

export const Burst = Schema.Struct({
  at: field(Duration, "simulated time of the burst"),
  count: field(ServerCount, "extra arrivals, a count"),
  spread: optional(Duration, "the arrivals spread uniformly over this long (default: all at once)"),
});

/** A flavour mix: flavour id → weight, at least one flavour. */
const FlavourMix = Schema.Record(Id, PositiveFactor).check(
  Schema.makeFilter((mix: Readonly<Record<string, number>>) => (Object.keys(mix).length > 0 ? undefined : "give at least one flavour with its weight, e.g. { small: 1 }"), {
    toJsonSchema: () => ({ minProperties: 1 }),
  }),
);

/** A stream of requests from one tenant. */
export const WorkloadStream = Schema.Struct({
  id: optional(Id, "stream id, naming its random streams (default: <tenant>#<position>)"),
  tenant: field(Id, "tenant of the model the requests come from"),
  arrivals: field(Arrivals, "how requests arrive: { kind: poisson | schedule | daily, ... }"),
  flavours: field(FlavourMix, "flavour mix: flavour id → relative weight (plain numbers)"),
  lifetime: field(DurationOrDistribution, "how long a server lives once active: a duration or a distribution"),
  bootTime: optional(DurationOrDistribution, "how long a server takes to boot (default: the scenario's defaultBootTime)"),
  zone: optional(Id, "availability zone the requests ask for (default: any)"),
  group: optional(Schema.Struct({ ...GroupSpec.fields, size: field(ServerCount, "servers per group, a count") }), "each arrival asks for size servers in a new server group with this policy"),
  bursts: optional(Schema.Array(Burst), "extra arrivals at given times"),
  metadata: optional(Schema.Record(Schema.String, Schema.String), "server metadata: key → value"),
  maxArrivals: optional(PositiveInt, "stop this stream after this many arrivals, a count"),
  reservation: optional(Id, "every request of the stream draws from this reservation (an id of reservations:)"),
});
export type WorkloadStream = typeof WorkloadStream.Type;

/** A fixed, timed request: `count` VMs of one flavour, optionally as a server group. */
export const TimedRequest = Schema.Struct({
  at: field(Duration, "simulated time of the request"),
  tenant: field(Id, "tenant of the model asking"),
  flavour: field(Id, "flavour id of the model"),
  count: optional(ServerCount, "servers asked for, a count (default 1)"),
  name: optional(Schema.String, "server name (computeName) scripted actions and calls refer to; the count servers share it (an action takes the newest live one)"),
  zone: optional(Id, "availability zone asked for (default: any)"),
  group: optional(Schema.Struct({ id: field(Id, "server group id"), ...GroupSpec.fields }), "put the servers in a server group with this policy"),
  lifetime: optional(DurationOrDistribution, "how long the servers live once active (default: until the end of the run)"),
  bootTime: optional(DurationOrDistribution, "how long a server takes to boot (default: the scenario's defaultBootTime)"),
  metadata: optional(Schema.Record(Schema.String, Schema.String), "server metadata: key → value"),
  reservation: optional(Id, "draw from this reservation (an id of reservations:)"),
});
export type TimedRequest = typeof TimedRequest.Type;

/**
 * An operator action at a time: hosts (by id, or a zone with optional racks) go to a state
 * (UP, DOWN, MAINTENANCE) and/or have their compute service enabled or disabled.
 */
export const HostEvent = Schema.Struct({
  at: field(Duration, "simulated time of the action"),
  hosts: optional(Schema.Array(Id), "host ids (<zone>-<rack>-h<NNN>); or give zone"),
  zone: optional(Id, "every host of this zone (or of its racks)"),
  racks: optional(Schema.Array(Id), "with zone: only these racks"),
  state: optional(Schema.Literals(["UP", "DOWN", "MAINTENANCE"]), "host state to set"),
  enabled: optional(Schema.Boolean, "compute service on (true) or off (false)"),
  drain: optional(Schema.Literals(["LIVE_MIGRATION", "OFFLINE_MIGRATION"]), "move every server off the hosts after the change (Nova host-evacuate-live / a cold migration of each)"),
});
export type HostEvent = typeof HostEvent.Type;

export const Workload = Schema.Struct({
  streams: optional(Schema.Array(WorkloadStream), "Poisson request streams, one per tenant and mix"),
  requests: optional(Schema.Array(TimedRequest), "fixed, timed requests"),
  traces: optional(Schema.Array(TraceStream), "replayed demand traces (docs/traces.md): each row a request, streamed from its file"),
  rateMultiplier: optional(PositiveFactor, "multiplies every stream's arrival rate (poisson, schedule steps, daily) and every trace's demand (as more copies and thinning), a factor above 0, default 1: one knob for the whole load, e.g. a sweep of 0.5 to 2; bursts and timed requests are not scaled"),
});

/** When the run ends: a simulated horizon, a number of arrivals, or both (whichever comes first). */
export const Stop = Schema.Struct({
  horizon: optional(Horizon, "simulated time the run lasts"),
  arrivals: optional(PositiveInt.check(atMost(MAX_EXPECTED_REQUESTS, "arrivals")), "stop after this many arrivals, a count"),
  maxEvents: optional(PositiveInt, "stop after this many simulation events, a count (a safety net)"),
});

export const Warmup = Schema.Struct({
  duration: optional(Duration, "simulated time excluded from steady-state metrics at the start"),
  arrivalsFraction: optional(Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 0.99 })), "share of the arrivals excluded from steady-state metrics, 0..0.99 (0.1 = the first 10 %; needs stop.arrivals)"),
});

export const Output = Schema.Struct({
  trace: optional(Schema.Boolean, "keep and write the full event log (events.jsonl); large for long runs"),
  samplePeriod: optional(Duration, "sampling period of the utilisation time series"),
  explainRequests: optional(Schema.Array(PositiveInt), "request numbers (1-based) whose placement decision is explained in explain.json"),
});

/** A confidence level in (0.5, 0.999]: 0.9, 0.95, 0.99 ... */
export const ConfidenceLevel = Schema.Finite.check(
  Schema.makeFilter((x: number) => (x > 0.5 && x <= 0.999 ? undefined : `expected a confidence level in (0.5, 0.999] such as 0.95, got ${x}`), {
    toJsonSchema: () => ({ exclusiveMinimum: 0.5, maximum: 0.999 }),
  }),
);

/**
 * Warn when replications are too few: for each metric, the half-width of its interval (at the
 * confidence of an expectation on it, else 95 %) should be at most `relativeHalfWidth` × |mean|.
 */
export const Precision = Schema.Struct({
  relativeHalfWidth: field(
    Schema.Finite.check(Schema.makeFilter((x: number) => (x > 0 && x < 1 ? undefined : `expected a share in (0, 1) such as 0.05, got ${x}`), { toJsonSchema: () => ({ exclusiveMinimum: 0, exclusiveMaximum: 1 }) })),
    "target half-width of each interval as a share of |mean|, in (0, 1), e.g. 0.05",
  ),
  metrics: optional(Schema.NonEmptyArray(Schema.String), "summary.json metric paths; default [requests.rejectionRate]"),
});
export type Precision = typeof Precision.Type;

/**
 * A check on a metric of the run: the run fails (exit 1) when it does not hold. Bounds are numbers,
 * or durations for metrics in milliseconds (e.g. servers.bootTimeMs.p99: { max: 5m }).
 */
export const Expectation = Schema.Struct({
  metric: field(Schema.String, "a path into summary.json, e.g. requests.rejectionRate, servers.bootTimeMs.p99"),
  min: optional(Schema.Union([Schema.Finite, Schema.String]), "lower bound: a number, or a duration for metrics in ms (…Ms)"),
  max: optional(Schema.Union([Schema.Finite, Schema.String]), "upper bound: a number, or a duration for metrics in ms (…Ms), e.g. 5m"),
  confidence: optional(ConfidenceLevel, "confidence level in (0.5, 0.999], e.g. 0.95: with replications, the whole two-sided Student-t interval of the mean at this level must lie within the bounds, not only the mean"),
  description: optional(Schema.String, "free text shown with the outcome"),
});
export type Expectation = typeof Expectation.Type;

/**
 * Changes to the model for one scenario, variant or sweep point: allocation ratios on every profile,
 * and `hostCount` (profile id → the count of every host group of that profile, i.e. hosts per rack).
 */
export const ModelOverrides = Schema.Struct({
  allocationRatios: optional(AllocationRatios, "allocation ratios set on every profile"),
  hostCount: optional(Schema.Record(Id, HostCount), "profile id → the count of every host group of that profile (hosts per rack)"),
});
export type ModelOverrides = typeof ModelOverrides.Type;

/**
 * A variant of the scenario for a policy comparison: the same workload and seeds (common random
 * numbers) with another placement policy and/or other allocation ratios.
 */
export const Variant = Schema.Struct({
  name: field(Id, "variant name: its folder in the report"),
  description: optional(Schema.String, "free text for reports"),
  placement: optional(Placement, "the variant's placement policy (default: the scenario's)"),
  overrides: optional(ModelOverrides, "the variant's changes to the model"),
});
export type Variant = typeof Variant.Type;

/** A scenario's name names its report folder: an identifier (no '/', '\\', NUL, leading '.' or '-'), short. */
export const ScenarioName = Id.check(
  Schema.makeFilter((s: string) => (s.length <= MAX_NAME_LENGTH ? undefined : `a scenario name is at most ${MAX_NAME_LENGTH} characters (it names the report folder); got ${s.length}`), {
    toJsonSchema: () => ({ maxLength: MAX_NAME_LENGTH }),
  }),
);

export const Scenario = Schema.Struct({
  kind: field(Schema.Literal("Scenario"), "file kind: Scenario"),
  name: field(ScenarioName, "scenario name: also its report folder's name"),
  description: optional(Schema.String, "free text for reports"),
  model: field(Schema.String, "path of the infrastructure model file, relative to this file"),
  seed: optional(Schema.Int, "the seed every random stream derives from, an integer (--seed overrides)"),
  replications: optional(PositiveInt.check(atMost(MAX_REPLICATIONS, "replications")), "independent replications on seeds derived from seed, a count (--replications overrides)"),
  stop: field(Stop, "when the run ends: horizon and/or arrivals, whichever comes first"),
  warmup: optional(Warmup, "the start excluded from steady-state metrics"),
  placement: optional(Placement, "the placement policy (default spread)"),
  workload: field(Workload, "the requests: streams and timed requests"),
  hostEvents: optional(Schema.Array(HostEvent), "operator actions on hosts: state changes, service on/off, drains"),
  reservations: optional(Schema.Array(ReservationEntry), "static reservations (Blazar leases) the workload may draw from"),
  capacityForecast: optional(CapacityForecast, "forecast of available capacity over a future window, reservations included"),
  operations: optional(Operations, "server operations besides create and delete: scripted actions, random streams, calls, task durations"),
  faults: optional(Faults, "failures, storms, maintenance windows and the VIM's recovery"),
  performance: optional(Performance, "PM jobs and thresholds"),
  accelerators: optional(AcceleratorSection, "accelerator onloads, faults and offload traffic (needs a model with accelerators)"),
  windows: optional(Windows, "named time windows reported on their own in summary.json (windows.<name>.requests.rejectionRate)"),
  clusters: optional(Clusters, "Kubernetes clusters on the VIM (the CCM): create, scale, upgrade, delete, healing (docs/ccm.md)"),
  initialServers: optional(InitialServers, "the production state: servers alive at time 0 on named hosts (nfvtwin import openstack writes it; docs/import.md)"),
  expect: optional(Schema.Array(Expectation), "checks on metrics after the run; a failure makes nfvtwin run exit 1"),
  precision: optional(Precision, "with replications: warn when an interval is wider than a share of its mean"),
  variants: optional(Schema.NonEmptyArray(Variant), "variants compared on common random numbers; the first is the baseline of the differences"),
  output: optional(Output, "what to record: trace, sampling period, explained requests"),
  defaultBootTime: optional(DurationOrDistribution, "boot time of requests that give none (default 0ms)"),
  overrides: optional(ModelOverrides, "changes to the model for this scenario only, e.g. an overcommit study"),
  sweep: optional(Sweep, "a parameter grid (capacity planning): every point runs on common random numbers"),
  tags: optional(Schema.Array(Id), "labels, free identifiers (not read by the simulator)"),
});
export type Scenario = typeof Scenario.Type;
