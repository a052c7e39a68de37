/**
 * The numbers of NfviState per host and per (host, class): inventories with their capacity and unit
 * rules, usage, operational state, enabled flag, generation and the INV-A1 "exceeded" flags.
 *
 * Per-(host, class) numbers live in typed arrays indexed `host * RESOURCE_CLASS_COUNT + class` (class
 * order = domain RESOURCE_CLASSES). One table is created per state and shared, as a plain object, by
 * the state (claims and releases), its shape table (index leaves) and the dry-run copy and sync: no
 * layer between a claim and its arrays (bench/e2e.bench.ts, bench/scale.bench.ts).
 */
import { RESOURCE_CLASS_COUNT } from "../domain/index.js";
import type { HostOperationalState } from "./host.js";
import { capacity as capacityOf, checkAmount, type AddVerdict, type Inventory } from "./inventory.js";

const C = RESOURCE_CLASS_COUNT;
/** Host states by code (the code is what `states` holds): 0 = UP. */
export const STATE_CODES: readonly HostOperationalState[] = ["UP", "DOWN", "MAINTENANCE"];

/** A per-class array of the table (host × class). */
type PerClass = Float64Array | Uint8Array;

/** The per-host and per-(host, class) numbers of one NFVI state. */
export class HostTable {
  readonly cap: Float64Array;
  readonly usedUnits: Float64Array;
  readonly minUnit: Float64Array;
  readonly maxUnit: Float64Array;
  readonly stepSize: Float64Array;
  readonly present: Uint8Array;
  readonly inventories: (Inventory | undefined)[];
  readonly inventoryEpochs: Float64Array;
  readonly states: Uint8Array;
  readonly enabledFlags: Uint8Array;
  readonly generations: Float64Array;
  /** Pairs whose capacity was lowered under their usage by setInventory (INV-A1 "exceeded" flag). */
  readonly exceededFlags: Uint8Array;
  /** How many exceeded flags are up: while none is, a change need not look for one to drop. */
  exceededRaised = 0;

  constructor(readonly hostCount: number) {
    const n = hostCount;
    this.cap = new Float64Array(n * C);
    this.usedUnits = new Float64Array(n * C);
    this.minUnit = new Float64Array(n * C);
    this.maxUnit = new Float64Array(n * C);
    this.stepSize = new Float64Array(n * C).fill(1);
    this.present = new Uint8Array(n * C);
    this.inventories = new Array<Inventory | undefined>(n * C).fill(undefined);
    this.inventoryEpochs = new Float64Array(n);
    this.states = new Uint8Array(n);
    this.enabledFlags = new Uint8Array(n);
    this.generations = new Float64Array(n);
    this.exceededFlags = new Uint8Array(n * C);
  }

  /** Is host h UP and enabled? */
  isUsable(h: number): boolean {
    return this.states[h] === 0 && this.enabledFlags[h] === 1;
  }

  /** Capacity minus usage of (h, c). */
  free(h: number, c: number): number {
    const i = h * C + c;
    return (this.cap[i] ?? 0) - (this.usedUnits[i] ?? 0);
  }

  /** The one capacity rule (units included) for `amount` more units of class c on host h. */
  checkAdd(h: number, c: number, amount: number): AddVerdict {
    const i = h * C + c;
    return checkAmount(
      this.present[i] === 1,
      this.minUnit[i] ?? 0,
      this.maxUnit[i] ?? 0,
      this.stepSize[i] ?? 1,
      this.cap[i] ?? 0,
      this.usedUnits[i] ?? 0,
      amount,
    );
  }

  /** Replaces the inventory of (h, c) and the numbers derived from it (undefined removes it). */
  writeInventory(h: number, c: number, inv: Inventory | undefined): void {
    const i = h * C + c;
    this.inventories[i] = inv;
    this.present[i] = inv === undefined ? 0 : 1;
    this.cap[i] = capacityOf(inv);
    this.minUnit[i] = inv?.minUnit ?? 0;
    this.maxUnit[i] = inv?.maxUnit ?? 0;
    this.stepSize[i] = inv?.stepSize ?? 1;
  }

  /** Raises the exceeded flag of (h, c) (capacity lowered under usage). */
  raiseExceeded(h: number, c: number): void {
    if (this.exceededFlags[h * C + c] !== 0) return;
    this.exceededFlags[h * C + c] = 1;
    this.exceededRaised++;
  }

  /** Drops the exceeded flags of host h whose usage is back within capacity. */
  dropExceeded(h: number): void {
    for (let c = 0; c < C; c++) {
      if (this.exceededFlags[h * C + c] === 1 && this.free(h, c) >= 0) {
        this.exceededFlags[h * C + c] = 0;
        this.exceededRaised--;
      }
    }
  }

  /**
   * Copies every number of `source` (same host count) except the generations: what a detached copy
   * for a dry run starts from.
   */
  copyFrom(source: HostTable): void {
    for (const [to, from] of this.perClassPairs(source)) to.set(from);
    this.inventoryEpochs.set(source.inventoryEpochs);
    this.states.set(source.states);
    this.enabledFlags.set(source.enabledFlags);
    for (let i = 0; i < this.inventories.length; i++) this.inventories[i] = source.inventories[i];
    this.exceededRaised = source.exceededRaised;
  }

  /**
   * Copies host h's numbers from `source` when they differ (generations aside); true when it did, so
   * the caller re-indexes h. A dry run per utilisation sample syncs instead of copying anew.
   * `perClass` is `perClassPairs(source)`, taken once per sync.
   */
  syncHostFrom(source: HostTable, h: number, perClass: ReadonlyArray<readonly [PerClass, PerClass]>): boolean {
    let same = this.states[h] === source.states[h] && this.enabledFlags[h] === source.enabledFlags[h] && this.inventoryEpochs[h] === source.inventoryEpochs[h];
    for (let i = h * C; i < (h + 1) * C && same; i++) for (const [to, from] of perClass) same &&= to[i] === from[i];
    if (same) return false;
    for (const [to, from] of perClass) to.set(from.subarray(h * C, (h + 1) * C), h * C);
    for (let i = h * C; i < (h + 1) * C; i++) this.inventories[i] = source.inventories[i];
    this.states[h] = source.states[h]!;
    this.enabledFlags[h] = source.enabledFlags[h]!;
    this.inventoryEpochs[h] = source.inventoryEpochs[h]!;
    return true;
  }

  /** This table's per-class arrays (host × class) paired with `source`'s: what a copy or a sync moves. */
  perClassPairs(source: HostTable): ReadonlyArray<readonly [PerClass, PerClass]> {
    return [
      [this.cap, source.cap], [this.usedUnits, source.usedUnits], [this.minUnit, source.minUnit], [this.maxUnit, source.maxUnit],
      [this.stepSize, source.stepSize], [this.present, source.present], [this.exceededFlags, source.exceededFlags],
    ];
  }
}
