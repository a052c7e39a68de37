/**
 * The scenario file (scenarios/**.yaml): which model, which placement policy, which workload, how
 * long, and what to record. Data only; references are checked after decoding (resolve-scenario.ts).
 */
import { Schema } from "effect";
import { Duration, DurationOrDistribution, Factor, Horizon, Id, PositiveFactor, PositiveInt, Rate } from "./common.js";
import { AllocationRatios, HostCount } from "./model.js";
import { atMost, MAX_EXPECTED_REQUESTS, MAX_NAME_LENGTH, MAX_REPLICATIONS, MAX_REQUEST_SERVERS } from "./limits.js";
import { Operations } from "./operations.js";
import { Faults } from "./faults.js";
import { Performance } from "./performance.js";
import { AcceleratorSection } from "./acc-scenario.js";
import { Sweep } from "./sweep.js";
import { CapacityForecast, ReservationEntry } from "./reservations.js";
import { Windows } from "./windows.js";

export const WeigherRef = Schema.Struct({
  name: Id,
  multiplier: Schema.optionalKey(Schema.Finite),
});

export const PolicyRef = Schema.Union([
  Id,
  Schema.Struct({
    name: Schema.optionalKey(Id),
    filters: Schema.optionalKey(Schema.Array(Id)),
    weighers: Schema.optionalKey(Schema.Array(WeigherRef)),
  }),
]).annotate({ message: "expected a policy name such as spread, or { name?, filters?, weighers? }" });
export type PolicyRef = typeof PolicyRef.Type;

export const Placement = Schema.Struct({ policy: PolicyRef });

/** How requests arrive: a Poisson process with a constant, stepwise or daily/weekly modulated rate. */
export const Arrivals = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("poisson"), rate: Rate }),
  Schema.Struct({
    kind: Schema.Literal("schedule"),
    steps: Schema.NonEmptyArray(Schema.Struct({ from: Duration, rate: Rate })),
  }),
  Schema.Struct({
    kind: Schema.Literal("daily"),
    rate: Rate,
    /** 24 hourly factors multiplying `rate` (mean rate = rate × mean factor). */
    hourly: Schema.Array(Factor),
    /** Optional 7 day-of-week factors, Monday first. */
    weekly: Schema.optionalKey(Schema.Array(Factor)),
  }),
]).annotate({ message: "unknown or missing arrivals kind; expected kind to be one of: poisson, schedule, daily" });

export const GroupSpec = Schema.Struct({
  policy: Schema.Literals(["affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity"]),
  /** Anti-affinity: at most this many members per host (Nova's max_server_per_host); default 1. */
  maxPerHost: Schema.optionalKey(PositiveInt),
});

/** Servers of one request (a group's size, a timed request's count, a burst's arrivals). */
const ServerCount = PositiveInt.check(atMost(MAX_REQUEST_SERVERS, "servers"));

export const Burst = Schema.Struct({ at: Duration, count: ServerCount, spread: Schema.optionalKey(Duration) });

/** A flavour mix: flavour id → weight, at least one flavour. */
const FlavourMix = Schema.Record(Id, PositiveFactor).check(
  Schema.makeFilter((mix: Readonly<Record<string, number>>) => (Object.keys(mix).length > 0 ? undefined : "give at least one flavour with its weight, e.g. { small: 1 }"), {
    toJsonSchema: () => ({ minProperties: 1 }),
  }),
);

/** A stream of requests from one tenant. */
export const WorkloadStream = Schema.Struct({
  id: Schema.optionalKey(Id),
  tenant: Id,
  arrivals: Arrivals,
  /** Flavour mix: flavour id → weight. */
  flavours: FlavourMix,
  lifetime: DurationOrDistribution,
  bootTime: Schema.optionalKey(DurationOrDistribution),
  zone: Schema.optionalKey(Id),
  /** Each arrival asks for `size` VMs in a new server group with this policy. */
  group: Schema.optionalKey(Schema.Struct({ ...GroupSpec.fields, size: ServerCount })),
  bursts: Schema.optionalKey(Schema.Array(Burst)),
  metadata: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  /** Stop this stream after this many arrivals. */
  maxArrivals: Schema.optionalKey(PositiveInt),
  /** Every request of the stream draws from this reservation (scenario `reservations:`). */
  reservation: Schema.optionalKey(Id),
});
export type WorkloadStream = typeof WorkloadStream.Type;

