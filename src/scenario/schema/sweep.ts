/**
 * The `sweep:` section of a scenario file: a parameter grid for capacity planning. Each parameter is
 * an override path (the same knobs variants turn) with a list of values or a numeric range; the grid
 * is their cartesian product. Data only; paths and values are checked in resolve/sweep.ts.
 */
import { Schema } from "effect";

/** `{ from, to, step }`, both ends included; a step of 0 or less never ends, so it is refused here. */
export const SweepRange = Schema.Struct({
  from: Schema.Finite,
  to: Schema.Finite,
  step: Schema.Finite.check(Schema.isGreaterThan(0)),
});

export const SweepParameter = Schema.Struct({
  /** An override path: placement.policy, overrides.allocationRatios.<class>, overrides.hostCount.<profile>. */
  path: Schema.String,
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
  minimise: Schema.optionalKey(Schema.String),
  /**
   * `mean`: expectations hold on the means (default; an expectation with a `confidence` is always
   * judged on its interval); `ci95`: on the whole interval, at 95 % or the expectation's confidence.
   */
  criterion: Schema.optionalKey(Schema.Literals(["mean", "ci95"])),
});
export type Sweep = typeof Sweep.Type;
