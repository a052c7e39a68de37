/**
 * Placement of a pool reservation that asks for accelerators (IFA ComputePoolReservation with an
 * accelerationCapability of `count` sets), a pure function of what admission reads.
 *
 * The rule: cores and sets are placed together, so that every set comes with cores on its host (a
 * server of the profile binds a set and needs cores beside it). Set i (0-based) brings the cumulative
 * share floor(total·(i+1)/count) − floor(total·i/count) of the pool's cores and of its RAM: the shares
 * add up to the pool exactly, differ by at most one unit, and the remainder of the division falls on
 * fixed sets, so a set's share depends only on its index. The hosts are walked in the same next-fit
 * order as a pool without accelerators, and each host takes the most of the next sets (a contiguous
 * run of indices) that its room over the window and its free sets allow. A host's chunk is the sum of
 * its sets' shares; cores never sit on a host without a set of the pool.
 *
 * Why this rule rather than packing the cores first (the old way) and the sets after: packing put a
 * 64-core pool on one 64-core host with one free set and refused 4 sets that other hosts had. Why
 * greedy is enough: each set's share is fixed by its index, so any placement under the rule places,
 * after each host, at most as many sets as the greedy walk (the greedy run starting at or after the
 * other's start and ending where the other ends is a sub-run, so it needs no more room and no more
 * sets). Admission therefore refuses only when no placement under the rule exists (the property test
 * compares it with an exhaustive search).
 */
import { RC_MEMORY_MB, RC_VCPU, RESOURCE_CLASS_COUNT } from "../../domain/index.js";

const C = RESOURCE_CLASS_COUNT;

/** The accelerator side of a pool: `count` sets; how many (≤ most) host h has free now. */
export interface PoolSets {
  readonly count: number;
  setsFree(h: number, most: number): number;
}

/** A host's share of the pool and the number of sets it holds beside it. */
export interface PoolSetChunk {
  readonly host: number;
  readonly amounts: Float64Array;
  readonly accSets: number;
}

/** Why no placement exists: too few free sets on the usable hosts, or too little room beside them. */
export type PoolSetsShortfall = { readonly short: "sets"; readonly freeSets: number } | { readonly short: "capacity"; readonly placedSets: number };

/** Room of host h over the window into `out` (at least `need` when the cheap bound says so). */
export type PoolRoom = (h: number, out: Float64Array, need: Float64Array) => Float64Array;

/** An upper bound of host h's room into `out`, cheap to read (capacity − ordinary usage: commitments only lower it). */
export type PoolRoomAtMost = (h: number, out: Float64Array) => Float64Array;

/** Cores (or RAM) of sets [0, i): the cumulative share. */
export function cumulativeShare(total: number, count: number, i: number): number {
  return Math.floor((total * i) / count);
}

/** The chunks under the rule (see the file comment), or why there are none. */
export function placePoolSets(hosts: readonly number[], numCpuCores: number, virtualMemSizeMb: number, sets: PoolSets, room: PoolRoom, atMost?: PoolRoomAtMost): PoolSetChunk[] | PoolSetsShortfall {
  const k = sets.count;
  const totals: readonly [number, number][] = [[RC_VCPU, numCpuCores], [RC_MEMORY_MB, virtualMemSizeMb]];
  // Amount of class c that sets [from, to) bring.
  const share = (c: number, from: number, to: number): number => {
    const total = c === RC_VCPU ? numCpuCores : virtualMemSizeMb;
    return cumulativeShare(total, k, to) - cumulativeShare(total, k, from);
  };
  const need = new Float64Array(C);
  const free = new Float64Array(C);
  const out: PoolSetChunk[] = [];
  let placed = 0;
  for (const h of hosts) {
    if (placed === k) break;
    // A host that cannot take even the next set by its upper bound is skipped without reading the index.
    if (atMost !== undefined) {
      atMost(h, free);
      if (!totals.every(([c]) => share(c, placed, placed + 1) <= free[c]!)) continue;
    }
    for (const [c] of totals) need[c] = share(c, placed, k);
    room(h, free, need);
    let byRoom = 0;
    while (placed + byRoom < k && totals.every(([c]) => share(c, placed, placed + byRoom + 1) <= free[c]!)) byRoom++;
    const take = byRoom === 0 ? 0 : sets.setsFree(h, byRoom);
    if (take === 0) continue;
    const amounts = new Float64Array(C);
    for (const [c] of totals) amounts[c] = share(c, placed, placed + take);
    out.push({ host: h, amounts, accSets: take });
    placed += take;
  }
  if (placed === k) return out;
  return shortfall(hosts, sets, placed);
}

/** Sets short when the hosts hold fewer than `count` free sets in all; otherwise cores or RAM beside them. */
function shortfall(hosts: readonly number[], sets: PoolSets, placedSets: number): PoolSetsShortfall {
  let freeSets = 0;
  for (const h of hosts) {
    freeSets += sets.setsFree(h, sets.count - freeSets);
    if (freeSets >= sets.count) return { short: "capacity", placedSets };
  }
  return { short: "sets", freeSets };
}
