/**
 * What one pass over a trace learns for a fit, in memory that does not grow with the rows except for
 * one number per lifetime (8 bytes a row) and the creates still waiting for their delete event:
 * arrivals by hour of day × day of week (trace time 0 read as a Monday 00:00), lifetimes, sizes and
 * group sizes.
 */
import type { TraceEvent } from "../trace/index.js";

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;

export class TraceStats {
  /** Creates by [day of week × 24 + hour of day]. */
  readonly byHourOfWeek = new Float64Array(7 * 24);
  /** Creates by size label (or flavour name). */
  readonly sizes = new Map<string, { readonly vcpus: number; readonly ramMb: number | undefined; readonly flavour: string | undefined; count: number }>();
  /** Creates by group (groups named by the trace only). */
  readonly groups = new Map<string, number>();
  creates = 0;
  /** Creates whose end the trace never gives (alive at its end): left out of the lifetime fit. */
  openEnded = 0;
  /** First and last create times, trace seconds. */
  firstS = Number.POSITIVE_INFINITY;
  lastS = Number.NEGATIVE_INFINITY;
  private lifetimes = new Float64Array(1024);
  private lifetimeCount = 0;
  /** Creates waiting for their delete event (formats with deletes), by id → time. */
  private readonly open = new Map<string, number>();

  constructor(private readonly hasDeletes: boolean) {}

  add(e: TraceEvent): void {
    if (e.kind === "delete") {
      const start = this.open.get(e.id);
      if (start === undefined) return;
      this.open.delete(e.id);
      this.addLifetime(e.timeS - start);
      return;
    }
    this.creates++;
    this.firstS = Math.min(this.firstS, e.timeS);
    this.lastS = Math.max(this.lastS, e.timeS);
    const t = Math.max(0, e.timeS);
    this.byHourOfWeek[Math.floor(t / DAY_S) % 7 * 24 + (Math.floor(t / HOUR_S) % 24)]!++;
    const key = e.flavour ?? `${e.vcpus}/${e.ramMb ?? "?"}`;
    const size = this.sizes.get(key);
    if (size === undefined) this.sizes.set(key, { vcpus: e.vcpus, ramMb: e.ramMb, flavour: e.flavour, count: 1 });
    else size.count++;
    if (e.group !== "") this.groups.set(e.group, (this.groups.get(e.group) ?? 0) + 1);
    if (e.endS !== undefined) this.addLifetime(e.endS - e.timeS);
    else if (this.hasDeletes) this.open.set(e.id, e.timeS);
    else this.openEnded++;
  }

  /** Ends the pass: creates never deleted count as open-ended. */
  finish(): void {
    this.openEnded += this.open.size;
    this.open.clear();
  }

  /** Observed lifetimes in seconds, sorted; zero lifetimes read as one second (a fit needs x > 0). */
  sortedLifetimesS(): Float64Array {
    return this.lifetimes.slice(0, this.lifetimeCount).map((x) => Math.max(1, x)).sort();
  }

  /** Group size → number of groups of that size, sorted by size. */
  groupSizes(): Array<{ size: number; groups: number }> {
    const bySize = new Map<number, number>();
    for (const n of this.groups.values()) bySize.set(n, (bySize.get(n) ?? 0) + 1);
    return [...bySize.entries()].sort((a, b) => a[0] - b[0]).map(([size, groups]) => ({ size, groups }));
  }

  private addLifetime(s: number): void {
    if (this.lifetimeCount === this.lifetimes.length) {
      const grown = new Float64Array(this.lifetimes.length * 2);
      grown.set(this.lifetimes);
      this.lifetimes = grown;
    }
    this.lifetimes[this.lifetimeCount++] = s;
  }
}
