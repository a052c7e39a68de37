/**
 * IFA 005 §8.5 Performance Management information elements (ifa-digest §1.12), as the twin measures
 * them: per VM its allocated share while running (0 while its host is down or it is not ACTIVE), per
 * host and zone the used share of capacity of each resource class. Network counters are not modelled.
 */
export const PM_OBJECT_TYPES = ["VM", "HOST", "ZONE"] as const;
export type PmObjectType = (typeof PM_OBJECT_TYPES)[number];

/** Metric names in the SOL 003 style of ifa-digest §1.12. */
export const PERFORMANCE_METRICS = ["VCpuUsageMean", "VMemoryUsageMean", "VDiskUsageMean"] as const;
export type PerformanceMetric = (typeof PERFORMANCE_METRICS)[number];

export interface PmJobSpec {
  readonly objectType: PmObjectType;
  /** Restrict to these objects (server, host or zone ids); all of the type when absent. */
  readonly objectInstanceIds?: ReadonlyArray<string>;
  readonly performanceMetrics: ReadonlyArray<PerformanceMetric>;
  readonly collectionPeriodMs: number;
  readonly reportingPeriodMs: number;
  /** No collection or report after this simulated time. */
  readonly reportingBoundaryMs?: number;
}

export interface PmJob extends PmJobSpec {
  readonly pmJobId: string;
  readonly startedAtMs: number;
}

export interface PerformanceValueEntry {
  readonly timeStampMs: number;
  readonly performanceValue: number;
}

export interface PerformanceReportEntry {
  readonly objectType: PmObjectType;
  readonly objectInstanceId: string;
  readonly performanceMetric: PerformanceMetric;
  readonly performanceValues: ReadonlyArray<PerformanceValueEntry>;
}

export interface PerformanceReport {
  readonly pmJobId: string;
  readonly periodStartMs: number;
  readonly periodEndMs: number;
  readonly entries: ReadonlyArray<PerformanceReportEntry>;
}

export interface ThresholdSpec {
  readonly objectType: PmObjectType;
  readonly objectInstanceId: string;
  readonly performanceMetric: PerformanceMetric;
  readonly thresholdValue: number;
  /** A crossing UP needs value > threshold + hysteresis, DOWN value < threshold − hysteresis. */
  readonly hysteresis: number;
  /** How often the threshold is checked (its own collection). */
  readonly checkPeriodMs: number;
}

export interface Threshold extends ThresholdSpec {
  readonly thresholdId: string;
}

export type PmNotification =
  | { readonly kind: "PerformanceInformationAvailableNotification"; readonly timeMs: number; readonly pmJobId: string; readonly objectInstanceIds: ReadonlyArray<string> }
  | {
      readonly kind: "ThresholdCrossedNotification";
      readonly timeMs: number;
      readonly thresholdId: string;
      readonly crossingDirection: "UP" | "DOWN";
      readonly objectInstanceId: string;
      readonly performanceMetric: PerformanceMetric;
      readonly performanceValue: number;
    };
