/**
 * The capacity index: derived state of the NFVI, like a database index, kept up to date on every
 * claim, release, host-state and inventory change so that placement can find fitting hosts without
 * scanning them all.
 *
 * Layout. One segment tree per host SUBSET: the whole cloud, each availability zone, and each
 * aggregate-metadata pair (key=value). Host indices are in host-id order and zones are not contiguous
 * in that order, so instead of zone ranges of one tree each subset has its own tree whose leaves are
 * the subset's hosts in ascending index order (a leaf position → host index map). Leftmost-first in
 * any tree is therefore lowest-host-id-first. Subsets with the same hosts share one tree, so a
 * single-zone cloud keeps a single tree. A host change updates one root path per subset holding it,
 * and only the summaries that changed, stopping at the first node where nothing changes.
 *
 * Node record. Node v (1 = root, leaf p = size + p) owns `stride` consecutive Int32 slots of `data`
 * starting at v × stride (one record = few cache lines; siblings are adjacent). All summaries are over
 * the USABLE hosts below the node (UP and enabled); unusable hosts and padding count as empty, whose
 * maxima are NONE_MAX (−2^31) and minima NONE_MIN (2^31 − 1). Free units are integers within ±2^30
 * (inventoryProblem caps capacity), so Int32 is exact.
 * - USABLE: how many usable hosts;
 * - per class c at genericSlot(c): FIT = max of min(free, maxUnit) (a request of a > 0 units can only
 *   fit below a node with FIT ≥ a; minUnit/stepSize are checked at the leaf), MAX_FREE, MIN_FREE,
 *   MASK = bit b set when some host's free units fall in bucket b (`freeBucket`), so that a min-search
 *   over hosts with free ≥ a can lift its bound to the first occupied bucket ≥ bucket(a).
 * - per registered SHAPE k at shapeSlot(k): COUNT = hosts where the whole shape fits by the
 *   capacity rule (units included), then for each class of SHAPE_TRACKED_CLASSES the max and min free
 *   units over exactly those hosts (shapeFreeSlot). Shapes (typically the flavours) make the index
 *   exact for their requests: per-class maxima alone cannot tell "one host has RAM, another has disk"
 *   from "one host has both", which on heterogeneous fleets sends searches through every mixed
 *   subtree. Requests of another shape use the generic summaries (still exact answers, looser bounds).
 *
 * Cost (measured ad hoc, 10,000 hosts, one zone, 5 shapes): a claim or release updates the index in
 * about 1–1.5 µs; each extra subset holding a host (zone, metadata pair) adds one more root path.
 */
import { RC_MEMORY_MB, RC_VCPU, RESOURCE_CLASS_COUNT } from "../domain/index.js";
import { FitBits } from "./fit-bits.js";
import { metadataKey } from "./topology.js";

const C = RESOURCE_CLASS_COUNT;

/** "No host" value of a maximum and of a minimum. */
export const NONE_MAX = -2147483648;
export const NONE_MIN = 2147483647;
/** Slot of the usable-host count in a node record. */
export const USABLE = 0;
/** Field offsets inside a generic class block. */
export const FIT = 0;
export const MAX_FREE = 1;
export const MIN_FREE = 2;
export const MASK = 3;
const GENERIC_FIELDS = 4;
/**
 * Classes whose free units are tracked per shape: those the prefab policies weigh (VCPU by
 * "balanced", MEMORY_MB by all). Every class still decides whether a shape fits; a weigher on another
 * class (disk) is bounded by the generic summaries — exact, only less tight. Each tracked class costs
 * two slots per shape per node on every update.
 */
export const SHAPE_TRACKED_CLASSES: readonly number[] = [RC_VCPU, RC_MEMORY_MB];
const T = SHAPE_TRACKED_CLASSES.length;
const SHAPE_FIELDS = 1 + 2 * T;
const TRACKED_POSITION: readonly number[] = Array.from({ length: C }, (_, c) => SHAPE_TRACKED_CLASSES.indexOf(c));

/** Slot of class c's generic block in a node record. */
export const genericSlot = (c: number): number => 1 + GENERIC_FIELDS * c;
/** Slot of shape k's block: the COUNT of fitting hosts, then max/min free of each tracked class. */
export const shapeSlot = (k: number): number => 1 + GENERIC_FIELDS * C + SHAPE_FIELDS * k;
/** Slot of the max free units of class c over the hosts fitting shape k (min at +1); −1 if untracked. */
export function shapeFreeSlot(k: number, c: number): number {
  const j = TRACKED_POSITION[c] ?? -1;
  return j < 0 ? -1 : shapeSlot(k) + 1 + 2 * j;
}
/** Record length of a tree with `shapes` registered shapes. */
export const recordStride = (shapes: number): number => shapeSlot(shapes);

