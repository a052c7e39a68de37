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
 * (typically 2–3 paths of log2(n) nodes), stopping early when a node does not change.
 *
 * Node contents (struct of arrays; per-class arrays are indexed node * RESOURCE_CLASS_COUNT + class),
 * all over the USABLE hosts below the node (UP and enabled); unusable hosts and padding count as empty:
 * - `usable`: how many usable hosts;
 * - `maxFit`: max over hosts of min(free, maxUnit): a request of `a > 0` units can only fit below a
 *   node with maxFit ≥ a (necessary condition; minUnit/stepSize are checked at the leaf);
 * - `maxFree`, `minFree`: range of free units (capacity − used; negative when exceeded);
 * - `freeMask`: bit b set when some host's free units fall in bucket b (`freeBucket`). A min-search
 *   over hosts with free ≥ a uses it to lift the lower bound to the floor of the first occupied
 *   bucket ≥ bucket(a), which is what keeps "pack" (least free first) from exploring every subtree
 *   that mixes full and nearly empty hosts.
 */
import { RESOURCE_CLASS_COUNT } from "../domain/index.js";
import { metadataKey } from "./topology.js";

const C = RESOURCE_CLASS_COUNT;

/** Bucket of a free amount: 0 for x < 1, else 1 + floor(log2 x), capped at 31 (x ≥ 2^30). */
export function freeBucket(x: number): number {
  if (x < 1) return 0;
  if (x >= 1073741824) return 31;
  return 32 - Math.clz32(x);
}

/** Smallest free amount that falls in bucket b (−∞ for bucket 0). */
export const bucketFloor = (b: number): number => (b === 0 ? Number.NEGATIVE_INFINITY : 2 ** (b - 1));

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
}

/** What placement may read: the trees to search. */
export interface CapacityIndexView {
  readonly all: SubsetTree;
  /** The tree of one zone (by zone index), undefined for an unknown index. */
  zone(zoneIndex: number): SubsetTree | undefined;
  /** The tree of the hosts whose merged metadata holds `value` for `key`; undefined = no such host. */
  metadata(key: string, value: string): SubsetTree | undefined;
  /** Every distinct tree, for tests and the consistency check. */
  readonly trees: readonly SubsetTree[];
}

class Tree implements SubsetTree {
  readonly size: number;
  readonly hosts: Int32Array;
  readonly usable: Int32Array;
  readonly maxFit: Float64Array;
  readonly maxFree: Float64Array;
  readonly minFree: Float64Array;
  readonly freeMask: Int32Array;

  constructor(
    readonly key: string,
    hostList: readonly number[],
  ) {
    let size = 1;
    while (size < hostList.length) size *= 2;
    this.size = size;
    this.hosts = Int32Array.from(hostList);
    this.usable = new Int32Array(2 * size);
    this.maxFit = new Float64Array(2 * size * C).fill(Number.NEGATIVE_INFINITY);
    this.maxFree = new Float64Array(2 * size * C).fill(Number.NEGATIVE_INFINITY);
    this.minFree = new Float64Array(2 * size * C).fill(Number.POSITIVE_INFINITY);
    this.freeMask = new Int32Array(2 * size * C);
  }

  get hostCount(): number {
    return this.hosts.length;
  }

  /** Writes leaf `pos` and fixes its root path, stopping at the first node that does not change. */
  setLeaf(pos: number, usable: boolean, fit: ArrayLike<number>, free: ArrayLike<number>): void {
    let v = this.size + pos;
    this.usable[v] = usable ? 1 : 0;
    for (let c = 0; c < C; c++) {
      const i = v * C + c;
      const f = free[c] ?? 0;
      this.maxFit[i] = usable ? (fit[c] ?? 0) : Number.NEGATIVE_INFINITY;
      this.maxFree[i] = usable ? f : Number.NEGATIVE_INFINITY;
      this.minFree[i] = usable ? f : Number.POSITIVE_INFINITY;
      this.freeMask[i] = usable ? 1 << freeBucket(f) : 0;
    }
    for (v >>= 1; v >= 1; v >>= 1) if (!this.pull(v)) break;
  }

