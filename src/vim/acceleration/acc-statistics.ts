/**
 * IFA 019 AccStatistics: per-device counters that only grow, read relative to a baseline that
 * ResetAccStatistics moves to the current value for the selected attributes only (INV-F6).
 */
export const ACC_STATISTICS = ["binds", "releases", "bindFailures", "onloads", "programmingTimeMs", "requestsServed", "busyTimeMs"] as const;
export type AccStatistic = (typeof ACC_STATISTICS)[number];

export class AccStatisticsTable {
  private readonly current = new Map<string, Float64Array>();
  private readonly baseline = new Map<string, Float64Array>();

  private row(map: Map<string, Float64Array>, deviceId: string): Float64Array {
    let r = map.get(deviceId);
    if (r === undefined) map.set(deviceId, (r = new Float64Array(ACC_STATISTICS.length)));
    return r;
  }

  /** Adds `amount` (≥ 0) to a counter. */
  add(deviceId: string, stat: AccStatistic, amount = 1): void {
    if (amount > 0) this.row(this.current, deviceId)[ACC_STATISTICS.indexOf(stat)]! += amount;
  }

  /** The selected counters since their last reset (all when `selector` is empty). */
  get(deviceId: string, selector: readonly AccStatistic[] = []): Record<string, number> {
    const cur = this.row(this.current, deviceId);
    const base = this.row(this.baseline, deviceId);
    const out: Record<string, number> = {};
    for (const stat of selector.length === 0 ? ACC_STATISTICS : selector) {
      const i = ACC_STATISTICS.indexOf(stat);
      out[stat] = cur[i]! - base[i]!;
    }
    return out;
  }

  /** The lifetime value of a counter (reports; not moved by resets). */
  total(deviceId: string, stat: AccStatistic): number {
    return this.current.get(deviceId)?.[ACC_STATISTICS.indexOf(stat)] ?? 0;
  }

  /** Resets the selected counters (all when `selector` is empty) of one device. */
  reset(deviceId: string, selector: readonly AccStatistic[] = []): void {
    const cur = this.row(this.current, deviceId);
    const base = this.row(this.baseline, deviceId);
    for (const stat of selector.length === 0 ? ACC_STATISTICS : selector) {
      const i = ACC_STATISTICS.indexOf(stat);
      base[i] = cur[i]!;
    }
  }
}
