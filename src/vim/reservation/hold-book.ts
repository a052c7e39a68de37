/**
 * Isolation of reserved capacity (INV-C2), the Blazar way: reserved capacity is taken out of the
 * general pool. Each host with commitments carries one hold in the NFVI ledger (consumer
 * `hold-<hostId>`, claimed with NfviState.claimHold), sized
 *   hold(h,c) = max over t ≥ now of committed(h,c,t) − bound(h,c)
 * where committed comes from the commitment index and bound is what servers of active reservations
 * already took there. Ordinary placement reads the ledger as it always does, so it can never use a
 * held unit: ordinary(h) + max future commitment ≤ capacity holds at every step, which is INV-C1 for
 * every reservation already admitted, and placement pays nothing for it (no new filter, no hot-path
 * test). A reservation-bound server is placed on its reserved host and its amounts move from the hold
 * to the server (bound grows, the hold shrinks by as much) in the same step.
 *
 * Why the maximum over the whole future and not just now: ordinary allocations have no end time, so an
 * ordinary server started now would still be there when a future lease starts; the hold keeps the
 * room for it from the moment the lease is admitted (Blazar hands freepool hosts to a lease for its
 * window; with per-host amounts the twin can leave the rest of the host to ordinary use).
 *
 * A hold can fall short only if usage it cannot control grew (a lowered inventory, servers kept past
 * their lease by the `keep` policy): it then holds what is free and reports the shortfall.
 */
import { RESOURCE_CLASS_COUNT } from "../../domain/index.js";
import { HOLD_PREFIX, type NfviState } from "../../nfvi/index.js";
import type { CommitmentIndex } from "./commitment-index.js";

const C = RESOURCE_CLASS_COUNT;

/** What changed on one host's hold: the vectors before and after, and any shortfall. */
export interface HoldChange {
  readonly host: number;
  readonly before: readonly number[];
  readonly after: readonly number[];
  readonly shortfall: readonly number[] | undefined;
}

export class HoldBook {
  private readonly slots: Int32Array;
  private readonly held: Float64Array;
  private readonly bound: Float64Array;
  private readonly scratch = new Float64Array(C);
  /** Hosts whose hold fell short of its commitments (their free capacity overstates the room). */
  private readonly short: Uint8Array;

  constructor(
    private readonly nfvi: NfviState,
    private readonly index: CommitmentIndex,
  ) {
    this.slots = new Int32Array(nfvi.hostCount).fill(-1);
    this.held = new Float64Array(nfvi.hostCount * C);
    this.bound = new Float64Array(nfvi.hostCount * C);
    this.short = new Uint8Array(nfvi.hostCount);
  }

  /** A lower bound of host h's room for new commitments over any future window (see AdmissionView). */
  roomLowerBound(h: number, c: number): number {
    return this.short[h] === 1 ? Number.NEGATIVE_INFINITY : this.nfvi.free(h, c);
  }

  heldOn(h: number, c: number): number {
    return this.held[h * C + c]!;
  }

  boundOn(h: number, c: number): number {
    return this.bound[h * C + c]!;
  }

  /** Usage of host h no reservation backs: servers without a reservation, and servers kept past theirs. */
  ordinaryUsed(h: number, c: number): number {
    return this.nfvi.used(h, c) - this.held[h * C + c]! - this.bound[h * C + c]!;
  }

  /** A server took (sign 1) or gave back (sign −1) `amounts` of a reservation on host h. */
  addBound(h: number, amounts: Float64Array, sign: 1 | -1): void {
    for (let c = 0; c < C; c++) this.bound[h * C + c]! += sign * amounts[c]!;
  }

  /** Resizes host h's hold to what its commitments need from `nowMs` on; the change, or undefined if none. */
  refresh(h: number, nowMs: number): HoldChange | undefined {
    const want = this.index.maxOver(h, nowMs, Number.POSITIVE_INFINITY, this.scratch);
    let same = true;
    for (let c = 0; c < C; c++) {
      want[c] = Math.max(0, want[c]! - this.bound[h * C + c]!);
      if (want[c] !== this.held[h * C + c]) same = false;
    }
    if (same) return undefined;
    const before = Array.from(this.held.subarray(h * C, h * C + C));
    if (this.slots[h]! >= 0) this.nfvi.releaseSlot(this.slots[h]!);
    this.slots[h] = -1;
    this.held.fill(0, h * C, h * C + C);
    let shortfall: number[] | undefined;
    if (!want.every((a) => a === 0)) {
      let slot = this.nfvi.claimHold(`${HOLD_PREFIX}${this.nfvi.hostId(h)}`, h, want);
      if (slot < 0) {
        shortfall = [];
        for (let c = 0; c < C; c++) {
          const fits = Math.max(0, Math.min(want[c]!, this.nfvi.capacity(h, c) - this.nfvi.used(h, c)));
          shortfall.push(want[c]! - fits);
          want[c] = fits;
        }
        slot = this.nfvi.claimHold(`${HOLD_PREFIX}${this.nfvi.hostId(h)}`, h, want);
      }
      this.slots[h] = slot;
      if (slot >= 0) this.held.set(want, h * C);
    }
    this.short[h] = shortfall === undefined ? 0 : 1;
    return { host: h, before, after: Array.from(this.held.subarray(h * C, h * C + C)), shortfall };
  }

  /** Ledger consumers the holds account for (the runner's INV-A6 count). */
  get holdCount(): number {
    let n = 0;
    for (const s of this.slots) if (s >= 0) n++;
    return n;
  }

  /** Sum of holds of class c over `hosts`. */
  heldIn(hosts: readonly number[], c: number): number {
    let sum = 0;
    for (const h of hosts) sum += this.held[h * C + c]!;
    return sum;
  }
}