  /** Recomputes node v from its children; false when nothing changed. */
  pull(v: number): boolean {
    const l = 2 * v;
    const r = l + 1;
    const count = (this.usable[l] ?? 0) + (this.usable[r] ?? 0);
    let changed = count !== this.usable[v];
    this.usable[v] = count;
    for (let c = 0; c < C; c++) {
      const i = v * C + c;
      const li = l * C + c;
      const ri = r * C + c;
      const fit = Math.max(this.maxFit[li] ?? 0, this.maxFit[ri] ?? 0);
      const hi = Math.max(this.maxFree[li] ?? 0, this.maxFree[ri] ?? 0);
      const lo = Math.min(this.minFree[li] ?? 0, this.minFree[ri] ?? 0);
      const mask = (this.freeMask[li] ?? 0) | (this.freeMask[ri] ?? 0);
      if (fit !== this.maxFit[i] || hi !== this.maxFree[i] || lo !== this.minFree[i] || mask !== this.freeMask[i]) {
        changed = true;
        this.maxFit[i] = fit;
        this.maxFree[i] = hi;
        this.minFree[i] = lo;
        this.freeMask[i] = mask;
      }
    }
    return changed;
  }
}

/** A metadata subset to index: its `metadataKey` and its hosts (any order; duplicates ignored). */
export interface SubsetDefinition {
  readonly key: string;
  readonly hosts: readonly number[];
}

/** The mutable index owned by NfviState; placement sees it as a CapacityIndexView. */
export class CapacityIndex implements CapacityIndexView {
  readonly all: SubsetTree;
  readonly trees: readonly SubsetTree[];
  private readonly byKey = new Map<string, Tree>();
  private readonly zoneTrees: readonly Tree[];
  /** Per host: the (tree, leaf position) pairs holding it, flattened. */
  private readonly memberTrees: Tree[][];
  private readonly memberPos: number[][];

  /** Builds empty trees for all hosts, each zone (zones[z] = its hosts) and each metadata subset. */
  constructor(hostCount: number, zones: readonly (readonly number[])[], metadata: readonly SubsetDefinition[]) {
    const distinct = new Map<string, Tree>();
    const make = (key: string, hosts: readonly number[]): Tree => {
      const sorted = [...new Set(hosts)].sort((a, b) => a - b);
      const signature = sorted.join(",");
      const existing = distinct.get(signature);
      if (existing !== undefined) return existing;
      const tree = new Tree(key, sorted);
      distinct.set(signature, tree);
      return tree;
    };
    const all = make("all", Array.from({ length: hostCount }, (_, i) => i));
    this.all = all;
    this.zoneTrees = zones.map((hosts, z) => make(`zone:${z}`, hosts));
    for (const m of metadata) this.byKey.set(m.key, make(`meta:${m.key.replace("\u0000", "=")}`, m.hosts));
    this.trees = [...distinct.values()];
    this.memberTrees = Array.from({ length: hostCount }, () => []);
    this.memberPos = Array.from({ length: hostCount }, () => []);
    for (const tree of distinct.values()) {
      tree.hosts.forEach((h, pos) => {
        this.memberTrees[h]?.push(tree);
        this.memberPos[h]?.push(pos);
      });
    }
  }

  zone(zoneIndex: number): SubsetTree | undefined {
    return this.zoneTrees[zoneIndex];
  }

  metadata(key: string, value: string): SubsetTree | undefined {
    return this.byKey.get(metadataKey(key, value));
  }

  /** Sets the leaf values of host h in every tree holding it. `fit`/`free` are per class. */
  update(h: number, usable: boolean, fit: ArrayLike<number>, free: ArrayLike<number>): void {
    const trees = this.memberTrees[h] ?? [];
    const positions = this.memberPos[h] ?? [];
    for (let k = 0; k < trees.length; k++) trees[k]?.setLeaf(positions[k] ?? 0, usable, fit, free);
  }
}