/** Bucket of a free amount: 0 for x < 1, else 1 + floor(log2 x), capped at 31 (x ≥ 2^30). */
export function freeBucket(x: number): number {
  if (x < 1) return 0;
  if (x >= 1073741824) return 31;
  return 32 - Math.clz32(x);
}

/** Smallest free amount that falls in bucket b (−∞ for bucket 0). */
export const bucketFloor = (b: number): number => (b === 0 ? Number.NEGATIVE_INFINITY : 2 ** (b - 1));

/** The key of a request shape: its amounts in RESOURCE_CLASSES order, comma-separated. */
export const shapeKey = (amounts: ArrayLike<number>): string => Array.from(amounts).join(",");

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

/** The subset trees, each up to date when returned (see CapacityIndexView for which parts). */
export interface SubsetLookup {
  readonly all: SubsetTree;
  /** The tree of one zone (by zone index), undefined for an unknown index. */
  zone(zoneIndex: number): SubsetTree | undefined;
  /** The tree of the hosts whose merged metadata holds `value` for `key`; undefined = no such host. */
  metadata(key: string, value: string): SubsetTree | undefined;
}

/** What placement may read: the trees to search (every block current) and the registered shapes. */
export interface CapacityIndexView extends SubsetLookup {
  /** The same trees with only the fit bits guaranteed current (IndexPart "fits"; records may be stale). */
  readonly fitBlocks: SubsetLookup;
  /** The same trees with only USABLE and the shapes' COUNT guaranteed current (IndexPart "counts"). */
  readonly countBlocks: SubsetLookup;
  /** The same trees with only USABLE and the shape blocks guaranteed current (IndexPart "shapes"). */
  readonly shapeBlocks: SubsetLookup;
  /** The index of a registered shape by `shapeKey`, or −1. */
  shape(key: string): number;
  /** Every distinct tree, for tests and the consistency check. */
  readonly trees: readonly SubsetTree[];
}

/**
 * The leaf values of host h now, as NfviState computes them, for rewriting `part` of its records:
 * for "counts" only `usable` and `fitsShape` need be current (a first-fit search reads nothing else,
 * and the per-class free units cost a loop over every class on each claim and release).
 */
export type LeafSource = (h: number, part: IndexPart) => LeafValues;

/** Leaf values of one host, as NfviState computes them. */
export interface LeafValues {
  usable: boolean;
  /** Per class: min(free, maxUnit). */
  readonly fit: Int32Array | Float64Array;
  /** Per class: capacity − used. */
  readonly free: Int32Array | Float64Array;
  /** Per registered shape: 1 when the whole shape fits on the host by the capacity rule. */
  fitsShape: Uint8Array;
}

/** Writes the record of one leaf into `out` at `at` (used for empty records and the naive rebuild). */
export function writeLeafRecord(out: Int32Array, at: number, leaf: LeafValues, shapes: number): void {
  out[at + USABLE] = leaf.usable ? 1 : 0;
  for (let c = 0; c < C; c++) writeGenericLeaf(out, at, leaf, c);
  for (let k = 0; k < shapes; k++) writeShapeLeaf(out, at, leaf, k);
}

/** Writes class c's generic leaf block; true when it changed. */
function writeGenericLeaf(out: Int32Array, at: number, leaf: LeafValues, c: number): boolean {
  const usable = leaf.usable;
  const g = at + genericSlot(c);
  const f = leaf.free[c]!;
  const fit = usable ? leaf.fit[c]! : NONE_MAX;
  const hi = usable ? f : NONE_MAX;
  const lo = usable ? f : NONE_MIN;
  const bits = usable ? 1 << freeBucket(f) : 0;
  if (out[g + FIT] === fit && out[g + MAX_FREE] === hi && out[g + MIN_FREE] === lo && out[g + MASK] === bits) return false;
  out[g + FIT] = fit;
  out[g + MAX_FREE] = hi;
  out[g + MIN_FREE] = lo;
  out[g + MASK] = bits;
  return true;
}

/** Writes the COUNT field of shape k's leaf block; true when it changed. */
function writeShapeCount(out: Int32Array, at: number, leaf: LeafValues, k: number): boolean {
  const fits = leaf.usable && leaf.fitsShape[k] === 1 ? 1 : 0;
  const b = at + shapeSlot(k);
  if (out[b] === fits) return false;
  out[b] = fits;
  return true;
}

/** Writes the tracked free units of shape k's leaf block (NONE unless the shape fits); true when changed. */
function writeShapeFree(out: Int32Array, at: number, leaf: LeafValues, k: number): boolean {
  const fits = leaf.usable && leaf.fitsShape[k] === 1;
  const b = at + shapeSlot(k);
  let changed = false;
  for (let j = 0; j < T; j++) {
    const f = leaf.free[SHAPE_TRACKED_CLASSES[j]!]!;
    const hi = fits ? f : NONE_MAX;
    const lo = fits ? f : NONE_MIN;
    if (out[b + 1 + 2 * j] !== hi || out[b + 2 + 2 * j] !== lo) {
      out[b + 1 + 2 * j] = hi;
      out[b + 2 + 2 * j] = lo;
      changed = true;
    }
  }
  return changed;
}

