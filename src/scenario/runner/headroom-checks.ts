/**
 * The N+1 headroom over a run (issue 16, item 1): the check (vim/fault/headroom.ts) runs on every
 * utilisation sample of a run with `faults:` (or, with `faults.headroomCheck.every`, on the first
 * sample at least that long after the previous check), and always on the last one, at the end. Per kind of domain (racks,
 * zones) it keeps the number of checks, how many found every domain survivable, and the worst check:
 * the fewest survivable domains, then the most servers unplaced, then the earliest. The check reads
 * the run and changes nothing in it (no draw, no record, no event), so the run is the same with it.
 */
import type { DomainHeadroom, HeadroomReport } from "../../vim/index.js";
import type { HeadroomShortfall, HeadroomSummary } from "./run-result.js";

const round = (x: number): number => Math.round(x * 1e9) / 1e9;

/** One check of one kind of domain, as summary.json writes it. */
interface Check {
  readonly timeMs: number;
  readonly survivable: number;
  readonly unplaced: number;
  readonly shortfalls: ReadonlyArray<HeadroomShortfall>;
}

/** Every domain not survivable, most unplaced servers first, then by id. */
export function shortfallsOf(list: ReadonlyArray<DomainHeadroom>): HeadroomShortfall[] {
  return list
    .filter((d) => !d.survivable)
    .sort((a, b) => b.unplaced - a.unplaced || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((d) => ({ id: d.id, servers: d.servers, unplaced: d.unplaced, short: d.short }));
}

/** The checks of one kind of domain (racks or zones). */
class KindChecks {
  checks = 0;
  allSurvivable = 0;
  worst: Check | undefined;

  add(timeMs: number, list: ReadonlyArray<DomainHeadroom>): void {
    const survivable = list.filter((d) => d.survivable).length;
    const unplaced = list.reduce((n, d) => n + d.unplaced, 0);
    this.checks++;
    if (survivable === list.length) this.allSurvivable++;
    const w = this.worst;
    // Strictly worse only: among equal checks the earliest stays.
    if (w === undefined || survivable < w.survivable || (survivable === w.survivable && unplaced > w.unplaced)) {
      this.worst = { timeMs, survivable, unplaced, shortfalls: shortfallsOf(list) };
    }
  }
}

export class HeadroomChecks {
  private readonly racks = new KindChecks();
  private readonly zones = new KindChecks();
  private latest: HeadroomReport | undefined;

  private lastCheckMs = Number.NEGATIVE_INFINITY;

  /** `everyMs`: the least time from one check to the next (0: every sample); the end is always checked. */
  constructor(
    private readonly check: () => HeadroomReport,
    private readonly everyMs = 0,
  ) {}

  /** A utilisation sample at `timeMs`: runs the check if its period is due, or if `atEnd`. */
  sample(timeMs: number, atEnd = false): void {
    if (!atEnd && timeMs < this.lastCheckMs + this.everyMs) return;
    this.lastCheckMs = timeMs;
    const report = this.check();
    this.racks.add(timeMs, report.racks);
    this.zones.add(timeMs, report.zones);
    this.latest = report;
  }

  /** The report of the last check (the end of the run), or a fresh one if none was made. */
  last(): HeadroomReport {
    return this.latest ?? this.check();
  }

  /** checks, survivableShare and worst of racks and zones, to merge into their end-state summaries. */
  overRun(): { readonly racks: OverRun; readonly zones: OverRun } {
    return { racks: overRunOf(this.racks), zones: overRunOf(this.zones) };
  }
}

type OverRun = Pick<HeadroomSummary, "checks" | "survivableShare" | "worst">;

function overRunOf(k: KindChecks): OverRun {
  const w = k.worst;
  return {
    checks: k.checks,
    survivableShare: k.checks > 0 ? round(k.allSurvivable / k.checks) : 1,
    worst: w === undefined ? { timeMs: 0, survivable: 0, shortfalls: [] } : { timeMs: w.timeMs, survivable: w.survivable, shortfalls: w.shortfalls },
  };
}
