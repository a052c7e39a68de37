/** Streaming statistics used by the run metrics: counts, moments, time-weighted means, percentiles. */

/** Welford's online mean and variance (numerically stable over millions of samples). */
export class RunningStats {
  count = 0;
  private meanValue = 0;
  private m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  /** Adds one observation. */
  add(x: number): void {
    this.count++;
    const delta = x - this.meanValue;
    this.meanValue += delta / this.count;
    this.m2 += delta * (x - this.meanValue);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  get mean(): number {
    return this.count === 0 ? 0 : this.meanValue;
  }

  /** Sample variance (n − 1). */
  get variance(): number {
    return this.count < 2 ? 0 : this.m2 / (this.count - 1);
  }
}

/**
 * The time-weighted mean of a piecewise-constant signal (VMs alive, used vCPUs), as SimPy monitors and
 * OpenDC telemetry compute it: each value weighs by how long it held.
 */
export class TimeWeighted {
  private area = 0;
  private lastTimeMs: number;
  private value = 0;
  private startMs: number;
  peak = 0;

  constructor(startMs = 0) {
    this.lastTimeMs = startMs;
    this.startMs = startMs;
  }

  /** Records that the signal changed to `value` at `timeMs` (non-decreasing). */
  set(timeMs: number, value: number): void {
    this.area += this.value * (timeMs - this.lastTimeMs);
    this.lastTimeMs = timeMs;
    this.value = value;
    if (value > this.peak) this.peak = value;
  }

  /** Restarts the averaging window at `timeMs` keeping the current value (end of warm-up). */
  reset(timeMs: number): void {
    this.area = 0;
    this.lastTimeMs = timeMs;
    this.startMs = timeMs;
    this.peak = this.value;
  }

  /** Mean over [start, timeMs]. */
  meanUntil(timeMs: number): number {
    const span = timeMs - this.startMs;
    if (span <= 0) return this.value;
    return (this.area + this.value * (timeMs - this.lastTimeMs)) / span;
  }

  get current(): number {
    return this.value;
  }

  /** ∫ value dt from the start to `timeMs` (no later change recorded yet). */
  areaUntil(timeMs: number): number {
    return this.area + this.value * (timeMs - this.lastTimeMs);
  }
}

/**
 * Exact percentiles over a bounded reservoir: keeps every sample up to `capacity`, then a
 * deterministic systematic subsample (every k-th), so results never depend on randomness.
 */
export class Percentiles {
  private samples: number[] = [];
  private stride = 1;
  private seen = 0;
  /** The samples sorted, kept until the next `add`: a summary asks for several quantiles at once. */
  private sorted: Float64Array | undefined;

  constructor(private readonly capacity = 200_000) {}

  /** Adds one observation. */
  add(x: number): void {
    this.sorted = undefined;
    this.seen++;
    if ((this.seen - 1) % this.stride !== 0) return;
    this.samples.push(x);
    if (this.samples.length >= this.capacity) {
      this.samples = this.samples.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
  }

  /** The q-quantile (0 ≤ q ≤ 1) by linear interpolation between closest ranks; 0 when empty. */
  quantile(q: number): number {
    if (this.samples.length === 0) return 0;
    const sorted = (this.sorted ??= Float64Array.from(this.samples).sort());
    const pos = q * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  }
}
