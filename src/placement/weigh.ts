/**
 * Weighing, exactly as Nova does it: each weigher's raw weights are normalised to [0, 1] over the
 * candidates, multiplied by the weigher's multiplier and added up in weigher order; the best total
 * wins and ties go to the lowest host index. The fast path scores hosts with the same arithmetic
 * (`normalize`, then `total += multiplier × normalised` in the same order), so both agree bit for bit.
 */
import type { NfviView } from "../nfvi/index.js";
import type { PlacementRequest } from "./request.js";
import type { WeigherUse } from "./types.js";

/** Nova `normalize`: (x − lo) / (hi − lo); 0 when every candidate has the same weight. */
export function normalize(x: number, lo: number, hi: number): number {
  return hi === lo ? 0 : (x - lo) / (hi - lo);
}

export interface Weighing {
  /** Candidate host indices, ascending. */
  readonly candidates: readonly number[];
  /** raw[j][i]: weigher j's raw weight of candidate i. */
  readonly raw: readonly Float64Array[];
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
  const lo: number[] = [];
  const hi: number[] = [];
  for (const use of weighers) {
    const values = new Float64Array(n);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const x = use.weigher.raw(request, view, candidates[i] ?? 0);
      values[i] = x;
      // Stryker disable next-line EqualityOperator: on a tie the minimum is the same value
      if (x < min) min = x;
      // Stryker disable next-line EqualityOperator: on a tie the maximum is the same value
      if (x > max) max = x;
    }
    // Stryker disable next-line EqualityOperator: a write one past a typed array's end is a no-op
    for (let i = 0; i < n; i++) totals[i] = (totals[i] ?? 0) + use.multiplier * normalize(values[i] ?? 0, min, max);
    raw.push(values);
    lo.push(min);
    hi.push(max);
  }
  return { candidates, raw, lo, hi, totals };
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
