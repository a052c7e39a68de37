/**
 * One segment tree of the capacity index over one host subset (capacity-index.ts explains the index,
 * index-record.ts the node record), with its fit bits and its pending leaves: a host change marks its
 * leaf pending, and a read flushes the parts of the record it needs (IndexPart). Created once per
 * subset and shape set; nothing here allocates per claim, release or search (bench/e2e.bench.ts,
 * bench/scale.bench.ts).
 */
import { RESOURCE_CLASS_COUNT } from "../domain/index.js";
import { FitBits } from "./fit-bits.js";
import {
  emptyRecords,
  mergeGeneric,
  mergeShapeFree,
  recordStride,
  shapeSlot,
  USABLE,
  writeGenericLeaf,
  writeShapeCount,
  writeShapeFree,
  type IndexPart,
  type LeafSource,
  type LeafValues,
} from "./index-record.js";

const C = RESOURCE_CLASS_COUNT;

/** A read-only segment tree over one host subset (see the file comment for the node record). */
export interface SubsetTree {
  /** "all", "zone:<index>" or "meta:<key>=<value>" (the first subset that created it). */
  readonly key: string;
  readonly hostCount: number;
  /** Number of leaves: a power of two ≥ hostCount (at least 1). Node 1 is the root; leaf p is node size + p. */
  readonly size: number;
  /** Leaf position → host index (ascending). */
  readonly hosts: ArrayLike<number>;
  /** Number of registered shapes. */
  readonly shapes: number;
  /** Slots per node record. */
  readonly stride: number;
  /** Node records: node v at v × stride. */
  readonly data: ArrayLike<number>;
  /**
   * The first leaf position ≥ fromPos whose host is usable and fits registered shape k (a leaf COUNT
   * of 1), or −1: a first-fit search without a descent (fit-bits.ts).
   */
  firstFitFrom(k: number, fromPos: number): number;
}

/** Leaf positions waiting for a rewrite, each once. */
class PendingLeaves {
  readonly list: Int32Array;
  private readonly flags: Uint8Array;
  count = 0;
  constructor(leaves: number) {
    this.list = new Int32Array(leaves);
    this.flags = new Uint8Array(leaves);
  }
  add(pos: number): void {
    if (this.flags[pos] === 1) return;
    this.flags[pos] = 1;
    this.list[this.count++] = pos;
  }
  /** Empties the set, handing every position in insertion order to `tree.rewrite(part, pos, leafOf)`. */
  drain(tree: Tree, part: IndexPart, leafOf: LeafSource): void {
    for (let i = 0; i < this.count; i++) {
      const pos = this.list[i]!;
      this.flags[pos] = 0;
      tree.rewrite(part, pos, leafOf);
    }
    this.count = 0;
  }
}

/** The mutable tree behind a SubsetTree (owned by CapacityIndex). */
export class Tree implements SubsetTree {
  readonly size: number;
  readonly hosts: Int32Array;
  readonly stride: number;
  readonly data: Int32Array;
  /** Scratch of the leaf updates: which shapes still change on the way up. */
  private readonly dirty: Uint8Array;
  /** Which leaves fit each shape (the leaf COUNTs as bits), for first fit. */
  readonly fits: FitBits;
  /**
   * Leaves changed since the tree was last read, per part of the record (see IndexPart), each part
   * brought up to date only when a reader asks for it.
   */
  readonly pendingFits: PendingLeaves;
  readonly pendingCounts: PendingLeaves;
  readonly pendingShapeFree: PendingLeaves;
  readonly pendingGeneric: PendingLeaves;

  constructor(
    readonly key: string,
    hostList: readonly number[],
    readonly shapes: number,
  ) {
    let size = 1;
    while (size < hostList.length) size *= 2;
    this.size = size;
    this.hosts = Int32Array.from(hostList);
    this.stride = recordStride(shapes);
    this.data = emptyRecords(size, shapes);
    this.dirty = new Uint8Array(shapes);
    this.fits = new FitBits(hostList.length, shapes);
    this.pendingFits = new PendingLeaves(hostList.length);
    this.pendingCounts = new PendingLeaves(hostList.length);
    this.pendingShapeFree = new PendingLeaves(hostList.length);
    this.pendingGeneric = new PendingLeaves(hostList.length);
  }

  /** Records that leaf `pos` must be rewritten before the tree is next read. */
  markPending(pos: number): void {
    this.pendingFits.add(pos);
    this.pendingCounts.add(pos);
    this.pendingShapeFree.add(pos);
    this.pendingGeneric.add(pos);
  }

  /** Brings the parts up to `part` up to date (the others may stay stale). */
  flush(part: IndexPart, leafOf: LeafSource): void {
    // No closures here: a flush runs before nearly every search, and two fresh closures per search
    // were a tenth of a long run's allocations.
    if (this.pendingFits.count > 0) this.pendingFits.drain(this, "fits", leafOf);
    if (part === "fits") return;
    if (this.pendingCounts.count > 0) this.pendingCounts.drain(this, "counts", leafOf);
    if (part === "counts") return;
    if (this.pendingShapeFree.count > 0) this.pendingShapeFree.drain(this, "shapes", leafOf);
    if (part === "shapes") return;
    if (this.pendingGeneric.count > 0) this.pendingGeneric.drain(this, "all", leafOf);
  }

