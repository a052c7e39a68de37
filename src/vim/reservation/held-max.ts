/**
 * The most committed on each host of a commitment index from now on (what ordinary allocations must
 * leave free, INV-C2), kept without re-scanning every commitment on each ask.
 *
 * Why it can be kept: let f(t) be the committed sum and M(t) = max over u ≥ t of f(u). f only drops
 * at window ends, so M is constant between two ends: a value computed at `atMs` stays exact until
 * the first end after it. Adding a window [s, e) of amount a with s ≥ now makes the new maximum
 * max(M, w + a), where w is the most committed over [s, e) before the add: exactly what admission
 * has just computed. So an admission updates the kept value in O(1), and only a removal or the
 * clock passing an end forces a scan.
 */
import { maxOfSum, type CommitmentIndex } from "./commitment-index.js";

interface Kept {
  atMs: number;
  /** The first window end after atMs (exclusive bound of validity). */
  validUntilMs: number;
  max: number;
}

export class HeldMax {
  private readonly kept = new Map<number, Kept>();
  private readonly out = new Float64Array(1);

  /** `index` of width-1 amounts. */
  constructor(private readonly index: CommitmentIndex) {}

  /** The most committed on host h at any instant from `nowMs` on. */
  from(h: number, nowMs: number): number {
    let k = this.kept.get(h);
    if (k === undefined || nowMs < k.atMs || nowMs >= k.validUntilMs) {
      const cs = this.index.overlapping(h, nowMs, Number.POSITIVE_INFINITY);
      let validUntilMs = Number.POSITIVE_INFINITY;
      for (const c of cs) validUntilMs = Math.min(validUntilMs, c.toMs);
      k = { atMs: nowMs, validUntilMs, max: maxOfSum(cs, nowMs, this.out)[0]! };
      this.kept.set(h, k);
    }
    return k.max;
  }

  /**
   * A commitment [fromMs, toMs) was just added on h at `nowMs`, and `windowMaxPlusAmount` is the most
   * committed over its window before it plus its amount: the kept value moves without a scan.
   */
  added(h: number, nowMs: number, fromMs: number, toMs: number, windowMaxPlusAmount: number): void {
    const k = this.kept.get(h);
    if (k === undefined) return;
    if (nowMs < k.atMs || nowMs >= k.validUntilMs || fromMs < nowMs) {
      this.kept.delete(h);
      return;
    }
    k.max = Math.max(k.max, windowMaxPlusAmount);
    k.validUntilMs = Math.min(k.validUntilMs, toMs);
  }

  /** A commitment of h was removed (or changed): the next ask scans. */
  removed(h: number): void {
    this.kept.delete(h);
  }
}
