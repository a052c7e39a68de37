/** What one run produces: plain, JSON-ready data that the report room turns into files. */
import type { ClustersSection } from "./cluster-run.js";
import type { TraceReplaySummary } from "../generators/trace-replay.js";
import type { RejectedRequestsSummary } from "../generators/rejected-requests.js";
import type { QuotaReport } from "../generators/quota-gate.js";
import type { LogRecord } from "../../domain/index.js";
import type { BindingResource } from "../../metrics/index.js";
export type { BindingResource } from "../../metrics/index.js";
import type { ReservationSummary } from "./reservation-run.js";
import type { StorageReservationSummary } from "./storage-reservation-run.js";
import type { NetworkReservationSummary } from "./network-reservation-run.js";
import type { NetworkPoolsSummary } from "./network-pools-run.js";
import type { HostAvailabilitySummary, HostsUpSummary } from "./hosts-up.js";

/** Stranded capacity of one class over the measured period. */
export interface StrandedClass {
  /** Time-weighted mean of stranded units (handles for accelerator types). */
  readonly meanStranded: number;
  /** Time-weighted mean share of the free units that is stranded (∫stranded dt / ∫free dt). */
  readonly meanStrandedShareOfFree: number;
  readonly lastStranded: number;
}

export interface ZoneFragmentation {
  /** Time-weighted mean of the stranded share of free memory (the class every flavour asks for). */
  readonly meanStrandedShareOfFree: number;
  readonly lastStranded: number;
  /** Every class and accelerator type the zone has free units of at some time. */
  readonly byClass: Readonly<Record<string, StrandedClass>>;
}

