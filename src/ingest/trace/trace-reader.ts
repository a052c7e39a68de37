/**
 * One pass over a trace: lines pulled from a LineSource, parsed, kept in time order, cut to a time
 * window and to some tenants. Bad rows are errors with their line, or counted and skipped.
 */
import { rowParser, type FormatOptions } from "./formats.js";
import type { LineSource } from "./line-source.js";
import type { TraceEvent, TraceFormatName } from "./trace-event.js";

export interface TraceReadOptions extends FormatOptions {
  readonly format: TraceFormatName;
  /** The window in trace seconds: rows at from ≤ time < to (to undefined: to the end). */
  readonly fromS: number;
  readonly toS: number | undefined;
  /** Only creates of these trace tenants (undefined: all). */
  readonly tenants: ReadonlyArray<string> | undefined;
  /** Skip malformed rows (counted) instead of stopping at the first. */
  readonly skipBadRows: boolean;
  /**
   * Also return the rows before the window that are still alive at its start (creates ending after
   * `fromS` or never) and the deletes before it (default false: every row before the window is skipped).
   */
  readonly aliveAtStart?: boolean;
}

export interface TraceCounts {
  /** Lines read (comments and headers included). */
  lines: number;
  badRows: number;
  beforeWindow: number;
  /** Rows before the window returned because they are alive at its start (or delete such a row). */
  aliveAtStart: number;
  otherTenants: number;
  creates: number;
  deletes: number;
}

export type ReadStep = { readonly event: TraceEvent; readonly line: number } | { readonly bad: string; readonly line: number } | undefined;

export class TraceReader {
  readonly counts: TraceCounts = { lines: 0, badRows: 0, beforeWindow: 0, aliveAtStart: 0, otherTenants: 0, creates: 0, deletes: 0 };
  private readonly parse: (line: string) => ReturnType<ReturnType<typeof rowParser>>;
  private readonly tenants: ReadonlySet<string> | undefined;
  private lastTimeS = Number.NEGATIVE_INFINITY;
  private done = false;

  constructor(
    private readonly lines: LineSource,
    private readonly options: TraceReadOptions,
  ) {
    this.parse = rowParser(options.format, options);
    this.tenants = options.tenants === undefined ? undefined : new Set(options.tenants);
  }

  /** The next event in the window, a bad row (when not skipping), or undefined at the end. */
  next(): ReadStep {
    while (!this.done) {
      const text = this.lines.next();
      if (text === undefined) return this.finish();
      const line = ++this.counts.lines;
      const outcome = this.parse(text);
      let problem = outcome.ok ? undefined : outcome.message;
      const event = outcome.ok ? outcome.event : undefined;
      if (event !== undefined && event.timeS < this.lastTimeS) problem = `rows must be sorted by time: ${event.timeS} comes after ${this.lastTimeS}`;
      if (problem !== undefined) {
        this.counts.badRows++;
        if (!this.options.skipBadRows) return { bad: problem, line };
        continue;
      }
      if (event === undefined) continue;
      this.lastTimeS = event.timeS;
      if (event.timeS < this.options.fromS) {
        if (!this.aliveAt(event)) {
          this.counts.beforeWindow++;
          continue;
        }
        this.counts.aliveAtStart++;
      }
      if (this.options.toS !== undefined && event.timeS >= this.options.toS) return this.finish();
      if (event.kind === "create" && this.tenants !== undefined && !this.tenants.has(event.tenant)) {
        this.counts.otherTenants++;
        continue;
      }
      if (event.kind === "create") this.counts.creates++;
      else this.counts.deletes++;
      return { event, line };
    }
    return undefined;
  }

  /** Whether a row before the window is returned (aliveAtStart): a create alive at its start, or a delete. */
  private aliveAt(event: TraceEvent): boolean {
    if (this.options.aliveAtStart !== true) return false;
    return event.kind === "delete" || event.endS === undefined || event.endS > this.options.fromS;
  }

  private finish(): undefined {
    this.done = true;
    this.lines.close();
    return undefined;
  }
}
