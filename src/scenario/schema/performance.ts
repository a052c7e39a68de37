/**
 * The `performance:` section of a scenario (issue 8, item 4): IFA PM jobs (metrics of VMs, hosts or
 * zones at a collection and reporting period) and thresholds that notify their crossings. Data only.
 */
import { Schema } from "effect";
import { Duration, Id, NonNegativeNumber } from "./common.js";

const ObjectType = Schema.Literals(["VM", "HOST", "ZONE"]);
const Metric = Schema.Literals(["VCpuUsageMean", "VMemoryUsageMean", "VDiskUsageMean"]);

export const PmJobInput = Schema.Struct({
  objectType: ObjectType,
  /** Host or zone ids (or vm-<n>); every object of the type when absent. */
  objects: Schema.optionalKey(Schema.Array(Id)),
  metrics: Schema.NonEmptyArray(Metric),
  collectionPeriod: Duration,
  reportingPeriod: Duration,
  reportingBoundary: Schema.optionalKey(Duration),
});
export type PmJobInput = typeof PmJobInput.Type;

export const ThresholdInput = Schema.Struct({
  objectType: ObjectType,
  object: Id,
  metric: Metric,
  value: NonNegativeNumber,
  hysteresis: Schema.optionalKey(NonNegativeNumber),
  checkPeriod: Duration,
});
export type ThresholdInput = typeof ThresholdInput.Type;

export const Performance = Schema.Struct({
  jobs: Schema.optionalKey(Schema.Array(PmJobInput)),
  thresholds: Schema.optionalKey(Schema.Array(ThresholdInput)),
});
export type Performance = typeof Performance.Type;
