/**
 * Deterministic downsampling for line charts: a series of 10,000 samples drawn 600 pixels wide keeps,
 * per x bucket, its first, minimum, maximum and last point (in x order), so peaks and dips stay
 * visible and the path stays small. Same input, same output: no randomness, no floating tie-breaks.
 */
export type Point = readonly [number, number];

/** At most about 4 × `buckets` points of `points` (sorted by x), extremes of every bucket kept. */
export function downsample(points: ReadonlyArray<Point>, buckets: number): Point[] {
  if (points.length <= 4 * buckets) return [...points];
  const x0 = points[0]![0];
  const span = points[points.length - 1]![0] - x0 || 1;
  const out: Point[] = [];
  let start = 0;
  while (start < points.length) {
    const bucket = Math.min(buckets - 1, Math.floor(((points[start]![0] - x0) / span) * buckets));
    let end = start;
    let min = start;
    let max = start;
    while (end + 1 < points.length && Math.min(buckets - 1, Math.floor(((points[end + 1]![0] - x0) / span) * buckets)) === bucket) {
      end++;
      if (points[end]![1] < points[min]![1]) min = end;
      if (points[end]![1] > points[max]![1]) max = end;
    }
    for (const i of [...new Set([start, min, max, end])].sort((a, b) => a - b)) out.push(points[i]!);
    start = end + 1;
  }
  return out;
}
