/**
 * The `performance:` section of a scenario (issue 8, item 4): IFA PM jobs (metrics of VMs, hosts or
 * zones at a collection and reporting period) and thresholds that notify their crossings. Data only.
 */
import { Schema } from "effect";
import { Duration, Id, NonNegativeNumber, field, optional } from "./common.js";

const ObjectType = Schema.Literals(["VM", "HOST", "ZONE"]);
const Metric = Schema.Literals(["VCpuUsageMean", "VMemoryUsageMean", "VDiskUsageMean"]);

export const PmJobInput = Schema.Struct({
  objectType: field(ObjectType, "what the job measures: VM, HOST or ZONE"),
  objects: optional(Schema.Array(Id), "host or zone ids (or vm-<n>); every object of the type when absent"),
  metrics: field(Schema.NonEmptyArray(Metric), "metrics collected: mean usage shares of vCPU, memory, disk"),
  collectionPeriod: field(Duration, "time between two collections"),
  reportingPeriod: field(Duration, "time between two reports"),
  reportingBoundary: optional(Duration, "no collection after this simulated time"),
});
export type PmJobInput = typeof PmJobInput.Type;

export const ThresholdInput = Schema.Struct({
  objectType: field(ObjectType, "kind of object watched: VM, HOST or ZONE"),
  object: field(Id, "the object's id (a host or zone id, or vm-<n>)"),
  metric: field(Metric, "metric watched"),
  value: field(NonNegativeNumber, "threshold, a usage share (0.8 = 80 %)"),
  hysteresis: optional(NonNegativeNumber, "band around value a crossing must clear before the next notification, a share (default 0)"),
  checkPeriod: field(Duration, "time between two checks"),
});
export type ThresholdInput = typeof ThresholdInput.Type;

export const Performance = Schema.Struct({
  jobs: optional(Schema.Array(PmJobInput), "IFA PM jobs: metrics collected and reported periodically"),
  thresholds: optional(Schema.Array(ThresholdInput), "thresholds that notify their crossings"),
});
export type Performance = typeof Performance.Type;
