/**
 * What the network, storage and image services share: the clock they stamp records with, one log
 * record per state change (content built only when the log keeps it, the hot-path cost rule), and
 * the id and metadata conventions of IFA resources.
 */
import type { EventLog } from "../../metrics/index.js";
import { changeNotification } from "../change/change-types.js";
import type { VimNotification } from "../change/notifications.js";

/** The simulated clock as the services read it (the kernel's Simulation satisfies it). */
export interface Clock {
  readonly nowMs: number;
}

/** Where committed changes go besides the log: the VIM's change notifier (change-notifier.ts). */
export interface ChangePublisher {
  /** Is anyone subscribed? Content is built for the log or for subscribers, else never. */
  readonly active: boolean;
  publish(notification: VimNotification): void;
}

/**
 * Writes state changes of one service: one log record each, and one change notification when a
 * subscriber listens (INV-H1). `before` is taken with `snapshot` (null when no one wants content)
 * before the change; `after` is a thunk, so a skipped record builds nothing. A notification's tenant
 * is the `tenantId` of its content (after, else before): a record without one (a role, a host's image
 * cache) reaches cloud administrators' subscriptions only (INV-H5).
 */
export class ChangeLog {
  private publisher: ChangePublisher | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly log: EventLog,
  ) {}

  /** Sends this service's changes to `publisher` as well (the VIM attaches its notifier). */
  publishTo(publisher: ChangePublisher): void {
    this.publisher = publisher;
  }

  private get wantsContent(): boolean {
    return this.log.wantsContent || this.publisher?.active === true;
  }

  /** The snapshot `build` makes, or null when no one wants content. */
  snapshot(build: () => unknown): unknown {
    return this.wantsContent ? build() : null;
  }

  /** One record for one state change of `entity` `id`. */
  write(entity: string, id: string, op: string, before: unknown, after: () => unknown): void {
    const now = this.clock.nowMs;
    if (!this.wantsContent) {
      this.log.skip(now, entity, id, op);
      return;
    }
    const content = after();
    const seq = this.log.wantsContent ? this.log.append(now, entity, id, op, before, content) : this.log.skip(now, entity, id, op);
    if (this.publisher?.active !== true) return;
    this.publisher.publish(changeNotification(seq, now, entity, id, tenantOf(content) ?? tenantOf(before), op, before, content));
  }
}

const tenantOf = (content: unknown): string | undefined => {
  const t = typeof content === "object" && content !== null ? (content as { readonly tenantId?: unknown }).tenantId : undefined;
  return typeof t === "string" ? t : undefined;
};

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
