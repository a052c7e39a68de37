/** The metrics room: event log, statistics and run counters. Knows nothing of reports or files. */
export { EventLog, canonicalJson, canonicalRecordLine, sortKeysDeep, type EventLogOptions, LogText } from "./event-log.js";
export { Percentiles, RunningStats, TimeWeighted } from "./statistics.js";
export { ComputeMetrics, sortedRecord } from "./compute-metrics.js";
export { halfWidth, halfWidthAt, interval, tQuantile95, tQuantileAt, type Interval } from "./confidence.js";
export { tQuantile } from "./student-t.js";
export { sha256Hex } from "./sha256.js";
export { bindingResource, byLoad, classLoads, type BindingResource, type ClassLoad, type RejectionsByClass } from "./binding-resource.js";
