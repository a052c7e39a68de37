/**
 * What the network, storage and image services share: the clock they stamp records with, one log
 * record per state change (content built only when the log keeps it, the hot-path cost rule), and
 * the id and metadata conventions of IFA resources.
 */
import type { EventLog } from "../../metrics/index.js";

/** The simulated clock as the services read it (the kernel's Simulation satisfies it). */
export interface Clock {
  readonly nowMs: number;
}

/**
 * Writes state changes of one service. `before` is taken with `snapshot` (null when content is not
 * wanted) before the change; `after` is a thunk, so a skipped record builds nothing.
 */
export class ChangeLog {
  constructor(
    private readonly clock: Clock,
    private readonly log: EventLog,
  ) {}

  /** The snapshot `build` makes, or null when the log does not keep content. */
  snapshot(build: () => unknown): unknown {
    return this.log.wantsContent ? build() : null;
  }

  /** One record for one state change of `entity` `id`. */
  write(entity: string, id: string, op: string, before: unknown, after: () => unknown): void {
    if (this.log.wantsContent) this.log.append(this.clock.nowMs, entity, id, op, before, after());
    else this.log.skip(this.clock.nowMs, entity, id, op);
  }
}

/** Code-unit order (locale-independent). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Metadata with keys sorted, so snapshots and digests never depend on insertion order. */
export function sortedMetadata(metadata: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(metadata).sort(([a], [b]) => compareIds(a, b)));
}

/** Does `metadata` hold every key of `wanted` with its value? */
export function metadataMatches(metadata: Readonly<Record<string, string>>, wanted: Readonly<Record<string, string>> | undefined): boolean {
  for (const [key, value] of Object.entries(wanted ?? {})) if (metadata[key] !== value) return false;
  return true;
}
