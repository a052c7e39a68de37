/**
 * Poisson arrivals with a piecewise-constant rate (constant, a schedule of steps, or a daily profile
 * with optional day-of-week factors), generated exactly by inverting the cumulative rate: one uniform
 * draw per arrival whatever the profile, so variants that share the stream share every arrival.
 */
import type { ArrivalSpec } from "../resolve/run-spec.js";

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/** The rate (per ms) at `tMs` and the time the current piece ends (Infinity when it never does). */
export function ratePiece(spec: ArrivalSpec, tMs: number): { ratePerMs: number; endMs: number } {
  switch (spec.kind) {
    case "poisson":
      return { ratePerMs: spec.ratePerMs, endMs: Number.POSITIVE_INFINITY };
    case "schedule": {
      let i = 0;
      while (i + 1 < spec.steps.length && spec.steps[i + 1]!.fromMs <= tMs) i++;
      const next = spec.steps[i + 1];
      return { ratePerMs: spec.steps[i]!.ratePerMs, endMs: next === undefined ? Number.POSITIVE_INFINITY : next.fromMs };
    }
    case "daily": {
      const hour = Math.floor(tMs / MS_PER_HOUR);
      const day = Math.floor(tMs / MS_PER_DAY);
      const hourly = spec.hourly[hour % 24] ?? 0;
      const weekly = spec.weekly === undefined ? 1 : (spec.weekly[day % 7] ?? 0);
      return { ratePerMs: spec.ratePerMs * hourly * weekly, endMs: (hour + 1) * MS_PER_HOUR };
    }
  }
}

/** Whether the rate is zero from `tMs` on forever (no arrival can ever come). */
function neverAgain(spec: ArrivalSpec, tMs: number): boolean {
  switch (spec.kind) {
    case "poisson":
      return spec.ratePerMs <= 0;
    case "schedule":
      return spec.steps.every((s, i) => s.ratePerMs <= 0 || (spec.steps[i + 1]?.fromMs ?? Number.POSITIVE_INFINITY) <= tMs);
    case "daily":
      return spec.ratePerMs <= 0 || spec.hourly.every((h) => h <= 0) || (spec.weekly !== undefined && spec.weekly.every((w) => w <= 0));
  }
}

/**
 * The exact (real-valued) time of the next arrival after `fromMs` given a uniform draw `u` in [0, 1):
 * walks the rate pieces until the integrated rate reaches −ln(1 − u). Infinity when none comes.
 */
export function nextArrivalMs(spec: ArrivalSpec, fromMs: number, u: number): number {
  let need = -Math.log(1 - u);
  let t = fromMs;
  if (spec.kind === "poisson") return spec.ratePerMs > 0 ? t + need / spec.ratePerMs : Number.POSITIVE_INFINITY;
  if (neverAgain(spec, t)) return Number.POSITIVE_INFINITY;
  if (spec.kind === "daily") [t, need] = skipWholePeriods(spec, t, need);
  if (t === Number.POSITIVE_INFINITY) return t;
  for (;;) {
    const { ratePerMs, endMs } = ratePiece(spec, t);
    const span = endMs - t;
    if (ratePerMs > 0 && ratePerMs * span >= need) return t + need / ratePerMs;
    if (endMs === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    need -= ratePerMs * span;
    t = endMs;
  }
}

/**
 * With a tiny rate (factors of 1e-100 are valid input) the walk below would take ~need / (rate × 1h)
 * steps: jump over whole days (or weeks, with weekly factors) first, which keeps the phase. Only gaps
 * of more than SKIP_AFTER periods jump, so ordinary profiles walk exactly as they always did.
 */
const SKIP_AFTER = 1000;
function skipWholePeriods(spec: Extract<ArrivalSpec, { kind: "daily" }>, t: number, need: number): [number, number] {
  const periodMs = spec.weekly === undefined ? MS_PER_DAY : 7 * MS_PER_DAY;
  const perPeriod = meanRatePerMs(spec) * periodMs;
  const periods = Math.floor(need / perPeriod) - 1;
  if (!(periods > SKIP_AFTER)) return [t, need];
  if (!Number.isFinite(periods) || t + periods * periodMs > Number.MAX_SAFE_INTEGER) return [Number.POSITIVE_INFINITY, need];
  return [t + periods * periodMs, need - periods * perPeriod];
}

/** The mean rate per ms over one period of the profile (for reports and tests). */
export function meanRatePerMs(spec: ArrivalSpec): number {
  switch (spec.kind) {
    case "poisson":
      return spec.ratePerMs;
    case "schedule":
      return spec.steps[spec.steps.length - 1]!.ratePerMs;
    case "daily": {
      const hourMean = spec.hourly.reduce((a, b) => a + b, 0) / 24;
      const weekMean = spec.weekly === undefined ? 1 : spec.weekly.reduce((a, b) => a + b, 0) / 7;
      return spec.ratePerMs * hourMean * weekMean;
    }
  }
}
