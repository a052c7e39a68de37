/**
 * The pure part of a sweep: expanding a range into values and a list of parameters into grid points.
 * The grid order is fixed and written down: the first parameter varies slowest (the outermost loop),
 * the last fastest, each in the order its values were given.
 */
import type { SweepValue } from "./run-spec.js";

/** Significant digits kept of a range value, so `0.1` steps give 0.3, not 0.30000000000000004. */
const RANGE_DIGITS = 12;

/** The values of `{ from, to, step }`, both ends included (to within float noise); empty when from > to. */
export function rangeValues(from: number, to: number, step: number): number[] {
  if (!(step > 0) || from > to) return [];
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  return Array.from({ length: count }, (_, k) => Number((from + k * step).toPrecision(RANGE_DIGITS)));
}

/** The cartesian product of `lists`, in grid order (first list slowest); one empty tuple for no lists. */
export function gridPoints(lists: ReadonlyArray<ReadonlyArray<SweepValue>>): SweepValue[][] {
  let points: SweepValue[][] = [[]];
  for (const list of lists) points = points.flatMap((prefix) => list.map((v) => [...prefix, v]));
  return points;
}
