/**
 * Counters of reservation outcomes for summaries and reports: admissions and refusals by kind,
 * consumption and its refusals by kind, expiries, ends, terminations, servers reclaimed by policy,
 * before-end warnings and hold shortfalls. Keys are sorted when read.
 */
import type { ErrorKind } from "../../domain/index.js";

export interface ReservationCounts {
  readonly admitted: number;
  readonly refusedByKind: Readonly<Record<string, number>>;
  readonly serversBound: number;
  readonly consumptionRefusedByKind: Readonly<Record<string, number>>;
  readonly expired: number;
  readonly ended: number;
  readonly terminated: number;
  readonly reclaimedDeleted: number;
  readonly reclaimedKept: number;
  readonly beforeEndWarnings: number;
  readonly holdShortfalls: number;
}

const sorted = (m: Map<string, number>): Record<string, number> => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export class ReservationStats {
  private admittedCount = 0;
  private readonly refusals = new Map<string, number>();
  private bound = 0;
  private readonly consumptionRefusals = new Map<string, number>();
  private readonly finishes = { end: 0, expire: 0, terminate: 0 };
  private readonly reclaims = { delete: 0, keep: 0 };
  private warnings = 0;
  private shortfalls = 0;

  admitted(): void {
    this.admittedCount++;
  }
  refused(kind: ErrorKind): void {
    this.refusals.set(kind, (this.refusals.get(kind) ?? 0) + 1);
  }
  consumed(servers: number): void {
    this.bound += servers;
  }
  consumptionRefused(kind: ErrorKind): void {
    this.consumptionRefusals.set(kind, (this.consumptionRefusals.get(kind) ?? 0) + 1);
  }
  finished(op: "end" | "expire" | "terminate"): void {
    this.finishes[op]++;
  }
  reclaimed(policy: "delete" | "keep"): void {
    this.reclaims[policy]++;
  }
  warned(): void {
    this.warnings++;
  }
  shortfall(): void {
    this.shortfalls++;
  }

  counts(): ReservationCounts {
    return {
      admitted: this.admittedCount,
      refusedByKind: sorted(this.refusals),
      serversBound: this.bound,
      consumptionRefusedByKind: sorted(this.consumptionRefusals),
      expired: this.finishes.expire,
      ended: this.finishes.end,
      terminated: this.finishes.terminate,
      reclaimedDeleted: this.reclaims.delete,
      reclaimedKept: this.reclaims.keep,
      beforeEndWarnings: this.warnings,
      holdShortfalls: this.shortfalls,
    };
  }
}