  /** Rewrites the `part` fields of leaf `pos` from its host's values now, and fixes its root path. */
  rewrite(part: IndexPart, pos: number, leafOf: LeafSource): void {
    // The fit bits read what the counts read (usable, fitsShape).
    const leaf = leafOf(this.hosts[pos]!, part === "fits" ? "counts" : part);
    if (part === "fits") this.setLeafFits(pos, leaf);
    else if (part === "counts") this.setLeafCounts(pos, leaf);
    else if (part === "shapes") this.setLeafShapeFree(pos, leaf);
    else this.setLeafGeneric(pos, leaf);
  }

  get hostCount(): number {
    return this.hosts.length;
  }

  firstFitFrom(k: number, fromPos: number): number {
    return this.fits.nextFrom(k, fromPos);
  }

  private setLeafFits(pos: number, leaf: LeafValues): void {
    for (let k = 0; k < this.shapes; k++) this.fits.set(k, pos, leaf.usable && leaf.fitsShape[k] === 1);
  }

  /**
   * Writes USABLE and every shape's COUNT at leaf `pos` and fixes its root path. Only what changed at
   * the leaf is merged on the way up, each field dropped at the first node where it no longer changes:
   * the parent of an unchanged node cannot change. (A count moves only when a host starts or stops
   * fitting a shape, so most claims stop at the leaf.)
   */
  private setLeafCounts(pos: number, leaf: LeafValues): void {
    const { data, stride, shapes, dirty } = this;
    let at = (this.size + pos) * stride;
    let usableChanged = data[at + USABLE] !== (leaf.usable ? 1 : 0);
    data[at + USABLE] = leaf.usable ? 1 : 0;
    let dirtyShapes = 0;
    for (let k = 0; k < shapes; k++) {
      const changed = writeShapeCount(data, at, leaf, k);
      dirty[k] = changed ? 1 : 0;
      if (changed) dirtyShapes++;
    }
    for (let v = (this.size + pos) >> 1; v >= 1 && (usableChanged || dirtyShapes > 0); v >>= 1) {
      at = v * stride;
      const l = 2 * at;
      if (usableChanged) {
        const count = data[l + USABLE]! + data[l + stride + USABLE]!;
        usableChanged = count !== data[at + USABLE];
        data[at + USABLE] = count;
      }
      // The COUNT merge written out here: this climb runs on most claims and releases of a full cloud.
      for (let k = 0; k < shapes && dirtyShapes > 0; k++) {
        if (dirty[k] === 0) continue;
        const b = shapeSlot(k);
        const count = data[l + b]! + data[l + stride + b]!;
        if (count !== data[at + b]) data[at + b] = count;
        else {
          dirty[k] = 0;
          dirtyShapes--;
        }
      }
    }
  }

  /** Writes the tracked free units of every shape at leaf `pos` and fixes its root path. */
  private setLeafShapeFree(pos: number, leaf: LeafValues): void {
    const { data, stride, shapes, dirty } = this;
    const at = (this.size + pos) * stride;
    let dirtyShapes = 0;
    for (let k = 0; k < shapes; k++) {
      const changed = writeShapeFree(data, at, leaf, k);
      dirty[k] = changed ? 1 : 0;
      if (changed) dirtyShapes++;
    }
    for (let v = (this.size + pos) >> 1; v >= 1 && dirtyShapes > 0; v >>= 1) {
      dirtyShapes = this.mergeDirtyFree(v * stride, 2 * v * stride, dirtyShapes);
    }
  }

  /** Merges the tracked free units of every still-dirty shape into node record `at`; returns how many are still dirty. */
  private mergeDirtyFree(at: number, l: number, dirtyShapes: number): number {
    const { data, stride, shapes, dirty } = this;
    for (let k = 0; k < shapes && dirtyShapes > 0; k++) {
      if (dirty[k] === 0 || mergeShapeFree(data, at, l, l + stride, k)) continue;
      dirty[k] = 0;
      dirtyShapes--;
    }
    return dirtyShapes;
  }

  /** Writes the generic class blocks of leaf `pos` and fixes its root path (as setLeafCounts). */
  private setLeafGeneric(pos: number, leaf: LeafValues): void {
    const { data, stride } = this;
    let v = this.size + pos;
    let mask = 0;
    for (let c = 0; c < C; c++) if (writeGenericLeaf(data, v * stride, leaf, c)) mask |= 1 << c;
    for (v >>= 1; v >= 1 && mask !== 0; v >>= 1) {
      const at = v * stride;
      mask = mergeGeneric(data, at, 2 * at, 2 * at + stride, mask);
    }
  }
}