export interface DistributionSummary {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** The accelerator section of summary.json. */
export interface AcceleratorSummary {
  readonly devices: number;
  readonly handles: number;
  /** zone ("all" for the site) → accelerator type → bound handles over the run. */
  readonly utilisation: Readonly<Record<string, Readonly<Record<string, { readonly handles: number; readonly meanBound: number; readonly peakBound: number; readonly meanUtilisation: number; readonly peakUtilisation: number }>>>>;
  /**
   * Servers whose accelerators could not be bound, by countable reason: per server with a device
   * profile that placement refused, the accelerator filter's reason (other hosts may have been refused
   * for CPU, RAM or disk: requests.hostsRejectedByReason), and binds a device fault failed.
   */
  readonly bindFailures: Readonly<Record<string, number>>;
  /** OnloadAccImage: done, refused (devices bound or busy), device time and handle time lost. */
  readonly reprogramming: { readonly onloads: number; readonly refused: number; readonly programmingTimeMs: number; readonly handleTimeLostMs: number };
  /** Per offloaded function: requests served, dropped at release, sojourn latency, data-path utilisation. */
  readonly offload: Readonly<Record<string, OffloadSummary>>;
}

/**
 * One offloaded function's data paths (a FIFO queue with one server per bound handle, no size limit):
 * offered = served + dropped (waiting at release) + inSystemAtEnd. meanQueueLength (waiting) and
 * meanInSystem (waiting or in service) are exact time averages per open data path; waitingMs +
 * serviceMs = latencyMs.mean, over the served requests.
 */
export interface OffloadSummary {
  readonly offered: number;
  readonly served: number;
  readonly dropped: number;
  readonly inSystemAtEnd: number;
  readonly meanQueueLength: number;
  readonly meanInSystem: number;
  readonly waitingMs: number;
  readonly serviceMs: number;
  readonly latencyMs: DistributionSummary;
  readonly utilisation: number;
}

export interface ClassUtilisation {
  readonly capacity: number;
  readonly meanUsed: number;
  readonly peakUsed: number;
  readonly meanUtilisation: number;
  readonly peakUtilisation: number;
}

export interface RunSummary {
  /** The layout's version ("nfvtwin.summary/2"), described by the JSON Schema in report/summary-schema.ts. */
  readonly schemaVersion: string;
  readonly scenario: {
    readonly name: string;
    readonly file: string;
    readonly description: string;
    readonly seed: number;
    readonly model: string;
    readonly hosts: number;
    readonly zones: number;
    readonly policy: string;
  };
  readonly run: {
    readonly simulatedTimeMs: number;
    readonly simulatedTime: string;
    readonly events: number;
    readonly stoppedBy: string;
    /** SHA-256 of the simulation inputs and the event log (see run-digest.ts): equal for a replay. */
    readonly digest: string;
    readonly logRecords: number;
    readonly eventLogDigest: string;
    readonly warmupEndMs: number;
  };
  /**
   * Requests counted after the warm-up (steady state); `all` includes the warm-up. A request is one
   * allocation (one arrival, or one scenario call), whatever its server count: a request of 3 that
   * found no host is 1 rejected request here and 3 rejected servers under `servers`.
   */
  readonly requests: {
    readonly total: number;
    readonly measured: number;
    readonly placed: number;
    readonly rejected: number;
    readonly rejectionRate: number;
    /** Error kind → rejected requests. */
    readonly rejectedByKind: Readonly<Record<string, number>>;
    /** Per filter reason, how many host rejections it caused over all rejected requests. */
    readonly hostsRejectedByReason: Readonly<Record<string, number>>;
    readonly all: { readonly total: number; readonly placed: number; readonly rejected: number };
    /** Workload arrivals over the whole run, numbered 1.. for `explain --request N`. */
    readonly arrivals: number;
    /** Requests refused over the whole run, and the first of them (`explain --rejected` lists them). */
    readonly rejectedRequests: RejectedRequestsSummary;
  };
  /** Server counts: the requests' servers after the warm-up (`all` includes it), then their life cycle. */
  readonly servers: {
    readonly requested: number;
    readonly placed: number;
    readonly rejected: number;
    readonly rejectionRate: number;
    /** Error kind → rejected servers. */
    readonly rejectedByKind: Readonly<Record<string, number>>;
    /** Where the placed servers landed: zone → servers. */
    readonly placedByZone: Readonly<Record<string, number>>;
    readonly all: { readonly requested: number; readonly placed: number; readonly rejected: number };
    readonly created: number;
    readonly terminated: number;
    readonly aliveAtEnd: number;
    readonly peakAlive: number;
    readonly meanAlive: number;
    readonly bootTimeMs: DistributionSummary;
  };
  /** zone → resource class → utilisation over the measured period ("all" for the whole site). */
  readonly utilisation: Readonly<Record<string, Readonly<Record<string, ClassUtilisation>>>>;
  /** Free capacity that no flavour of the workload mix can use, sampled (mean share of free). */
  /** zone → stranded capacity (free units of usable hosts where no flavour of the mix fits), exact time-weighted means. */
  readonly fragmentation: Readonly<Record<string, ZoneFragmentation>>;
  /** Present when the scenario has operations: per operation, actions by outcome and tasks by phase. */
  readonly operations?: Readonly<Record<string, { readonly actions: Readonly<Record<string, number>>; readonly tasks: Readonly<Record<string, number>> }>>;
  /** Present when the scenario has reservations (see reservation-run.ts). */
  readonly reservations?: ReservationSummary;
  /** Present when the scenario has storage reservations (see storage-reservation-run.ts). */
  readonly storageReservations?: StorageReservationSummary;
  /** Present when the scenario has network reservations (see network-reservation-run.ts). */
  readonly networkReservations?: NetworkReservationSummary;
  /** Present when some tenant's compute quota is limited: limits, peak and final usage, refusals, time to exhaustion. */
  readonly quotas?: QuotaReport;
  /** Present when the scenario has faults (see availability-summary.ts). */
  readonly availability?: AvailabilitySummary;
  /** Present when the scenario has `performance:` (PM jobs and thresholds). */
  readonly performance?: PerformanceSummary;
  /** Present when the model has accelerators (see acc-run.ts). */
  readonly accelerators?: AcceleratorSummary;
  /** Present when the model has a `network:` section (see network-pools-run.ts). */
  readonly networkPools?: NetworkPoolsSummary;
  /** The class that limits the site (rule in binding-resource.ts); absent only on a site without capacity. */
  readonly bindingResource?: BindingResource;
  /** Present when the scenario has time windows (`windows:`, `faults.windows: true`): window name → its numbers. */
  readonly windows?: Readonly<Record<string, WindowSummary>>;
  /** Present when the scenario has `clusters:` (see cluster-run.ts): cluster id → its numbers, and total. */
  readonly clusters?: ClustersSection;
  /** Present when the scenario replays traces (`workload.traces`): trace id → rows read, kept, mapped. */
  readonly traces?: Readonly<Record<string, TraceReplaySummary>>;
  readonly warnings: ReadonlyArray<string>;
}

/** One named time window of the run (see window-tracker.ts): its span, clipped to the measured period, and what happened in it. */
export interface WindowSummary {
  /** scenario (written in windows:), storm or maintenance (faults.windows: true). */
  readonly source: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** The span counted: [fromMs, toMs) clipped to the measured period (warm-up's end to the run's end). */
  readonly measuredFromMs: number;
  readonly measuredToMs: number;
  /** Requests decided in the window, as requests.* counts them (one allocation of one or more servers). */
  readonly requests: { readonly measured: number; readonly placed: number; readonly rejected: number; readonly rejectionRate: number };
  /** Their servers, as servers.* counts them. */
  readonly servers: { readonly requested: number; readonly placed: number; readonly rejected: number; readonly rejectionRate: number };
  /** Resource class → the site's time-weighted mean capacity and use, and the peaks, within the window. */
  readonly utilisation: Readonly<Record<string, { readonly meanCapacity: number; readonly meanUsed: number; readonly peakUsed: number; readonly meanUtilisation: number; readonly peakUtilisation: number }>>;
  /** With accelerators: type → the site's bound handles within the window (as accelerators.utilisation.all). */
  readonly accelerators?: Readonly<Record<string, { readonly handles: number; readonly meanBound: number; readonly peakBound: number; readonly meanUtilisation: number; readonly peakUtilisation: number }>>;
  /** With faults: the share of host time up (1 − the mean share of hosts failed), the peak of failed hosts, and per tenant SLA availability. */
  readonly availability?: {
    readonly hostAvailability: number;
    readonly meanShareDown: number;
    readonly peakHostsDown: number;
    /** tenant → SLA availability within the window: 1 − downtime / exposure, each the part of the servers' intervals within it. */
    readonly tenants: Readonly<Record<string, { readonly availability: number; readonly downtimeMs: number; readonly exposureMs: number }>>;
  };
}

/** N+1 check of one kind of failure domain: how many could fail now and be absorbed by the rest. */
/** One failure domain whose loss some of its servers would not survive (N+1 dry run). */
export interface HeadroomShortfall {
  readonly id: string;
  /** Servers the domain's loss would evacuate. */
  readonly servers: number;
  /** Of those, the servers that found no host. */
  readonly unplaced: number;
  /** Reason (placement diagnosis words) → unplaced servers, sorted by reason. */
  readonly short: Readonly<Record<string, number>>;
}

export interface HeadroomSummary {
  readonly total: number;
  readonly survivable: number;
  readonly notSurvivable: ReadonlyArray<string>;
  /** Every domain that is not survivable, most unplaced servers first, then by id. */
  readonly shortfalls: ReadonlyArray<HeadroomShortfall>;
  /** Checks over the run: one per utilisation sample, the last at the end (headroom-checks.ts). */
  readonly checks: number;
  /** Share of the checks in which every domain of this kind was survivable. */
  readonly survivableShare: number;
  /** The check with the fewest survivable domains (then the most servers unplaced, then the earliest). */
  readonly worst: { readonly timeMs: number; readonly survivable: number; readonly shortfalls: ReadonlyArray<HeadroomShortfall> };
}

export interface AvailabilitySummary {
  readonly faults: { readonly injected: number; readonly byDomain: Readonly<Record<string, number>> };
  readonly alarms: {
    readonly raised: number;
    readonly updated: number;
    readonly cleared: number;
    readonly activeAtEnd: number;
    readonly raisedByType: Readonly<Record<string, number>>;
    readonly durationMs: DistributionSummary;
  };
  /** OPNFV Doctor: fault to the consumer's alarm notification, per affected server. */
  readonly doctor: { readonly deadlineMs: number; readonly notifications: number; readonly maxLatencyMs: number; readonly p99LatencyMs: number; readonly violations: number; readonly met: boolean };
  readonly servers: { readonly incidents: number; readonly restored: number; readonly lost: number; readonly downAtEnd: number; readonly downtimeMs: DistributionSummary; readonly timeToRestoreMs: DistributionSummary };
  readonly evacuations: { readonly started: number; readonly succeeded: number; readonly failed: number; readonly successRate: number; readonly restarts: number };
  /** hostsDownOverTime: [bucket start ms, peak failed hosts], at most 200 buckets over the run. */
  readonly capacity: { readonly hostHoursDown: number; readonly peakHostsDown: number; readonly meanShareDown: number; readonly hostsDownOverTime: ReadonlyArray<readonly [number, number]> };
  /** k-of-n: per failure domain ("all", zone, "zone/rack"), the share of time with at least k hosts up. */
  readonly hostsUp: Readonly<Record<string, HostsUpSummary>>;
  /** Per-host up-time shares over the hosts: min, p1, p5, p50 and mean (= 1 − capacity.meanShareDown). */
  readonly hostAvailability: HostAvailabilitySummary;
  readonly tenants: Readonly<Record<string, { readonly availability: number; readonly downtimeMs: number; readonly exposureMs: number }>>;
  readonly headroom: { readonly racks: HeadroomSummary; readonly zones: HeadroomSummary };
}

export interface TimeseriesRow {
  readonly timeMs: number;
  readonly zone: string;
  /** Only on the site-wide row. */
  readonly serversAlive: number | undefined;
  /** Requests rejected since the previous sample; only on the site-wide row. */
  readonly rejectedRequests: number | undefined;
  /**
   * Per class key: resource classes, accelerator types (bound and total handles) and, per
   * accelerator type, device profiles as `TYPE/profile` (handles bound for that profile of the type's handles).
   */
  readonly used: Readonly<Record<string, number>>;
  readonly capacity: Readonly<Record<string, number>>;
  readonly stranded: Readonly<Record<string, number>>;
  /**
   * Runs with clusters, site-wide row only: `nodes/<pool>` (live nodes of that pool name summed over
   * the clusters, control-plane included) and `pendingPods`.
   */
  readonly clusters?: Readonly<Record<string, number>>;
}

export interface ExpectationOutcome {
  readonly text: string;
  readonly passed: boolean;
  readonly metric: string;
  readonly value: number;
}

export interface FilterStep {
  readonly filter: string;
  readonly hostsBefore: number;
  readonly hostsAfter: number;
  /** reason → how many hosts, and the first few of them by id. */
  readonly removed: ReadonlyArray<{ readonly reason: string; readonly count: number; readonly sampleHosts: ReadonlyArray<string> }>;
}

export interface CandidateScore {
  readonly host: string;
  readonly total: number;
  readonly weighers: ReadonlyArray<{ readonly weigher: string; readonly multiplier: number; readonly raw: number; readonly normalized: number }>;
}

export interface RequestExplanation {
  readonly request: number;
  readonly timeMs: number;
  readonly tenant: string;
  readonly flavour: string;
  readonly server: string;
  /** The chosen host, or undefined when rejected. */
  readonly chosenHost: string | undefined;
  /** "placed on X" or the countable rejection text ("0/40 hosts available: ..."). */
  readonly outcome: string;
  readonly filters: ReadonlyArray<FilterStep>;
  /** Surviving hosts, best first (top few). */
  readonly candidates: ReadonlyArray<CandidateScore>;
}

/** Something that happened over a span (or at an instant) of the run, marked on every time chart. */
export interface TimelineMark {
  readonly kind: "fault" | "storm" | "maintenance" | "lease";
  readonly startMs: number;
  /** The end of the span (a repair, the end of a window); equal to startMs for an instant. */
  readonly endMs: number;
  readonly label: string;
}

/** The time frame of a run's charts: 0 to the horizon, the warm-up, and the marks, in time order. */
export interface RunTimeline {
  readonly horizonMs: number;
  readonly warmupEndMs: number;
  readonly marks: ReadonlyArray<TimelineMark>;
}

export interface RunResult {
  readonly summary: RunSummary;
  readonly timeseries: ReadonlyArray<TimeseriesRow>;
  readonly timeline: RunTimeline;
  readonly records: ReadonlyArray<LogRecord>;
  readonly explanations: ReadonlyArray<RequestExplanation>;
  readonly expectations: ReadonlyArray<ExpectationOutcome>;
  /** One line for the terminal. */
  readonly headline: string;
}

export interface ThresholdCrossing {
  readonly timeMs: number;
  readonly thresholdId: string;
  readonly objectInstanceId: string;
  readonly performanceMetric: string;
  readonly crossingDirection: "UP" | "DOWN";
  readonly performanceValue: number;
}

export interface PerformanceSummary {
  readonly jobs: number;
  readonly collections: number;
  readonly reports: number;
  readonly thresholdCrossings: { readonly UP: number; readonly DOWN: number };
  /** The first 1,000 crossings, in time order. */
  readonly crossings: ReadonlyArray<ThresholdCrossing>;
}
