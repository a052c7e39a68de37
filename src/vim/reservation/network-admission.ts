/**
 * Admission of a network reservation (INV-C1), a pure function of the state: for every pool p it
 * asks and every instant t of the window [start, end),
 *   ordinary(p) + committed(p, t) + amount(p) ≤ capacity(p)
 * where ordinary is what allocations no reservation backs hold now (they have no end time in the
 * twin, so they count at every t) and committed is every other network reservation active at t (the
 * commitment index, one "host" per pool, amounts of width 1). All pools fit or nothing is admitted.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { CommitmentIndex } from "./commitment-index.js";

/** What network admission reads of the pools. */
export interface NetworkAdmissionView {
  readonly index: CommitmentIndex;
  /** Pool → its host number in the index, undefined while nothing was ever committed on it. */
  poolNo(pool: string): number | undefined;
  /** Items the pool holds in all; undefined for a network that does not exist. */
  capacity(pool: string): number | undefined;
  /** Items of the pool held by allocations no reservation backs. */
  ordinary(pool: string): number;
}

/** One admitted pool: the most committed over the window before this reservation. */
export interface AdmittedPool {
  readonly pool: string;
  readonly amount: number;
  readonly windowMax: number;
}

/** The most committed on `pool` at any instant of [fromMs, toMs). */
export function maxCommittedItems(view: NetworkAdmissionView, pool: string, fromMs: number, toMs: number): number {
  const no = view.poolNo(pool);
  return no === undefined ? 0 : view.index.maxOver(no, fromMs, toMs, new Float64Array(1))[0]!;
}

/** NOT_FOUND for an unknown network, INVALID_ARGUMENT for more than a pool holds, NO_VALID_HOST when a pool's window has no room. */
export function admitNetwork(view: NetworkAdmissionView, amounts: ReadonlyArray<readonly [string, number]>, fromMs: number, toMs: number): Result<AdmittedPool[]> {
  const out: AdmittedPool[] = [];
  for (const [pool, amount] of amounts) {
    const capacity = view.capacity(pool);
    if (capacity === undefined) return fail(domainError("NOT_FOUND", `network ${pool.slice("port:".length)} does not exist`));
    if (capacity === 0) return fail(domainError("INVALID_ARGUMENT", `${pool} has no items to reserve (a network needs an IPv4 subnet)`));
    if (amount > capacity) return fail(domainError("INVALID_ARGUMENT", `the reservation asks ${amount} of ${pool}, more than the ${capacity} it holds`));
    const windowMax = maxCommittedItems(view, pool, fromMs, toMs);
    const room = capacity - view.ordinary(pool) - windowMax;
    if (amount > room) return fail(domainError("NO_VALID_HOST", `${pool} has ${Math.max(0, room)} free over [${fromMs}, ${toMs}), ${amount} asked`, { [`insufficient ${pool.split(":")[0]} over the window`]: 1 }));
    out.push({ pool, amount, windowMax });
  }
  return ok(out);
}
