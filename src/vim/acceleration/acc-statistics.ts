/**
 * IFA 019 AccStatistics: per-device counters that only grow, read relative to a baseline that
 * ResetAccStatistics moves to the current value for the selected attributes only (INV-F6).
 */
export const ACC_STATISTICS = ["binds", "releases", "bindFailures", "onloads", "programmingTimeMs", "requestsServed", "busyTimeMs"] as const;
export type AccStatistic = (typeof ACC_STATISTICS)[number];

const N = ACC_STATISTICS.length;
const INDEX: Readonly<Record<AccStatistic, number>> = Object.fromEntries(ACC_STATISTICS.map((s, i) => [s, i])) as Record<AccStatistic, number>;

/** Counters by device number (the pool's order): two flat arrays, current and reset baseline. */
export class AccStatisticsTable {
  private readonly current: Float64Array;
  private readonly baseline: Float64Array;

  constructor(devices: number) {
    this.current = new Float64Array(devices * N);
    this.baseline = new Float64Array(devices * N);
  }

  /** Adds `amount` (≥ 0) to a counter of device `no`. */
  add(no: number, stat: AccStatistic, amount = 1): void {
    if (amount > 0) this.current[no * N + INDEX[stat]]! += amount;
  }

  /** The selected counters since their last reset (all when `selector` is empty). */
  get(no: number, selector: readonly AccStatistic[] = []): Record<string, number> {
    const cur = this.current.subarray(no * N, no * N + N);
    const base = this.baseline.subarray(no * N, no * N + N);
    const out: Record<string, number> = {};
    for (const stat of selector.length === 0 ? ACC_STATISTICS : selector) {
      const i = ACC_STATISTICS.indexOf(stat);
      out[stat] = cur[i]! - base[i]!;
    }
    return out;
  }

  /** The lifetime value of a counter (reports; not moved by resets). */
  total(no: number, stat: AccStatistic): number {
    return this.current[no * N + INDEX[stat]] ?? 0;
  }

  /** Resets the selected counters (all when `selector` is empty) of one device. */
  reset(no: number, selector: readonly AccStatistic[] = []): void {
    const cur = this.current.subarray(no * N, no * N + N);
    const base = this.baseline.subarray(no * N, no * N + N);
    for (const stat of selector.length === 0 ? ACC_STATISTICS : selector) {
      const i = ACC_STATISTICS.indexOf(stat);
      base[i] = cur[i]!;
    }
  }
}