/** Writes shape k's whole leaf block; true when it changed. */
function writeShapeLeaf(out: Int32Array, at: number, leaf: LeafValues, k: number): boolean {
  const count = writeShapeCount(out, at, leaf, k);
  return writeShapeFree(out, at, leaf, k) || count;
}

/** Merges the generic blocks named by `mask` (bit c = class c); returns those that changed. */
function mergeGeneric(data: Int32Array, at: number, l: number, r: number, mask: number): number {
  let changed = 0;
  // Hot path (every level of every update): plain locals and one change test per block. Measured
  // about 7 % faster on the 10,000-host scenario than per-field mergeMax/mergeMin helper calls.
  for (let c = 0; c < C; c++) {
    if ((mask & (1 << c)) === 0) continue;
    const g = genericSlot(c);
    const p = at + g;
    const a = l + g;
    const b = r + g;
    const fitA = data[a + FIT]!;
    const fitB = data[b + FIT]!;
    const hiA = data[a + MAX_FREE]!;
    const hiB = data[b + MAX_FREE]!;
    const loA = data[a + MIN_FREE]!;
    const loB = data[b + MIN_FREE]!;
    const fit = fitA > fitB ? fitA : fitB;
    const hi = hiA > hiB ? hiA : hiB;
    const lo = loA < loB ? loA : loB;
    const bits = data[a + MASK]! | data[b + MASK]!;
    if (fit === data[p + FIT] && hi === data[p + MAX_FREE] && lo === data[p + MIN_FREE] && bits === data[p + MASK]) continue;
    data[p + FIT] = fit;
    data[p + MAX_FREE] = hi;
    data[p + MIN_FREE] = lo;
    data[p + MASK] = bits;
    changed |= 1 << c;
  }
  return changed;
}

/** An all-empty record array for `size` leaves. */
export function emptyRecords(size: number, shapes: number): Int32Array {
  const stride = recordStride(shapes);
  const data = new Int32Array(2 * size * stride);
  const empty: LeafValues = { usable: false, fit: new Int32Array(C), free: new Int32Array(C), fitsShape: new Uint8Array(shapes) };
  for (let v = 0; v < 2 * size; v++) writeLeafRecord(data, v * stride, empty, shapes);
  return data;
}

/**
 * The parts of the index, each kept current on its own and each flushed with the ones before it:
 * "fits" (the fit bits of the leaves: all a first-fit search of a registered shape reads), "counts"
 * (USABLE and each shape's COUNT in the records), "shapes" (plus the shapes' tracked free units:
 * what a RAM- or CPU-weighed search reads) and "all" (plus the generic blocks).
 */
export type IndexPart = "fits" | "counts" | "shapes" | "all";

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

class Tree implements SubsetTree {
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

/** A metadata subset to index: its `metadataKey` and its hosts (any order; duplicates ignored). */
export interface SubsetDefinition {
  readonly key: string;
  readonly hosts: readonly number[];
}

/**
 * The mutable index owned by NfviState; placement sees it as a CapacityIndexView.
 *
 * Trees are brought up to date lazily: a host change only marks its leaf pending in each tree holding
 * it, and a tree rewrites its pending leaves (from the host's values at that moment, through
 * `leafOf`) when it is read. A tree that no request reads (a zone nobody asks for) costs nothing, and
 * a host that changes twice between two reads is rewritten once. Every read goes through `all`,
 * `zone`, `metadata` or `trees`, which flush first, so readers always see exact values; or through
 * `fitBlocks` / `countBlocks` / `shapeBlocks`, which flush only part of the index (IndexPart; each part
 * keeps its own pending list until a reader needs it).
 */
export class CapacityIndex implements CapacityIndexView {
  private allTree: Tree;
  private treeList: readonly Tree[];
  private byKey = new Map<string, Tree>();
  private zoneTrees: readonly Tree[] = [];
  private readonly shapeIds = new Map<string, number>();
  /** Per host: the trees holding it and its leaf position in each. */
  /**
   * Per host h: the trees holding it and its leaf position in each, flattened (CSR): entries
   * memberStart[h] .. memberStart[h + 1] − 1 of memberTree (index into distinctTrees) and memberPos.
   */
  private distinctTrees: Tree[] = [];
  private memberStart = new Int32Array(0);
  private memberTree = new Int32Array(0);
  private memberPos = new Int32Array(0);

