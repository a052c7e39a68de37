/**
 * The `sweep:` section of a scenario file: a parameter grid for capacity planning. Each parameter is
 * an override path (the same knobs variants turn) with a list of values or a numeric range; the grid
 * is their cartesian product. Data only; paths and values are checked in resolve/sweep.ts.
 */
import { Schema } from "effect";

/** A range end or step: a number, or a duration or rate with its unit (`10/h`, `30m`) for such a field. */
const RangeNumber = Schema.Union([Schema.Finite, Schema.String]).annotate({ description: "a number, or a duration or rate with a unit (10/h, 30m) when the swept field has units" });

/**
 * `{ from, to, step }`, both ends included; a step of 0 or less never ends, so it is refused here.
 * With units, all three are written in the same one: `{ from: 10/h, to: 60/h, step: 10/h }`.
 */
export const SweepRange = Schema.Struct({
  from: RangeNumber,
  to: RangeNumber,
  step: Schema.Union([Schema.Finite.check(Schema.isGreaterThan(0)), Schema.String]).annotate({ description: "above 0; with a unit when from and to have one" }),
});

export const SweepParameter = Schema.Struct({
  /**
   * An override path (placement.policy, overrides.allocationRatios.<class>, overrides.hostCount.<profile>),
   * or a numeric field of the scenario (`workload.rateMultiplier`, `workload.streams.<id|tenant>.arrivals.rate`)
   * or of the model (`model.zones.az1.racks.*.hosts.*.count`); list elements by id, index or `*`.
   */
  path: Schema.String.annotate({ description: "placement.policy, overrides.allocationRatios.<class>, overrides.hostCount.<profile>, or a numeric field of the scenario (workload.streams.<id>.arrivals.rate) or model (model.zones.<id>.racks.*.hosts.*.count)" }),
  values: Schema.optionalKey(Schema.Array(Schema.Union([Schema.Finite, Schema.String]))),
  range: Schema.optionalKey(SweepRange),
});
export type SweepParameter = typeof SweepParameter.Type;

export const Sweep = Schema.Struct({
  /** In grid order: the first parameter varies slowest (outermost loop), the last fastest. */
  parameters: Schema.NonEmptyArray(SweepParameter),
  /**
   * What "smallest" means for the answer: `hosts` (total host count, the default), a numeric sweep
   * parameter path, or a metric path (its mean). Ties go to the earlier point in grid order.
   */
  minimise: Schema.optionalKey(Schema.String.annotate({ description: "hosts (default), a numeric sweep parameter path, or a metric path: the chosen point has the lowest" })),
  /**
   * The opposite of `minimise` (give one of them): the chosen point has the highest value, e.g. the
   * highest arrival rate the site can take. A numeric sweep parameter path or a metric path.
   */
  maximise: Schema.optionalKey(Schema.String.annotate({ description: "a numeric sweep parameter path or a metric path: the chosen point has the highest (e.g. the highest load that still meets every expectation)" })),
  /**
   * `ci95` (the default): expectations hold on the whole interval of each mean, at 95 % or the
   * expectation's confidence (with one replication: on the value); `mean`: on the means only (an
   * expectation with a `confidence` is still judged on its interval), with a warning when the chosen
   * point's interval crosses a limit.
   */
  criterion: Schema.optionalKey(Schema.Literals(["mean", "ci95"]).annotate({ description: "ci95 (default): judge expectations on the whole 95 % interval; mean: on the means, warning when the chosen point's interval crosses a limit" })),
});
export type Sweep = typeof Sweep.Type;
