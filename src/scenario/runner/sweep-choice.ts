/**
 * The answer of a sweep, as a pure function of per-point verdicts. Written down once here and in the
 * docs/sweeps.md: the chosen point is, among the points meeting every expectation, the one with the smallest
 * `size` (the minimised quantity), ties to the earlier point in grid order. When no point meets, the
 * closest is the one with the fewest failed expectations, then the smallest total relative shortfall,
 * then the smallest size, then grid order.
 */

export interface PointVerdict {
  /** The quantity minimised (host count, a parameter value or a metric mean). */
  readonly size: number;
  /** Every expectation met (under the sweep's criterion). */
  readonly meets: boolean;
  readonly failed: number;
  /** Σ over failed expectations of (amount missed / |bound|), |bound| taken as 1 when it is 0. */
  readonly shortfall: number;
}

export type SweepChoice = { readonly kind: "chosen"; readonly index: number } | { readonly kind: "none"; readonly closest: number };

const bySizeThenIndex = (points: ReadonlyArray<PointVerdict>) => (a: number, b: number) => points[a]!.size - points[b]!.size || a - b;

/** The chosen point, or the closest when none meets; `points` must not be empty. */
export function chooseSweepPoint(points: ReadonlyArray<PointVerdict>): SweepChoice {
  const indices = points.map((_, i) => i);
  const meeting = indices.filter((i) => points[i]!.meets).sort(bySizeThenIndex(points));
  if (meeting.length > 0) return { kind: "chosen", index: meeting[0]! };
  const closest = [...indices].sort(
    (a, b) => points[a]!.failed - points[b]!.failed || points[a]!.shortfall - points[b]!.shortfall || bySizeThenIndex(points)(a, b),
  );
  return { kind: "none", closest: closest[0]! };
}
