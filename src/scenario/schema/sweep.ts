/**
 * The `sweep:` section of a scenario file: a parameter grid for capacity planning. Each parameter is
 * an override path (the same knobs variants turn) with a list of values or a numeric range; the grid
 * is their cartesian product. Data only; paths and values are checked in resolve/sweep.ts.
 */
import { Schema } from "effect";
import { field, optional } from "./common.js";

/** A range end or step: a number, or a duration or rate with its unit (`10/h`, `30m`) for such a field. */
const RangeNumber = Schema.Union([Schema.Finite, Schema.String]).annotate({ description: "a number, or a duration or rate with a unit (10/h, 30m) when the swept field has units" });

/**
 * `{ from, to, step }`, both ends included; a step of 0 or less never ends, so it is refused here.
 * With units, all three are written in the same one: `{ from: 10/h, to: 60/h, step: 10/h }`.
 */
export const SweepRange = Schema.Struct({
  from: field(RangeNumber, "first value, in the parameter's unit (a number, or with a unit such as 10/h when to and step have the same)"),
  to: field(RangeNumber, "last value, included when the steps reach it"),
  step: field(Schema.Union([Schema.Finite.check(Schema.isGreaterThan(0)), Schema.String]), "increment, above 0; with a unit when from and to have one"),
});

export const SweepParameter = Schema.Struct({
  path: field(
    Schema.String,
    "placement.policy, overrides.allocationRatios.<class>, overrides.hostCount.<profile>, or a numeric field of the scenario (workload.rateMultiplier, workload.streams.<id|tenant>.arrivals.rate) or of the model (model.zones.<id>.racks.*.hosts.*.count); list elements by id, index or *",
  ),
  values: optional(Schema.Array(Schema.Union([Schema.Finite, Schema.String])), "the values, in grid order: numbers (with the field's unit where it has one, e.g. 30/h), or policy names for placement.policy"),
  range: optional(SweepRange, "{ from, to, step }, both ends included"),
});
export type SweepParameter = typeof SweepParameter.Type;

export const Sweep = Schema.Struct({
  parameters: field(Schema.NonEmptyArray(SweepParameter), "in grid order: the first parameter varies slowest (outermost loop), the last fastest"),
  minimise: optional(Schema.String, "what \"smallest\" means for the answer: hosts (total host count, the default), a numeric sweep parameter path, or a metric path (its mean). Ties go to the earlier point in grid order"),
  maximise: optional(Schema.String, "the opposite of minimise (give one of them): a numeric sweep parameter path or a metric path; the chosen point has the highest, e.g. the highest load that still meets every expectation"),
  criterion: optional(Schema.Literals(["mean", "ci95"]), "ci95 (the default with replications): expectations hold on the whole interval of each mean, at 95 % or the expectation's confidence; mean: on the means only (an expectation with a confidence is still judged on its interval), with a warning when the chosen point's interval crosses a limit"),
});
export type Sweep = typeof Sweep.Type;
