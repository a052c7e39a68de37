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
 * single-zone cloud keeps a single tree. A host change updates one root path per subset holding it
 * (typically 2–3 paths of log2(n) nodes), stopping early at the first node that does not change.
 *
 * Node contents (struct of arrays; per-class arrays are indexed node * RESOURCE_CLASS_COUNT + class),
 * all over the USABLE hosts below the node (UP and enabled); unusable hosts and padding count as empty:
 * - `usable`: how many usable hosts;
 * - `maxFit`: max over hosts of min(free, maxUnit): a request of `a > 0` units can only fit below a
 *   node with maxFit ≥ a (necessary condition; minUnit/stepSize are checked at the leaf);
 * - `maxFree`, `minFree`: range of free units (capacity − used; negative when exceeded);
 * - `freeMask`: bit b set when some host's free units fall in bucket b (`freeBucket`). A min-search
 *   over hosts with free ≥ a uses it to lift the lower bound to the floor of the first occupied
 *   bucket ≥ bucket(a).
 *
 * Registered SHAPES (request amounts, typically the flavours of the catalogue) make the index exact:
 * per-class maxima cannot tell "one host has RAM, another has disk" from "one host has both", which
 * on heterogeneous hosts sends searches through every mixed subtree. For each shape k a node also
 * keeps `shapeCount` (usable hosts where the whole shape fits by the capacity rule, units included)
 * and `shapeMaxFree`/`shapeMinFree` (free units per class over exactly those hosts), indexed
 * (node * shapeCount + k) * RESOURCE_CLASS_COUNT + class. Requests of another shape use the generic
 * summaries above.
 */
import { RESOURCE_CLASS_COUNT } from "../domain/index.js";
import { metadataKey } from "./topology.js";

const C = RESOURCE_CLASS_COUNT;
const NEG = Number.NEGATIVE_INFINITY;
const POS = Number.POSITIVE_INFINITY;

/** Bucket of a free amount: 0 for x < 1, else 1 + floor(log2 x), capped at 31 (x ≥ 2^30). */
export function freeBucket(x: number): number {
  if (x < 1) return 0;
  if (x >= 1073741824) return 31;
  return 32 - Math.clz32(x);
}

/** Smallest free amount that falls in bucket b (−∞ for bucket 0). */
export const bucketFloor = (b: number): number => (b === 0 ? NEG : 2 ** (b - 1));

/** The key of a request shape: its amounts in RESOURCE_CLASSES order, comma-separated. */
export const shapeKey = (amounts: ArrayLike<number>): string => Array.from(amounts).join(",");

/** A read-only segment tree over one host subset (see the file comment for the node contents). */
export interface SubsetTree {
  /** "all", "zone:<index>" or "meta:<key>=<value>" (the first subset that created it). */
  readonly key: string;
  readonly hostCount: number;
  /** Number of leaves: a power of two ≥ hostCount (at least 1). Node 1 is the root; leaf p is node size + p. */
  readonly size: number;
  /** Leaf position → host index (ascending). */
  readonly hosts: ArrayLike<number>;
  readonly usable: ArrayLike<number>;
  readonly maxFit: ArrayLike<number>;
  readonly maxFree: ArrayLike<number>;
  readonly minFree: ArrayLike<number>;
  readonly freeMask: ArrayLike<number>;
  /** Number of registered shapes (the stride of the shape arrays). */
  readonly shapes: number;
  readonly shapeCount: ArrayLike<number>;
  readonly shapeMaxFree: ArrayLike<number>;
  readonly shapeMinFree: ArrayLike<number>;
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
  readonly usable: boolean;
  /** Per class: min(free, maxUnit). */
  readonly fit: ArrayLike<number>;
  /** Per class: capacity − used. */
  readonly free: ArrayLike<number>;
  /** Per registered shape: 1 when the whole shape fits on the host by the capacity rule. */
  readonly fitsShape: ArrayLike<number>;
}

class Tree implements SubsetTree {
  readonly size: number;
  readonly hosts: Int32Array;
  readonly usable: Int32Array;
  readonly maxFit: Float64Array;
  readonly maxFree: Float64Array;
  readonly minFree: Float64Array;
  readonly freeMask: Int32Array;
  readonly shapeCount: Int32Array;
  readonly shapeMaxFree: Float64Array;
  readonly shapeMinFree: Float64Array;
  /** Scratch of setLeaf: which shapes still change on the way up. */
  private readonly dirty: Uint8Array;

  constructor(
    readonly key: string,
    hostList: readonly number[],
    readonly shapes: number,
  ) {
    let size = 1;
    while (size < hostList.length) size *= 2;
    this.size = size;
    this.hosts = Int32Array.from(hostList);
    this.usable = new Int32Array(2 * size);
    this.maxFit = new Float64Array(2 * size * C).fill(NEG);
    this.maxFree = new Float64Array(2 * size * C).fill(NEG);
    this.minFree = new Float64Array(2 * size * C).fill(POS);
    this.freeMask = new Int32Array(2 * size * C);
    this.shapeCount = new Int32Array(2 * size * shapes);
    this.shapeMaxFree = new Float64Array(2 * size * shapes * C).fill(NEG);
    this.shapeMinFree = new Float64Array(2 * size * shapes * C).fill(POS);
    this.dirty = new Uint8Array(shapes);
  }

  get hostCount(): number {
    return this.hosts.length;
  }