/** A fixed, timed request: `count` VMs of one flavour, optionally as a server group. */
export const TimedRequest = Schema.Struct({
  at: Duration,
  tenant: Id,
  flavour: Id,
  count: Schema.optionalKey(ServerCount),
  name: Schema.optionalKey(Schema.String),
  zone: Schema.optionalKey(Id),
  group: Schema.optionalKey(Schema.Struct({ id: Id, ...GroupSpec.fields })),
  lifetime: Schema.optionalKey(DurationOrDistribution),
  bootTime: Schema.optionalKey(DurationOrDistribution),
  metadata: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  reservation: Schema.optionalKey(Id),
});
export type TimedRequest = typeof TimedRequest.Type;

/**
 * An operator action at a time: hosts (by id, or a zone with optional racks) go to a state
 * (UP, DOWN, MAINTENANCE) and/or have their compute service enabled or disabled.
 */
export const HostEvent = Schema.Struct({
  at: Duration,
  hosts: Schema.optionalKey(Schema.Array(Id)),
  zone: Schema.optionalKey(Id),
  racks: Schema.optionalKey(Schema.Array(Id)),
  state: Schema.optionalKey(Schema.Literals(["UP", "DOWN", "MAINTENANCE"])),
  enabled: Schema.optionalKey(Schema.Boolean),
  /** Move every server off the hosts after the change (Nova host-evacuate-live / a cold migration of each). */
  drain: Schema.optionalKey(Schema.Literals(["LIVE_MIGRATION", "OFFLINE_MIGRATION"])),
});
export type HostEvent = typeof HostEvent.Type;

export const Workload = Schema.Struct({
  streams: Schema.optionalKey(Schema.Array(WorkloadStream)),
  requests: Schema.optionalKey(Schema.Array(TimedRequest)),
  /**
   * Multiplies the arrival rate of every stream (poisson, schedule steps, daily): one knob for the
   * whole load, e.g. a sweep of 0.5 to 2. Bursts and timed requests are not scaled. Default 1.
   */
  rateMultiplier: Schema.optionalKey(PositiveFactor.annotate({ description: "multiplies every stream's arrival rate (bursts and timed requests excepted); default 1" })),
});

/** When the run ends: a simulated horizon, a number of arrivals, or both (whichever comes first). */
export const Stop = Schema.Struct({
  horizon: Schema.optionalKey(Horizon),
  arrivals: Schema.optionalKey(PositiveInt.check(atMost(MAX_EXPECTED_REQUESTS, "arrivals"))),
  maxEvents: Schema.optionalKey(PositiveInt),
});

export const Warmup = Schema.Struct({
  duration: Schema.optionalKey(Duration),
  /** Fraction of the arrivals excluded from steady-state metrics, e.g. 0.1 for the first 10 %. */
  arrivalsFraction: Schema.optionalKey(Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 0.99 }))),
});

export const Output = Schema.Struct({
  /** Keep and write the full event log (events.jsonl); large for long runs. */
  trace: Schema.optionalKey(Schema.Boolean),
  /** Sampling period of the utilisation time series. */
  samplePeriod: Schema.optionalKey(Duration),
  /** Request numbers (1-based) whose placement decision is explained in explain.json. */
  explainRequests: Schema.optionalKey(Schema.Array(PositiveInt)),
});

/** A confidence level in (0.5, 0.999]: 0.9, 0.95, 0.99 ... */
export const ConfidenceLevel = Schema.Finite.check(
  Schema.makeFilter((x: number) => (x > 0.5 && x <= 0.999 ? undefined : `expected a confidence level in (0.5, 0.999] such as 0.95, got ${x}`)),
).annotate({ description: "confidence level in (0.5, 0.999], e.g. 0.9, 0.95, 0.99" });

/**
 * Warn when replications are too few: for each metric, the half-width of its interval (at the
 * confidence of an expectation on it, else 95 %) should be at most `relativeHalfWidth` × |mean|.
 */
export const Precision = Schema.Struct({
  relativeHalfWidth: Schema.Finite.check(
    Schema.makeFilter((x: number) => (x > 0 && x < 1 ? undefined : `expected a share in (0, 1) such as 0.05, got ${x}`)),
  ),
  /** summary.json metric paths; default [requests.rejectionRate]. */
  metrics: Schema.optionalKey(Schema.NonEmptyArray(Schema.String)),
});
export type Precision = typeof Precision.Type;

/**
 * A check on a metric of the run: the run fails (exit 1) when it does not hold. Bounds are numbers,
 * or durations for metrics in milliseconds (e.g. servers.bootTimeMs.p99: { max: 5m }).
 */
