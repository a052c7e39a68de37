/** A scenario ready to run: every reference resolved, every unit converted to milliseconds. */
import type { FaultsSpec } from "./faults.js";
import type { PerformanceSpec } from "./performance.js";
import type { DistributionSpec } from "../../kernel/index.js";
import type { InitialServerSpec } from "./initial-servers.js";
import type { OperationsSpec } from "./operations.js";
import type { AccScenarioSpec } from "./resolve-acc-scenario.js";
import type { PolicyRef } from "../schema/scenario.js";
import type { ResolvedModel } from "./resolved-model.js";
import type { ForecastSpec, ReservationSpec } from "./reservations.js";
import type { StorageReservationSpec } from "./storage-reservations.js";
import type { NetworkReservationSpec } from "./network-reservations.js";
import type { WindowSpec } from "./windows.js";
import type { ClustersRunSpec } from "./clusters.js";
import type { TraceStreamSpec } from "./traces.js";

export type GroupPolicy = "affinity" | "anti-affinity" | "soft-affinity" | "soft-anti-affinity";

export interface GroupSpec {
  readonly policy: GroupPolicy;
  readonly maxPerHost: number;
}

/** Arrival intensity as a step function of simulated time (rate per ms), possibly periodic. */
export type ArrivalSpec =
  | { readonly kind: "poisson"; readonly ratePerMs: number }
  | { readonly kind: "schedule"; readonly steps: ReadonlyArray<{ readonly fromMs: number; readonly ratePerMs: number }> }
  | {
      readonly kind: "daily";
      readonly ratePerMs: number;
      readonly hourly: ReadonlyArray<number>;
      readonly weekly: ReadonlyArray<number> | undefined;
    };

export interface StreamSpec {
  readonly id: string;
  readonly tenant: string;
  readonly arrivals: ArrivalSpec;
  readonly flavours: ReadonlyArray<{ readonly id: string; readonly weight: number }>;
  readonly lifetime: DistributionSpec;
  readonly bootTime: DistributionSpec;
  readonly zone: string | undefined;
  readonly group: (GroupSpec & { readonly size: number }) | undefined;
  readonly bursts: ReadonlyArray<{ readonly atMs: number; readonly count: number; readonly spreadMs: number }>;
  readonly metadata: Readonly<Record<string, string>>;
  readonly maxArrivals: number | undefined;
  /** Requests draw from this reservation (absent: ordinary placement). */
  readonly reservation?: string;
}

export interface TimedRequestSpec {
  readonly atMs: number;
  readonly tenant: string;
  readonly flavour: string;
  readonly count: number;
  readonly name: string | undefined;
  readonly zone: string | undefined;
  readonly group: (GroupSpec & { readonly id: string }) | undefined;
  /** Undefined: the VMs live until the end of the run. */
  readonly lifetime: DistributionSpec | undefined;
  readonly bootTime: DistributionSpec;
  readonly metadata: Readonly<Record<string, string>>;
  readonly reservation?: string;
}

export interface HostEventSpec {
  readonly atMs: number;
  /** Host ids, sorted. */
  readonly hosts: ReadonlyArray<string>;
  readonly state: "UP" | "DOWN" | "MAINTENANCE" | undefined;
  readonly enabled: boolean | undefined;
  /** Migrate every server off each host after the change (operator maintenance). */
  readonly drain: "migrate.live" | "migrate.offline" | undefined;
}

export interface ExpectationSpec {
  readonly metric: string;
  readonly min: number | undefined;
  readonly max: number | undefined;
  /** With replications, the whole interval at this level must lie within the bounds (undefined: the mean). */
  readonly confidence: number | undefined;
  /** How the bounds were written, for messages (e.g. "max 5m"). */
  readonly text: string;
}

/** The precision wanted of replicated metrics (see schema Precision). */
export interface PrecisionSpec {
  readonly relativeHalfWidth: number;
  /** Metric paths, in file order. */
  readonly metrics: ReadonlyArray<string>;
}

export interface VariantSpec {
  readonly name: string;
  readonly description: string;
  /** The scenario as this variant runs it (its own model when it overrides ratios, its own policy). */
  readonly spec: RunSpec;
}

/** A value of a sweep parameter: a number (ratios, host counts) or a name (policies). */
export type SweepValue = number | string;