  /**
   * Writes leaf `pos` and fixes its root path. Only the summaries that changed at the leaf are
   * recomputed on the way up (a class bit mask, a per-shape dirty flag), and each is dropped at the
   * first node where it no longer changes: the parent of an unchanged node cannot change.
   */
  setLeaf(pos: number, leaf: LeafValues): void {
    let v = this.size + pos;
    let classMask = this.writeGenericLeaf(v, leaf);
    let dirtyShapes = this.writeShapeLeaf(v, leaf);
    for (v >>= 1; v >= 1 && (classMask !== 0 || dirtyShapes > 0); v >>= 1) {
      if (classMask !== 0) classMask = this.pullGeneric(v, classMask);
      if (dirtyShapes > 0) dirtyShapes = this.pullShapes(v);
    }
  }

  /** Writes the generic leaf values; returns the mask of changed parts (bit c = class c, bit C = usable). */
  private writeGenericLeaf(v: number, leaf: LeafValues): number {
    const usable = leaf.usable;
    let mask = (this.usable[v] === 1) !== usable ? 1 << C : 0;
    this.usable[v] = usable ? 1 : 0;
    for (let c = 0; c < C; c++) {
      const i = v * C + c;
      const f = leaf.free[c] ?? 0;
      const fit = usable ? (leaf.fit[c] ?? 0) : NEG;
      const hi = usable ? f : NEG;
      const lo = usable ? f : POS;
      const bits = usable ? 1 << freeBucket(f) : 0;
      if (fit !== this.maxFit[i] || hi !== this.maxFree[i] || lo !== this.minFree[i] || bits !== this.freeMask[i]) {
        mask |= 1 << c;
        this.maxFit[i] = fit;
        this.maxFree[i] = hi;
        this.minFree[i] = lo;
        this.freeMask[i] = bits;
      }
    }
    return mask;
  }

  /** Writes the per-shape leaf values; flags changed shapes in `dirty` and returns how many. */
  private writeShapeLeaf(v: number, leaf: LeafValues): number {
    let dirtyCount = 0;
    const K = this.shapes;
    for (let k = 0; k < K; k++) {
      const fits = leaf.usable && leaf.fitsShape[k] === 1;
      const node = v * K + k;
      let changed = (this.shapeCount[node] === 1) !== fits;
      this.shapeCount[node] = fits ? 1 : 0;
      for (let c = 0; c < C; c++) {
        const i = node * C + c;
        const hi = fits ? (leaf.free[c] ?? 0) : NEG;
        const lo = fits ? (leaf.free[c] ?? 0) : POS;
        if (hi !== this.shapeMaxFree[i] || lo !== this.shapeMinFree[i]) {
          changed = true;
          this.shapeMaxFree[i] = hi;
          this.shapeMinFree[i] = lo;
        }
      }
      this.dirty[k] = changed ? 1 : 0;
      if (changed) dirtyCount++;
    }
    return dirtyCount;
  }

  /** Recomputes the parts of node v named by `mask` from its children; returns the parts that changed. */
  private pullGeneric(v: number, mask: number): number {
    const l = 2 * v;
    const r = l + 1;
    let changed = 0;
    if ((mask & (1 << C)) !== 0) {
      const count = (this.usable[l] ?? 0) + (this.usable[r] ?? 0);
      if (count !== this.usable[v]) changed |= 1 << C;
      this.usable[v] = count;
    }
    for (let c = 0; c < C; c++) {
      if ((mask & (1 << c)) === 0) continue;
      const i = v * C + c;
      const li = l * C + c;
      const ri = r * C + c;
      const fit = Math.max(this.maxFit[li] ?? 0, this.maxFit[ri] ?? 0);
      const hi = Math.max(this.maxFree[li] ?? 0, this.maxFree[ri] ?? 0);
      const lo = Math.min(this.minFree[li] ?? 0, this.minFree[ri] ?? 0);
      const bits = (this.freeMask[li] ?? 0) | (this.freeMask[ri] ?? 0);
      if (fit !== this.maxFit[i] || hi !== this.maxFree[i] || lo !== this.minFree[i] || bits !== this.freeMask[i]) {
        changed |= 1 << c;
        this.maxFit[i] = fit;
        this.maxFree[i] = hi;
        this.minFree[i] = lo;
        this.freeMask[i] = bits;
      }
    }
    return changed;
  }

  /** Recomputes the dirty shapes of node v; clears the flags of those that did not change. */
  private pullShapes(v: number): number {
    const K = this.shapes;
    const counts = this.shapeCount;
    const maxs = this.shapeMaxFree;
    const mins = this.shapeMinFree;
    const dirty = this.dirty;
    let dirtyCount = 0;
    for (let k = 0; k < K; k++) {
      if (dirty[k] === 0) continue;
      const node = v * K + k;
      const l = 2 * v * K + k;
      const r = l + K;
      const count = counts[l]! + counts[r]!;
      let changed = count !== counts[node];
      counts[node] = count;
      for (let c = 0, i = node * C, li = l * C, ri = r * C; c < C; c++, i++, li++, ri++) {
        const hl = maxs[li]!;
        const hr = maxs[ri]!;
        const hi = hl > hr ? hl : hr;
        const ll = mins[li]!;
        const lr = mins[ri]!;
        const lo = ll < lr ? ll : lr;
        if (hi !== maxs[i] || lo !== mins[i]) {
          changed = true;
          maxs[i] = hi;
          mins[i] = lo;
        }
      }
      if (changed) dirtyCount++;
      else dirty[k] = 0;
    }
    return dirtyCount;
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
