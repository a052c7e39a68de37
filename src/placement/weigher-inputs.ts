/**
 * How far a free-units weigher's input (Nova's HostState numbers: weighers/free-units.ts) lies from
 * the free units the capacity index summarises: per host, offset = free − input depends on the
 * inventory only (total, reserved, allocation ratio), not on usage. The fast path bounds a subtree's
 * inputs by its free-unit bounds shifted by the extreme offsets over all hosts, and scores each leaf
 * with the real input, so the answer stays the reference pipeline's.
 *
 * Memoised per view and inventory change count (a memo, not state: recomputed whenever stale).
 */
import type { NfviView } from "../nfvi/index.js";
import type { PlacementRequest } from "./request.js";
import type { Weigher } from "./types.js";

export interface InputOffsets {
  /** input ≤ free − offLo and input ≥ free − offHi on every host. */
  readonly offLo: number;
  readonly offHi: number;
  /** Every host's input is exactly its free units (offLo = offHi = 0). */
  readonly exact: boolean;
  /** Every host's input is an integer (then x / max orders hosts exactly: fast-path.ts, 4). */
  readonly integral: boolean;
}

/**
 * Inputs and free units are below 2^31 in magnitude, where an IEEE rounding error is below 2^-21;
 * this slack keeps the shifted bounds on the safe side of `free − offset` computed in floats.
 */
const SLACK = 1e-3;

const MEMO = new WeakMap<NfviView, { changes: number; byWeigher: Map<Weigher, InputOffsets> }>();

/** The offsets of `weigher` (a free-units weigher of class c) on this view's hosts. */
export function inputOffsets(view: NfviView, request: PlacementRequest, weigher: Weigher, c: number): InputOffsets {
  let memo = MEMO.get(view);
  if (memo === undefined || memo.changes !== view.inventoryChanges) {
    memo = { changes: view.inventoryChanges, byWeigher: new Map() };
    MEMO.set(view, memo);
  }
  const known = memo.byWeigher.get(weigher);
  if (known !== undefined) return known;
  let lo = 0;
  let hi = 0;
  let integral = true;
  for (let h = 0; h < view.hostCount; h++) {
    const x = weigher.raw(request, view, h);
    const off = view.free(h, c) - x;
    if (off < lo) lo = off;
    if (off > hi) hi = off;
    if (!Number.isInteger(x)) integral = false;
  }
  const exact = lo === 0 && hi === 0;
  const made: InputOffsets = exact ? { offLo: 0, offHi: 0, exact, integral } : { offLo: lo - SLACK, offHi: hi + SLACK, exact, integral };
  memo.byWeigher.set(weigher, made);
  return made;
}
