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
 * - per registered SHAPE k at shapeSlot(k, C): COUNT = hosts where the whole shape fits by the
 *   capacity rule (units included), then per class c MAX_FREE at +1 + 2c and MIN_FREE at +2 + 2c over
 *   exactly those hosts. Shapes (typically the flavours) make the index exact: per-class maxima alone
 *   cannot tell "one host has RAM, another has disk" from "one host has both", which on
 *   heterogeneous hosts sends searches through every mixed subtree. Other requests use the generic
 *   summaries.
 */
import { RESOURCE_CLASS_COUNT } from "../domain/index.js";
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
const SHAPE_FIELDS = 1 + 2 * C;

/** Slot of class c's generic block in a node record. */
export const genericSlot = (c: number): number => 1 + GENERIC_FIELDS * c;
/** Slot of shape k's block (COUNT first, then MAX_FREE/MIN_FREE of class c at +1+2c/+2+2c). */
export const shapeSlot = (k: number): number => 1 + GENERIC_FIELDS * C + SHAPE_FIELDS * k;
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
}

/** What placement may read: the trees to search and the registered shapes. */
export interface CapacityIndexView {
  readonly all: SubsetTree;
  /** The tree of one zone (by zone index), undefined for an unknown index. */
  zone(zoneIndex: number): SubsetTree | undefined;
  /** The tree of the hosts whose merged metadata holds `value` for `key`; undefined = no such host. */
  metadata(key: string, value: string): SubsetTree | undefined;
  /** The index of a registered shape by `shapeKey`, or −1. */
  shape(key: string): number;
  /** Every distinct tree, for tests and the consistency check. */
  readonly trees: readonly SubsetTree[];
}

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

/** Writes the record of one leaf into `out` at `at` (shared by the tree and the naive rebuild). */
export function writeLeafRecord(out: Int32Array, at: number, leaf: LeafValues, shapes: number): void {
  const usable = leaf.usable;
  out[at + USABLE] = usable ? 1 : 0;
  for (let c = 0; c < C; c++) {
    const g = at + genericSlot(c);
    const f = leaf.free[c]!;
    out[g + FIT] = usable ? leaf.fit[c]! : NONE_MAX;
    out[g + MAX_FREE] = usable ? f : NONE_MAX;
    out[g + MIN_FREE] = usable ? f : NONE_MIN;
    out[g + MASK] = usable ? 1 << freeBucket(f) : 0;
  }
  for (let k = 0; k < shapes; k++) {
    const fits = usable && leaf.fitsShape[k] === 1;
    const b = at + shapeSlot(k);
    out[b] = fits ? 1 : 0;
    for (let c = 0; c < C; c++) {
      out[b + 1 + 2 * c] = fits ? leaf.free[c]! : NONE_MAX;
      out[b + 2 + 2 * c] = fits ? leaf.free[c]! : NONE_MIN;
    }
  }
}

/** Merges the records of l and r into the record at `at`; returns true when a slot changed. */
export function mergeRecords(data: Int32Array, at: number, l: number, r: number, shapes: number): boolean {
  let changed = false;
  const count = data[l + USABLE]! + data[r + USABLE]!;
  if (count !== data[at + USABLE]) {
    data[at + USABLE] = count;
    changed = true;
  }
  for (let c = 0; c < C; c++) {
    const g = genericSlot(c);
    if (mergeMax(data, at + g + FIT, l + g + FIT, r + g + FIT)) changed = true;
    if (mergeMax(data, at + g + MAX_FREE, l + g + MAX_FREE, r + g + MAX_FREE)) changed = true;
    if (mergeMin(data, at + g + MIN_FREE, l + g + MIN_FREE, r + g + MIN_FREE)) changed = true;
    const bits = data[l + g + MASK]! | data[r + g + MASK]!;
    if (bits !== data[at + g + MASK]) {
      data[at + g + MASK] = bits;
      changed = true;
    }
  }
  for (let k = 0; k < shapes; k++) if (mergeShape(data, at, l, r, shapeSlot(k))) changed = true;
  return changed;
}

