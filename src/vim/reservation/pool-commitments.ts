/**
 * The reservation side of the storage and network capacity queries (capacity/pool-capacity.ts): what
 * a pool's reservations hold and have not consumed at an instant, and the instants that changes.
 *
 * Reserved at t, per pool, mirrors the compute holds (reservation-commitments.ts): the most any
 * instant from t on commits, less what is bound to reservations still active at t. At now it is the
 * pool's `held`, what ordinary allocations must leave free (INV-C2), so available = total − reserved
 * − allocated is exactly what an unreserved request can take, and a reservation-backed resource
 * counts once, as allocated (INV-A9).
 */
import type { CommitmentIndex } from "./commitment-index.js";

/** Reads one pool (a "host" of a width-1 commitment index). */
export interface PoolCommitments {
  readonly index: CommitmentIndex;
  /** The pool's number in the index; undefined while nothing was ever committed on it. */
  readonly no: number | undefined;
  /** What ordinary allocations must leave free now (the service's `held`). */
  heldNow(): number;
  /** Items bound to the pool's reservations whose window is still open at `atMs`. */
  boundAt(atMs: number): number;
}

const scratch = new Float64Array(1);

/** Reserved and not yet consumed at `atMs`: the held amount now, the future hold after. */
export function reservedAt(p: PoolCommitments, atMs: number, nowMs: number): number {
  if (p.no === undefined) return 0;
  if (atMs <= nowMs) return p.heldNow();
  return Math.max(0, p.index.maxOver(p.no, atMs, Number.POSITIVE_INFINITY, scratch)[0]! - p.boundAt(atMs));
}

/** Window starts and ends of the pool's commitments in (fromMs, toMs], ascending and distinct. */
export function commitmentChanges(p: PoolCommitments, fromMs: number, toMs: number): number[] {
  if (p.no === undefined) return [];
  const out = new Set<number>();
  for (const c of p.index.overlapping(p.no, fromMs, toMs + 1)) for (const t of [c.fromMs, c.toMs]) if (t > fromMs && t <= toMs) out.add(t);
  return [...out].sort((a, b) => a - b);
}
