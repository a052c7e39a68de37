/**
 * The pure part of a sweep: expanding a range into values and a list of parameters into grid points.
 * The grid order is fixed and written down: the first parameter varies slowest (the outermost loop),
 * the last fastest, each in the order its values were given.
 */
import { parseDurationMs, parseRatePerHour } from "../../kernel/index.js";
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

/** `10/h` → { amount: 10, unit: "/h" }, `30m` → { 30, "m" }, `2.5` → { 2.5, "" }; undefined for other text. */
export function splitUnit(v: number | string): { amount: number; unit: string } | undefined {
  if (typeof v === "number") return { amount: v, unit: "" };
  const m = /^(\d+(?:\.\d+)?)(\/?[a-zA-Z]+)$/.exec(v);
  return m === null ? undefined : { amount: Number(m[1]), unit: m[2]! };
}

/**
 * The values of a range written with units, `{ from: 10/h, to: 60/h, step: 10/h }`: all three in one
 * unit, expanded as numbers and written back in that unit; a message when they are not.
 */
export function unitRangeValues(from: number | string, to: number | string, step: number | string): SweepValue[] | string {
  const parts = [from, to, step].map(splitUnit);
  const units = new Set(parts.map((p) => p?.unit));
  if (parts.some((p) => p === undefined) || units.size !== 1) {
    return `give from, to and step in one unit, e.g. { from: 10/h, to: 60/h, step: 10/h } or { from: 1h, to: 4h, step: 30m } written as 60m, 240m, 30m; got ${[from, to, step].map((x) => JSON.stringify(x)).join(", ")}`;
  }
  const [f, t, s] = parts as [{ amount: number; unit: string }, { amount: number; unit: string }, { amount: number; unit: string }];
  if (!(s.amount > 0)) return `the step must be above 0; got ${JSON.stringify(step)}`;
  return rangeValues(f.amount, t.amount, s.amount).map((x) => (f.unit === "" ? x : `${x}${f.unit}`));
}

/** A sweep value as a number for ordering and charts: rates per hour, durations in ms; NaN for a name. */
export function sweepValueNumber(v: SweepValue): number {
  if (typeof v === "number") return v;
  const rate = parseRatePerHour(v);
  if (rate.ok) return rate.value;
  const duration = parseDurationMs(v);
  return duration.ok ? duration.value : Number.NaN;
}

/** `path=value, path=value`: how a point is named in messages and reports. */
export function describePoint(paths: ReadonlyArray<string>, values: ReadonlyArray<SweepValue>): string {
  return paths.map((p, i) => `${p}=${values[i]}`).join(", ");
}
