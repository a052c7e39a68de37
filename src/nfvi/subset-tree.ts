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
  NONE_MAX,
  NONE_MIN,
  recordStride,
  shapeSlot,
  SHAPE_TRACKED_CLASSES,
  USABLE,
  writeGenericLeaf,
  writeShapeCount,
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
  /** Is `pos` waiting? */
  has(pos: number): boolean {
    return this.flags[pos] === 1;
  }
  /** Takes `pos` out of the set (its flag only: `clear` resets the list once every flag is down). */
  take(pos: number): void {
    this.flags[pos] = 0;
  }
  /** Empties the list; every flag must already be down (taken). */
  clear(): void {
    this.count = 0;
  }
}

const PART_LEVEL: Readonly<Record<IndexPart, number>> = { fits: 0, counts: 1, shapes: 2, all: 3 };
const T = SHAPE_TRACKED_CLASSES.length;

/** The mutable tree behind a SubsetTree (owned by CapacityIndex). */
export class Tree implements SubsetTree {
  readonly size: number;
  readonly hosts: Int32Array;
  readonly stride: number;
  readonly data: Int32Array;
  /** Scratch of the leaf updates: which shapes still change on the way up. */
  private readonly dirty: Uint8Array;
  /** Scratch of setLeafShapeFree: the record slots of the shape maxima (minima) still changing on the way up. */
  private readonly hiSlots: Int32Array;
  private readonly loSlots: Int32Array;
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
    this.hiSlots = new Int32Array(shapes * T);
    this.loSlots = new Int32Array(shapes * T);
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

  /**
   * Brings the parts up to `part` up to date (the others may stay stale). Every flush drains the
   * lists of the parts before its own, and markPending adds to all four, so the pending sets nest:
   * fits ⊆ counts ⊆ shapes ⊆ all. One pass over the list of `part` then reads each host's leaf values
   * ONCE and rewrites every part still pending at that leaf: a spread run (one weigher, registered
   * shapes) flushed three lists per search and computed each changed host's leaf three times
   * (bench/trace.bench.ts: the trace replay on 2,000 hosts).
   */
  flush(part: IndexPart, leafOf: LeafSource): void {
    // No closures here: a flush runs before nearly every search, and two fresh closures per search
    // were a tenth of a long run's allocations.
    const level = PART_LEVEL[part];
    const top = level === 0 ? this.pendingFits : level === 1 ? this.pendingCounts : level === 2 ? this.pendingShapeFree : this.pendingGeneric;
    if (top.count === 0) return;
    // The fit bits read what the counts read (usable, fitsShape).
    const read: IndexPart = level === 0 ? "counts" : part;
    for (let i = 0; i < top.count; i++) {
      const pos = top.list[i]!;
      const leaf = leafOf(this.hosts[pos]!, read);
      if (this.pendingFits.has(pos)) {
        this.pendingFits.take(pos);
        this.setLeafFits(pos, leaf);
      }
      if (level >= 1 && this.pendingCounts.has(pos)) {
        this.pendingCounts.take(pos);
        this.setLeafCounts(pos, leaf);
      }
      if (level >= 2 && this.pendingShapeFree.has(pos)) {
        this.pendingShapeFree.take(pos);
        this.setLeafShapeFree(pos, leaf);
      }
      if (level >= 3) {
        this.pendingGeneric.take(pos);
        this.setLeafGeneric(pos, leaf);
      }
    }
    this.pendingFits.clear();
    if (level >= 1) this.pendingCounts.clear();
    if (level >= 2) this.pendingShapeFree.clear();
    if (level >= 3) this.pendingGeneric.clear();
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

  /**
   * Writes the tracked free units of every shape at leaf `pos` and fixes its root path, each field
   * (a shape's max or min of one class) climbing only while it changes: a claim on the host a spread
   * search chose moves that shape's max RAM up the tree, rarely its min or its CPU figures. This climb
   * was the largest cost of the trace replay on 2,000 hosts (bench/trace.bench.ts); merging every
   * field of a shape while any of them changed cost about a third more.
   */
  private setLeafShapeFree(pos: number, leaf: LeafValues): void {
    const { data, stride, shapes, hiSlots, loSlots } = this;
    const leafAt = (this.size + pos) * stride;
    let nHi = 0;
    let nLo = 0;
    for (let k = 0; k < shapes; k++) {
      const fits = leaf.usable && leaf.fitsShape[k] === 1;
      for (let j = 0; j < T; j++) {
        const f = leaf.free[SHAPE_TRACKED_CLASSES[j]!]!;
        const slot = shapeSlot(k) + 1 + 2 * j;
        const hi = fits ? f : NONE_MAX;
        const lo = fits ? f : NONE_MIN;
        if (data[leafAt + slot] !== hi) {
          data[leafAt + slot] = hi;
          hiSlots[nHi++] = slot;
        }
        if (data[leafAt + slot + 1] !== lo) {
          data[leafAt + slot + 1] = lo;
          loSlots[nLo++] = slot + 1;
        }
      }
    }
    for (let v = (this.size + pos) >> 1; v >= 1 && nHi + nLo > 0; v >>= 1) {
      const at = v * stride;
      const l = 2 * at;
      const r = l + stride;
      let kept = 0;
      for (let i = 0; i < nHi; i++) {
        const s = hiSlots[i]!;
        const a = data[l + s]!;
        const b = data[r + s]!;
        const x = a > b ? a : b;
        if (x === data[at + s]) continue;
        data[at + s] = x;
        hiSlots[kept++] = s;
      }
      nHi = kept;
      kept = 0;
      for (let i = 0; i < nLo; i++) {
        const s = loSlots[i]!;
        const a = data[l + s]!;
        const b = data[r + s]!;
        const x = a < b ? a : b;
        if (x === data[at + s]) continue;
        data[at + s] = x;
        loSlots[kept++] = s;
      }
      nLo = kept;
    }
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
