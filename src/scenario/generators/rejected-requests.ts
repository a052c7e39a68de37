/**
 * The rejected requests of a run, for `explain --rejected` and summary.json: how many, and the first
 * REJECTED_SAMPLE of them with what `explain --request N` needs to find one (its number in arrival
 * order, time, tenant, flavour) and why it was refused. A request is one arrival of one or more servers.
 */
import { formatDurationMs } from "../../kernel/index.js";
import type { RejectionsByClass } from "../../metrics/index.js";

/** How many rejected requests summary.json lists (the count covers all of them). */
export const REJECTED_SAMPLE = 100;

export interface RejectedRequest {
  /** The request's number in arrival order (1-based), as `explain --request` takes it. */
  readonly request: number;
  readonly timeMs: number;
  /** The same time as a duration since the start (`1d13h1m46s`). */
  readonly time: string;
  readonly tenant: string;
  readonly flavour: string;
  readonly servers: number;
  /** NO_VALID_HOST, QUOTA_EXCEEDED, or the reservation's refusal kind. */
  readonly kind: string;
  /** The refusal's countable text ("0/40 hosts available: 25 insufficient MEMORY_MB, ..."). */
  readonly reason: string;
  readonly measured: boolean;
}

export interface RejectedRequestsSummary {
  /** Requests (not servers) rejected over the whole run, warm-up included. */
  readonly count: number;
  readonly sample: ReadonlyArray<RejectedRequest>;
}

const NAMED_CLASS = /insufficient ([A-Z][A-Z0-9_]*)/g;

/** The classes a refusal's text names ("... 25 insufficient MEMORY_MB, 3 insufficient GPU handles"), each once, sorted. */
export function classesNamed(reason: string): string[] {
  return [...new Set([...reason.matchAll(NAMED_CLASS)].map((m) => m[1]!))].sort();
}

/** Counts every rejected request and keeps the first REJECTED_SAMPLE. */
export class RejectedRequests {
  private count = 0;
  private measured = 0;
  private readonly named = new Map<string, number>();
  private readonly sample: RejectedRequest[] = [];

  /** Requests rejected so far (the time series takes differences of it). */
  get total(): number {
    return this.count;
  }

  add(r: Omit<RejectedRequest, "time">): void {
    this.count++;
    if (r.measured) {
      this.measured++;
      for (const c of classesNamed(r.reason)) this.named.set(c, (this.named.get(c) ?? 0) + 1);
    }
    if (this.sample.length < REJECTED_SAMPLE) this.sample.push({ ...r, time: formatDurationMs(r.timeMs) });
  }

  byClass(): RejectionsByClass {
    return { measured: this.measured, named: new Map(this.named) };
  }

  summary(): RejectedRequestsSummary {
    return { count: this.count, sample: [...this.sample] };
  }
}
