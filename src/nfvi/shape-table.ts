/**
 * The request shapes registered with the capacity index (typically the flavours) and the leaf values
 * the index reads from the state: per (host, shape) whether the host's unit rules admit the shape
 * (precomputed: units change only with inventories), and the capacity half of the rule, read when a
 * pending leaf is flushed. Created once per state over its HostTable; a flush writes into one shared
 * scratch leaf, nothing is allocated per claim, release or search (bench/e2e.bench.ts,
 * bench/scale.bench.ts).
 */
import { RESOURCE_CLASS_COUNT } from "../domain/index.js";
import type { HostTable } from "./host-table.js";
import type { IndexPart, LeafValues } from "./index-record.js";
import { ADD_OK, capacityVerdict, unitVerdict } from "./inventory.js";

const C = RESOURCE_CLASS_COUNT;

/** The registered shapes of one state and its index leaf source. */
export class ShapeTable {
  /** Registered request shapes (amount vectors in class order), in shape-index order. */
  readonly vectors: Float64Array[] = [];
  /** Per (host, shape): 1 when the host's unit rules admit the shape (host * shapes + k). */
  unitsOk = new Uint8Array(0);
  private readonly scratchFit = new Float64Array(C);
  private readonly scratchFree = new Float64Array(C);
  private readonly leaf = {
    usable: false,
    fit: this.scratchFit,
    free: this.scratchFree,
    fitsShape: new Uint8Array(0),
  };

  constructor(private readonly table: HostTable) {}

  get count(): number {
    return this.vectors.length;
  }

  /** Appends a shape (the index has registered it) and recomputes the unit half for every host. */
  add(vector: Float64Array): void {
    this.vectors.push(vector);
    this.leaf.fitsShape = new Uint8Array(this.vectors.length);
    this.unitsOk = new Uint8Array(this.table.hostCount * this.vectors.length);
    for (let h = 0; h < this.table.hostCount; h++) this.refreshUnits(h);
  }

  /** Takes `source`'s shapes and unit verdicts (a detached copy of the same topology). */
  copyFrom(source: ShapeTable): void {
    for (const vector of source.vectors) this.vectors.push(vector);
    this.leaf.fitsShape = new Uint8Array(this.vectors.length);
    this.unitsOk = source.unitsOk.slice();
  }

  /** Takes host h's unit verdicts from `source` (same shapes). */
  syncHostFrom(source: ShapeTable, h: number): void {
    const K = this.vectors.length;
    this.unitsOk.set(source.unitsOk.subarray(h * K, (h + 1) * K), h * K);
  }

  /**
   * The index leaf values of host h now (into a shared scratch object: copy before keeping); for the
   * "counts" part only `usable` and `fitsShape` (LeafSource).
   */
  leafOf(h: number, part: IndexPart): LeafValues {
    const t = this.table;
    for (let c = 0; c < C && part !== "counts"; c++) {
      const free = t.free(h, c);
      this.scratchFree[c] = free;
      this.scratchFit[c] = Math.min(free, t.maxUnit[h * C + c] ?? 0);
    }
    const leaf = this.leaf;
    leaf.usable = t.isUsable(h);
    const K = this.vectors.length;
    for (let k = 0; k < K; k++) leaf.fitsShape[k] = this.unitsOk[h * K + k] === 1 && this.capacityAdmits(h, k) ? 1 : 0;
    return leaf;
  }

  /** The capacity half of the rule for every class of shape k on host h (units are precomputed). */
  private capacityAdmits(h: number, k: number): boolean {
    const amounts = this.vectors[k] as Float64Array;
    const { cap, usedUnits } = this.table;
    for (let c = 0; c < C; c++) {
      const a = amounts[c]!;
      if (a !== 0 && capacityVerdict(cap[h * C + c]!, usedUnits[h * C + c]!, a) !== ADD_OK) return false;
    }
    return true;
  }

  /** Recomputes the unit half of the rule for every (host, shape) pair of host h. */
  refreshUnits(h: number): void {
    const K = this.vectors.length;
    const { present, minUnit, maxUnit, stepSize } = this.table;
    for (let k = 0; k < K; k++) {
      const amounts = this.vectors[k] as Float64Array;
      let ok = true;
      for (let c = 0; c < C && ok; c++) {
        const i = h * C + c;
        const a = amounts[c]!;
        ok = a === 0 || unitVerdict(present[i] === 1, minUnit[i]!, maxUnit[i]!, stepSize[i]!, a) === ADD_OK;
      }
      this.unitsOk[h * K + k] = ok ? 1 : 0;
    }
  }
}
