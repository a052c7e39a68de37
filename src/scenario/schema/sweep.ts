/**
 * The `sweep:` section of a scenario file: a parameter grid for capacity planning. Each parameter is
 * an override path (the same knobs variants turn) with a list of values or a numeric range; the grid
 * is their cartesian product. Data only; paths and values are checked in resolve/sweep.ts.
 */
import { Schema } from "effect";
import { field, optional } from "./common.js";

/** `{ from, to, step }`, both ends included; a step of 0 or less never ends, so it is refused here. */
export const SweepRange = Schema.Struct({
  from: field(Schema.Finite, "first value, in the parameter's unit"),
  to: field(Schema.Finite, "last value, included when the steps reach it"),
  step: field(Schema.Finite.check(Schema.isGreaterThan(0)), "increment, greater than 0"),
});

export const SweepParameter = Schema.Struct({
  path: field(Schema.String, "an override path: placement.policy, overrides.allocationRatios.<class>, overrides.hostCount.<profile>"),
  values: optional(Schema.Array(Schema.Union([Schema.Finite, Schema.String])), "the values, in grid order: numbers, or policy names for placement.policy"),
  range: optional(SweepRange, "{ from, to, step }, both ends included"),
});
export type SweepParameter = typeof SweepParameter.Type;

export const Sweep = Schema.Struct({
  parameters: field(Schema.NonEmptyArray(SweepParameter), "in grid order: the first parameter varies slowest (outermost loop), the last fastest"),
  minimise: optional(Schema.String, "what \"smallest\" means for the answer: hosts (total host count, the default), a numeric sweep parameter path, or a metric path (its mean). Ties go to the earlier point in grid order"),
  criterion: optional(Schema.Literals(["mean", "ci95"]), "mean: expectations hold on the means (default; an expectation with a confidence is always judged on its interval); ci95: on the whole interval, at 95 % or the expectation's confidence"),
});
export type Sweep = typeof Sweep.Type;