/** What "smallest" means when choosing the answer of a sweep. */
export type SweepMinimise =
  | { readonly kind: "hosts" }
  | { readonly kind: "parameter"; readonly path: string; readonly index: number }
  | { readonly kind: "metric"; readonly path: string };

export interface SweepPointSpec {
  /** 0-based position in grid order. */
  readonly index: number;
  /** One value per sweep parameter, in parameter order. */
  readonly values: ReadonlyArray<SweepValue>;
  /** The scenario as this point runs it (its own model and policy; no sweep, no variants). */
  readonly spec: RunSpec;
}

export interface SweepSpec {
  readonly parameters: ReadonlyArray<{ readonly path: string; readonly values: ReadonlyArray<SweepValue> }>;
  /** The cartesian product of the parameters' values, first parameter slowest. */
  readonly points: ReadonlyArray<SweepPointSpec>;
  readonly minimise: SweepMinimise;
  /** As written; absent: the default (the interval, which for one replication is the value). */
  readonly criterion: "mean" | "ci95" | undefined;
  /** "max" when the file asks to `maximise` (the chosen point has the highest value); absent: minimise. */
  readonly direction?: "max";
}

export interface RunSpec {
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly seed: number;
  /** How many independent replications to run (1: a single run). */
  readonly replications: number;
  readonly model: ResolvedModel;
  readonly stop: { readonly horizonMs: number | undefined; readonly arrivals: number | undefined; readonly maxEvents: number | undefined };
  readonly warmup: { readonly durationMs: number; readonly arrivalsFraction: number };
  readonly policy: PolicyRef;
  readonly streams: ReadonlyArray<StreamSpec>;
  readonly requests: ReadonlyArray<TimedRequestSpec>;
  /** The production state: servers alive at time 0, sorted by id (present only when the scenario has some). */
  readonly initialServers?: ReadonlyArray<InitialServerSpec>;
  readonly hostEvents: ReadonlyArray<HostEventSpec>;
  /** Failures, storms and recovery (issue 8); absent when the scenario has no `faults:` section. */
  readonly faults?: FaultsSpec;
  /** PM jobs and thresholds; absent when the scenario has no `performance:` section. */
  readonly performance?: PerformanceSpec;
  readonly operations: OperationsSpec;
  /** Accelerator onloads, faults and offload traffic; absent when the scenario has no such section. */
  readonly accelerators?: AccScenarioSpec;
  readonly expectations: ReadonlyArray<ExpectationSpec>;
  /** Undefined: no precision warnings. */
  readonly precision: PrecisionSpec | undefined;
  /** Variants to compare (empty: a plain run); each variant's own spec has none. */
  readonly variants: ReadonlyArray<VariantSpec>;
  /** A parameter grid (undefined: no sweep); each point's own spec has none. */
  readonly sweep: SweepSpec | undefined;
  readonly output: {
    readonly trace: boolean;
    readonly samplePeriodMs: number;
    readonly explainRequests: ReadonlyArray<number>;
    /**
     * Invariant mode (`run --check-invariants`): run every invariant checker after each this many
     * events and at the end. Absent: off. Never changes what a run writes (not in the run digest).
     */
    readonly checkInvariantsEvery?: number;
  };
  readonly warnings: ReadonlyArray<string>;
  /** Static reservations (present only when the scenario has some). */
  readonly reservations?: ReadonlyArray<ReservationSpec>;
  /** Static storage reservations (present only when the scenario has some). */
  readonly storageReservations?: ReadonlyArray<StorageReservationSpec>;
  /** Static network reservations (present only when the scenario has some). */
  readonly networkReservations?: ReadonlyArray<NetworkReservationSpec>;
  /** A capacity forecast (present only when the scenario asks for one). */
  readonly capacityForecast?: ForecastSpec;
  /** Named time windows, sorted by name (present only when the scenario has some; not in the run digest). */
  readonly windows?: ReadonlyArray<WindowSpec>;
  /** Kubernetes clusters on the VIM (present only when the scenario has a clusters: section). */
  readonly clusters?: ClustersRunSpec;
  /** Replayed demand traces (present only when the scenario has some). */
  readonly traces?: ReadonlyArray<TraceStreamSpec>;
}
