/**
 * Weighing, as Nova's weights.py does it (`BaseWeigher.weigh_objects`, `BaseWeightHandler.
 * get_weighed_objects`, `normalize`): per weigher, the raw weights of the candidates are raised to
 * the weigher's minval when it has one, then normalised to [0, 1] with lo = minval (else the minimum)
 * and hi = the maximum — RAM, CPU and disk (minval 0) are x / max; the soft group weighers are
 * min-max; all equal → 0. Each normalised value is multiplied by the host's multiplier (aggregate
 * metadata override, else the configured one: host-multipliers.ts) and added to the host's total in
 * weigher order, starting from 0. The best total wins; ties go to the lowest host index (Nova keeps
 * its input order). The fast path scores hosts with the same arithmetic, so both agree bit for bit.
 */
import type { NfviView } from "../nfvi/index.js";
import { hostMultiplierOverrides, multiplierAt } from "./host-multipliers.js";
import type { PlacementRequest } from "./request.js";
import type { WeigherUse } from "./types.js";

/** Nova `normalize`: (x − lo) / (hi − lo); 0 when lo = hi. */
export function normalize(x: number, lo: number, hi: number): number {
  return hi === lo ? 0 : (x - lo) / (hi - lo);
}

/** Nova `weigh_objects`: the raw weight raised to the weigher's minval, if any. */
export function clampToMinval(use: WeigherUse, x: number): number {
  const minval = use.weigher.minval;
  return minval !== undefined && x < minval ? minval : x;
}

export interface Weighing {
  /** Candidate host indices, ascending. */
  readonly candidates: readonly number[];
  /** raw[j][i]: weigher j's raw weight (Nova's input, before minval) of candidate i. */
  readonly raw: readonly Float64Array[];
  /** multipliers[j][i]: the multiplier weigher j applies to candidate i. */
  readonly multipliers: readonly Float64Array[];
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  readonly totals: Float64Array;
}

/** Weighs the candidates (ascending host indices) with the weighers, in order. */
export function weigh(
  weighers: readonly WeigherUse[],
  view: NfviView,
  request: PlacementRequest,
  candidates: readonly number[],
): Weighing {
  const n = candidates.length;
  const totals = new Float64Array(n);
  const raw: Float64Array[] = [];
  const multipliers: Float64Array[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  for (const use of weighers) {
    const values = new Float64Array(n);
    const m = new Float64Array(n);
    const overrides = hostMultiplierOverrides(view.topology, use.weigher.multiplierKey);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const h = candidates[i] ?? 0;
      const x = use.weigher.raw(request, view, h);
      values[i] = x;
      m[i] = multiplierAt(overrides, use.multiplier, h);
      const w = clampToMinval(use, x);
      // Stryker disable next-line EqualityOperator: on a tie the minimum is the same value
      if (w < min) min = w;
      // Stryker disable next-line EqualityOperator: on a tie the maximum is the same value
      if (w > max) max = w;
    }
    const low = use.weigher.minval ?? min;
    // Stryker disable next-line EqualityOperator: a write one past a typed array's end is a no-op
    for (let i = 0; i < n; i++) totals[i] = (totals[i] ?? 0) + (m[i] ?? 0) * normalize(clampToMinval(use, values[i] ?? 0), low, max);
    raw.push(values);
    multipliers.push(m);
    lo.push(low);
    hi.push(max);
  }
  return { candidates, raw, multipliers, lo, hi, totals };
}

/** The best candidate: highest total, then lowest host index; −1 when there is none. */
export function bestOf(weighing: Weighing): number {
  let best = -1;
  let bestTotal = Number.NEGATIVE_INFINITY;
  weighing.candidates.forEach((h, i) => {
    const t = weighing.totals[i] ?? 0;
    // Stryker disable next-line EqualityOperator: candidates are distinct, so h never equals best
    const winsTie = t === bestTotal && h < best;
    // The first candidate is taken whatever its total (even NaN, which compares false to everything).
    if (best < 0 || t > bestTotal || winsTie) {
      best = h;
      bestTotal = t;
    }
  });
  return best;
}

/** Candidate positions ordered best first (total desc, host index asc). */
export function ranking(weighing: Weighing): number[] {
  const order = weighing.candidates.map((_, i) => i);
  const { totals, candidates } = weighing;
  return order.sort((a, b) => (totals[b] ?? 0) - (totals[a] ?? 0) || (candidates[a] ?? 0) - (candidates[b] ?? 0));
}