export const Expectation = Schema.Struct({
  metric: Schema.String,
  min: Schema.optionalKey(Schema.Union([Schema.Finite, Schema.String])),
  max: Schema.optionalKey(Schema.Union([Schema.Finite, Schema.String])),
  /**
   * With replications: the whole two-sided Student-t interval of the mean at this level must lie
   * within the bounds (e.g. 0.95), not only the mean. A single run cannot judge it (a warning).
   */
  confidence: Schema.optionalKey(ConfidenceLevel),
  description: Schema.optionalKey(Schema.String),
});
export type Expectation = typeof Expectation.Type;

/**
 * Changes to the model for one scenario, variant or sweep point: allocation ratios on every profile,
 * and `hostCount` (profile id → the count of every host group of that profile, i.e. hosts per rack).
 */
export const ModelOverrides = Schema.Struct({
  allocationRatios: Schema.optionalKey(AllocationRatios),
  hostCount: Schema.optionalKey(Schema.Record(Id, HostCount)),
});
export type ModelOverrides = typeof ModelOverrides.Type;

/**
 * A variant of the scenario for a policy comparison: the same workload and seeds (common random
 * numbers) with another placement policy and/or other allocation ratios.
 */
export const Variant = Schema.Struct({
  name: Id,
  description: Schema.optionalKey(Schema.String),
  placement: Schema.optionalKey(Placement),
  overrides: Schema.optionalKey(ModelOverrides),
});
export type Variant = typeof Variant.Type;

/** A scenario's name names its report folder: an identifier (no '/', '\\', NUL, leading '.' or '-'), short. */
export const ScenarioName = Id.check(
  Schema.makeFilter((s: string) => (s.length <= MAX_NAME_LENGTH ? undefined : `a scenario name is at most ${MAX_NAME_LENGTH} characters (it names the report folder); got ${s.length}`), {
    toJsonSchema: () => ({ maxLength: MAX_NAME_LENGTH }),
  }),
);

export const Scenario = Schema.Struct({
  kind: Schema.Literal("Scenario"),
  name: ScenarioName,
  description: Schema.optionalKey(Schema.String),
  /** Path of the infrastructure model, relative to this file. */
  model: Schema.String,
  seed: Schema.optionalKey(Schema.Int),
  /** Independent replications on seeds derived from `seed` (--replications overrides). */
  replications: Schema.optionalKey(PositiveInt.check(atMost(MAX_REPLICATIONS, "replications"))),
  stop: Stop,
  warmup: Schema.optionalKey(Warmup),
  placement: Schema.optionalKey(Placement),
  workload: Workload,
  hostEvents: Schema.optionalKey(Schema.Array(HostEvent)),
  /** Static reservations (Blazar leases) the workload may draw from. */
  reservations: Schema.optionalKey(Schema.Array(ReservationEntry)),
  /** Forecast of available capacity over a future window, reservations included. */
  capacityForecast: Schema.optionalKey(CapacityForecast),
  /** Server operations besides create and delete: scripted actions, random streams, task durations. */
  operations: Schema.optionalKey(Operations),
  /** Failures, storms, maintenance windows and the VIM's recovery (issue 8). */
  faults: Schema.optionalKey(Faults),
  /** PM jobs and thresholds (issue 8). */
  performance: Schema.optionalKey(Performance),
  /** Accelerator onloads, faults and offload traffic (needs a model with accelerators). */
  accelerators: Schema.optionalKey(AcceleratorSection),
  /** Named time windows reported on their own in summary.json (windows.<name>.requests.rejectionRate). */
  windows: Schema.optionalKey(Windows),
  expect: Schema.optionalKey(Schema.Array(Expectation)),
  /** With replications: warn when an interval is wider than a share of its mean. */
  precision: Schema.optionalKey(Precision),
  /** Variants compared on common random numbers; the first is the baseline of the differences. */
  variants: Schema.optionalKey(Schema.NonEmptyArray(Variant)),
  output: Schema.optionalKey(Output),
  defaultBootTime: Schema.optionalKey(DurationOrDistribution),
  /** Changes to the model for this scenario only, e.g. an overcommit study. */
  overrides: Schema.optionalKey(ModelOverrides),
  /** A parameter grid (capacity planning): every point runs on common random numbers. */
  sweep: Schema.optionalKey(Sweep),
  tags: Schema.optionalKey(Schema.Array(Id)),
});
export type Scenario = typeof Scenario.Type;