  /** Builds empty trees for all hosts, each zone (zones[z] = its hosts) and each metadata subset. */
  constructor(
    private readonly hostCount: number,
    private readonly zones: readonly (readonly number[])[],
    private readonly metadataSubsets: readonly SubsetDefinition[],
    /** The current leaf values of host h (computed by the owner when a pending leaf is flushed). */
    private readonly leafOf: LeafSource,
  ) {
    const built = this.build(0);
    this.allTree = built.all;
    this.treeList = built.trees;
    this.fitBlocks = this.lookup("fits");
    this.countBlocks = this.lookup("counts");
    this.shapeBlocks = this.lookup("shapes");
  }

  /**
   * The same trees with only part of each record brought up to date (IndexPart), for searches that
   * read nothing else: a first-fit search of a registered shape reads the counts, which change only
   * when a host starts or stops fitting, so most claims then cost no tree climb at all.
   */
  readonly fitBlocks: SubsetLookup;
  readonly countBlocks: SubsetLookup;
  readonly shapeBlocks: SubsetLookup;

  get all(): SubsetTree {
    return this.fresh(this.allTree, "all");
  }

  get trees(): readonly SubsetTree[] {
    for (const tree of this.treeList) tree.flush("all", this.leafOf);
    return this.treeList;
  }

  zone(zoneIndex: number): SubsetTree | undefined {
    return this.fresh(this.zoneTrees[zoneIndex], "all");
  }

  metadata(key: string, value: string): SubsetTree | undefined {
    return this.fresh(this.byKey.get(metadataKey(key, value)), "all");
  }

  /** The tree with the pending leaves of `part` (and the parts before it) written. */
  private fresh<T extends Tree | undefined>(tree: T, part: IndexPart): T {
    tree?.flush(part, this.leafOf);
    return tree;
  }

  /** A lookup whose trees are current up to `part`. */
  private lookup(part: IndexPart): SubsetLookup {
    const index = this;
    return {
      get all(): SubsetTree {
        return index.fresh(index.allTree, part);
      },
      zone: (zoneIndex) => this.fresh(this.zoneTrees[zoneIndex], part),
      metadata: (key, value) => this.fresh(this.byKey.get(metadataKey(key, value)), part),
    };
  }

  shape(key: string): number {
    return this.shapeIds.get(key) ?? -1;
  }

  /** Number of registered shapes. */
  get shapeTotal(): number {
    return this.shapeIds.size;
  }

  /**
   * Adds a shape and rebuilds every tree EMPTY (all leaves unusable): the owner must `update` every
   * host afterwards. Returns the shape's index (an existing one when already registered).
   */
  addShape(key: string): { index: number; rebuilt: boolean } {
    const existing = this.shapeIds.get(key);
    if (existing !== undefined) return { index: existing, rebuilt: false };
    const index = this.shapeIds.size;
    this.shapeIds.set(key, index);
    const built = this.build(this.shapeIds.size);
    this.allTree = built.all;
    this.treeList = built.trees;
    return { index, rebuilt: true };
  }

  /** Host h changed: its leaf in every tree holding it is rewritten before that tree is next read. */
  update(h: number): void {
    const end = this.memberStart[h + 1]!;
    for (let i = this.memberStart[h]!; i < end; i++) this.distinctTrees[this.memberTree[i]!]!.markPending(this.memberPos[i]!);
  }

  private build(shapes: number): { all: Tree; trees: readonly Tree[] } {
    const distinct = new Map<string, Tree>();
    const make = (key: string, hosts: readonly number[]): Tree => {
      const sorted = [...new Set(hosts)].sort((a, b) => a - b);
      const signature = sorted.join(",");
      const existing = distinct.get(signature);
      if (existing !== undefined) return existing;
      const tree = new Tree(key, sorted, shapes);
      distinct.set(signature, tree);
      return tree;
    };
    const all = make("all", Array.from({ length: this.hostCount }, (_, i) => i));
    this.zoneTrees = this.zones.map((hosts, z) => make(`zone:${z}`, hosts));
    this.byKey = new Map(
      this.metadataSubsets.map((m) => [m.key, make(`meta:${m.key.replace("\u0000", "=")}`, m.hosts)] as const),
    );
    this.distinctTrees = [...distinct.values()];
    const perHost = Array.from({ length: this.hostCount }, (): [number, number][] => []);
    this.distinctTrees.forEach((tree, t) => tree.hosts.forEach((h, pos) => perHost[h]?.push([t, pos])));
    this.memberStart = new Int32Array(this.hostCount + 1);
    perHost.forEach((list, h) => (this.memberStart[h + 1] = (this.memberStart[h] ?? 0) + list.length));
    const flat = perHost.flat();
    this.memberTree = Int32Array.from(flat, ([t]) => t);
    this.memberPos = Int32Array.from(flat, ([, pos]) => pos);
    return { all, trees: this.distinctTrees };
  }
}