/** Merges one shape block (slot b) of l and r into `at`; true when it changed. */
function mergeShape(data: Int32Array, at: number, l: number, r: number, b: number): boolean {
  let changed = false;
  const count = data[l + b]! + data[r + b]!;
  if (count !== data[at + b]) {
    data[at + b] = count;
    changed = true;
  }
  for (let j = b + 1; j < b + SHAPE_FIELDS; j += 2) {
    if (mergeMax(data, at + j, l + j, r + j)) changed = true;
    if (mergeMin(data, at + j + 1, l + j + 1, r + j + 1)) changed = true;
  }
  return changed;
}

function mergeMax(data: Int32Array, at: number, l: number, r: number): boolean {
  const a = data[l]!;
  const b = data[r]!;
  const x = a > b ? a : b;
  if (x === data[at]) return false;
  data[at] = x;
  return true;
}

function mergeMin(data: Int32Array, at: number, l: number, r: number): boolean {
  const a = data[l]!;
  const b = data[r]!;
  const x = a < b ? a : b;
  if (x === data[at]) return false;
  data[at] = x;
  return true;
}

/** An all-empty record array for `size` leaves. */
export function emptyRecords(size: number, shapes: number): Int32Array {
  const stride = recordStride(shapes);
  const data = new Int32Array(2 * size * stride);
  const empty: LeafValues = { usable: false, fit: new Int32Array(C), free: new Int32Array(C), fitsShape: new Uint8Array(shapes) };
  for (let v = 0; v < 2 * size; v++) writeLeafRecord(data, v * stride, empty, shapes);
  return data;
}

class Tree implements SubsetTree {
  readonly size: number;
  readonly hosts: Int32Array;
  readonly stride: number;
  readonly data: Int32Array;

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
  }

  get hostCount(): number {
    return this.hosts.length;
  }

  /** Writes leaf `pos` and fixes its root path, stopping at the first node that does not change. */
  setLeaf(pos: number, leaf: LeafValues): void {
    const stride = this.stride;
    let v = this.size + pos;
    writeLeafRecord(this.data, v * stride, leaf, this.shapes);
    for (v >>= 1; v >= 1; v >>= 1) {
      if (!mergeRecords(this.data, v * stride, 2 * v * stride, (2 * v + 1) * stride, this.shapes)) break;
    }
  }
}

/** A metadata subset to index: its `metadataKey` and its hosts (any order; duplicates ignored). */
export interface SubsetDefinition {
  readonly key: string;
  readonly hosts: readonly number[];
}

/** The mutable index owned by NfviState; placement sees it as a CapacityIndexView. */
export class CapacityIndex implements CapacityIndexView {
  all: SubsetTree;
  trees: readonly SubsetTree[];
  private byKey = new Map<string, Tree>();
  private zoneTrees: readonly Tree[] = [];
  private readonly shapeIds = new Map<string, number>();
  /** Per host: the trees holding it and its leaf position in each. */
  private memberTrees: Tree[][] = [];
  private memberPos: number[][] = [];

  /** Builds empty trees for all hosts, each zone (zones[z] = its hosts) and each metadata subset. */
  constructor(
    private readonly hostCount: number,
    private readonly zones: readonly (readonly number[])[],
    private readonly metadataSubsets: readonly SubsetDefinition[],
  ) {
    const built = this.build(0);
    this.all = built.all;
    this.trees = built.trees;
  }

  zone(zoneIndex: number): SubsetTree | undefined {
    return this.zoneTrees[zoneIndex];
  }

  metadata(key: string, value: string): SubsetTree | undefined {
    return this.byKey.get(metadataKey(key, value));
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
    this.all = built.all;
    this.trees = built.trees;
    return { index, rebuilt: true };
  }

  /** Sets the leaf values of host h in every tree holding it. */
  update(h: number, leaf: LeafValues): void {
    const trees = this.memberTrees[h] ?? [];
    const positions = this.memberPos[h] ?? [];
    for (let k = 0; k < trees.length; k++) trees[k]?.setLeaf(positions[k] ?? 0, leaf);
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
    this.memberTrees = Array.from({ length: this.hostCount }, () => []);
    this.memberPos = Array.from({ length: this.hostCount }, () => []);
    for (const tree of distinct.values()) {
      tree.hosts.forEach((h, pos) => {
        this.memberTrees[h]?.push(tree);
        this.memberPos[h]?.push(pos);
      });
    }
    return { all, trees: [...distinct.values()] };
  }
}
