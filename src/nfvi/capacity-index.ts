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
 * Node record (index-record.ts): per node, the usable-host count, per class the generic summaries
 * (fit, max/min free, free buckets), and per registered SHAPE the hosts where the whole shape fits
 * with their tracked free units. Shapes (typically the flavours) make the index exact for their
 * requests: per-class maxima alone cannot tell "one host has RAM, another has disk" from "one host has
 * both", which on heterogeneous fleets sends searches through every mixed subtree. Requests of another
 * shape use the generic summaries (still exact answers, looser bounds).
 *
 * Cost (measured ad hoc, 10,000 hosts, one zone, 5 shapes): a claim or release updates the index in
 * about 1–1.5 µs; each extra subset holding a host (zone, metadata pair) adds one more root path.
 *
 * Files: index-record.ts (the node record: layout, leaf writes, merges), subset-tree.ts (one tree with
 * its fit bits and pending leaves), this file (the subsets, the shapes, the lazy flush per part).
 */
import { Tree, type SubsetTree } from "./subset-tree.js";
import type { IndexPart, LeafSource } from "./index-record.js";
import { metadataKey } from "./topology.js";

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

  /**
   * Host h changed: its leaf in every tree holding it is rewritten before that tree is next read. Runs
   * on every claim and release (bench/e2e.bench.ts): a walk of flat typed arrays, no allocation.
   */
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
