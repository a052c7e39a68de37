/**
 * Branch-and-bound searches over one capacity-index tree (nfvi capacity-index.ts). Pure reads.
 *
 * Soundness: a subtree is skipped only when its node summary proves that no host below it can pass
 * the filters (no usable host, or some requested class with maxFit < amount) or cannot beat the best
 * found so far. Every host that is actually reached is checked with the policy's real filters and
 * scored with the real weighers, so the pruning only decides what is looked at, never the answer.
 *
 * Bounds are monotone in IEEE arithmetic: (x − lo) / R with R > 0, then × m, then summed, never
 * decreases when x grows (for m ≥ 0) — so scoring a node with the per-class maxima (m ≥ 0) or minima
 * (m < 0) of its hosts gives a number ≥ the computed score of every host below it.
 *
 * Ties: searches that return a host prefer the lowest host index; leaf positions are in ascending
 * host order, so a node whose first host is after the best host cannot tie-win.
 */
import { RESOURCE_CLASS_COUNT } from "../domain/index.js";
import {
  bucketFloor,
  FIT,
  freeBucket,
  genericSlot,
  MASK,
  MAX_FREE,
  MIN_FREE,
  shapeFreeSlot,
  shapeSlot,
  USABLE,
  type NfviView,
  type SubsetTree,
} from "../nfvi/index.js";
import { verdictOf } from "./pipeline.js";
import type { PlacementRequest } from "./request.js";
import type { Filter, WeigherUse } from "./types.js";
import { clampToMinval, normalize } from "./weigh.js";

const C = RESOURCE_CLASS_COUNT;
/**
 * Scratch stacks reused by every search (a depth-first search of a tree of height ≤ 31 holds at most
 * 2 × 31 + 2 nodes). Not state: each search starts from an empty stack and no search nests another.
 */
const STACK = new Int32Array(128);
const BOUNDS = new Float64Array(128);

export interface SearchContext {
  readonly tree: SubsetTree;
  readonly data: ArrayLike<number>;
  readonly stride: number;
  /** log2(tree.size). */
  readonly levels: number;
  readonly view: NfviView;
  readonly request: PlacementRequest;
  readonly filters: readonly Filter[];
  /** Class indices with a non-zero requested amount. */
  readonly requested: readonly number[];
  /** Hosts the caller evaluates itself (group members); the tree search skips them. */
  readonly skip: ReadonlyMap<number, number> | undefined;
  /** Registered shape of the request (exact per-shape summaries), or −1 (generic summaries). */
  readonly shape: number;
  /** Record slot of the shape's fitting-host count (shape ≥ 0). */
  readonly countSlot: number;
  /** Per class: record slot of the max / min free units bounding the feasible hosts. */
  readonly maxSlot: readonly number[];
  readonly minSlot: readonly number[];
  /** Per class: are maxSlot/minSlot the shape's exact summaries (else generic ones)? */
  readonly exact: readonly boolean[];
}

/**
 * A free-units weigher as the fast path reads it: its input on any host below a node lies within the
 * node's free-unit bounds shifted by the offsets (weigher-inputs.ts); leaves use the real input.
 */
export interface FreeTerm {
  readonly use: WeigherUse;
  readonly classIndex: number;
  readonly offLo: number;
  readonly offHi: number;
}

/** One weigher as the fast path scores it: classIndex −1 = group weigher, raw 0 on every tree host. */
export interface ScoreTerm extends FreeTerm {
  readonly lo: number;
  readonly hi: number;
  /** The multiplier of every host the search reaches (per-host overrides send policies to the scan). */
  readonly multiplier: number;
}

export function makeContext(
  tree: SubsetTree,
  view: NfviView,
  request: PlacementRequest,
  filters: readonly Filter[],
  skip: ReadonlyMap<number, number> | undefined,
): SearchContext {
  const requested: number[] = [];
  for (let c = 0; c < C; c++) if ((request.amounts[c] ?? 0) > 0) requested.push(c);
  const shape = view.index.shape(request.shapeKey);
  const base = shape >= 0 ? shapeSlot(shape) : 0;
  const maxSlot: number[] = [];
  const minSlot: number[] = [];
  const exact: boolean[] = [];
  for (let c = 0; c < C; c++) {
    const slot = shape >= 0 ? shapeFreeSlot(shape, c) : -1;
    maxSlot.push(slot >= 0 ? slot : genericSlot(c) + MAX_FREE);
    minSlot.push(slot >= 0 ? slot + 1 : genericSlot(c) + MIN_FREE);
    exact.push(slot >= 0);
  }
  const levels = 31 - Math.clz32(tree.size);
  const { data, stride } = tree;
  return { tree, data, stride, levels, view, request, filters, requested, skip, shape, countSlot: base, maxSlot, minSlot, exact };
}

/**
 * Can some host below node v pass the host-state and capacity filters? Exact for a registered shape,
 * a necessary condition otherwise.
 */
function mayFit(ctx: SearchContext, v: number): boolean {
  const at = v * ctx.stride;
  const data = ctx.data;
  if (ctx.shape >= 0) return data[at + ctx.countSlot]! > 0;
  if (data[at + USABLE] === 0) return false;
  const amounts = ctx.request.amounts;
  for (const c of ctx.requested) if (data[at + genericSlot(c) + FIT]! < amounts[c]!) return false;
  return true;
}

/** Lowest host index below node v (the host of its leftmost leaf). */
function firstHost(ctx: SearchContext, v: number): number {
  const depth = 31 - Math.clz32(v);
  const pos = (v << (ctx.levels - depth)) - ctx.tree.size;
  return ctx.tree.hosts[pos] ?? Number.MAX_SAFE_INTEGER;
}

/** The host at leaf v, or −1 for padding. */
function leafHost(ctx: SearchContext, v: number): number {
  return ctx.tree.hosts[v - ctx.tree.size] ?? -1;
}

/** Does host h pass every filter of the policy (and is it not one the caller handles)? */
export function leafPasses(ctx: SearchContext, h: number): boolean {
  if (ctx.skip?.has(h) === true) return false;
  for (const f of ctx.filters) if (verdictOf(f, ctx.request, ctx.view, h) !== null) return false;
  return true;
}

/** Upper bound of free units of class c over the feasible hosts below v (exact for a registered shape). */
function maxFreeBound(ctx: SearchContext, v: number, c: number): number {
  return ctx.data[v * ctx.stride + ctx.maxSlot[c]!]!;
}

/**
 * Lower bound of free units of class c over the feasible hosts below v. Exact for a registered shape;
 * otherwise: a feasible host has at least the requested amount free, so it sits in a bucket
 * ≥ bucket(amount); the first such occupied bucket lifts the bound (capacity-index.ts, MASK).
 */
function minFreeBound(ctx: SearchContext, v: number, c: number): number {
  const at = v * ctx.stride;
  const minFree = ctx.data[at + ctx.minSlot[c]!]!;
  const a = ctx.request.amounts[c]!;
  if (ctx.exact[c] === true || a === 0) return minFree;
  const mask = ctx.data[at + genericSlot(c) + MASK]! & (-1 << freeBucket(a));
  if (mask === 0) return Number.POSITIVE_INFINITY;
  const lowest = 31 - Math.clz32(mask & -mask);
  return Math.max(a, minFree, bucketFloor(lowest));
}

/**
 * The lowest-index host of the tree passing every filter (first fit), or −1. A registered shape's
 * candidates are the leaves of its fit bits, in order (the same leaves mayFit leads to); others
 * descend the tree.
 */
export function leftmostFeasible(ctx: SearchContext): number {
  if (ctx.shape >= 0) {
    const { tree, shape } = ctx;
    for (let pos = tree.firstFitFrom(shape, 0); pos >= 0; pos = tree.firstFitFrom(shape, pos + 1)) {
      const h = tree.hosts[pos]!;
      if (leafPasses(ctx, h)) return h;
    }
    return -1;
  }
  const stack = STACK;
  let top = 0;
  stack[top++] = 1;
  while (top > 0) {
    const v = stack[--top] ?? 1;
    if (!mayFit(ctx, v)) continue;
    if (v >= ctx.tree.size) {
      const h = leafHost(ctx, v);
      if (h >= 0 && leafPasses(ctx, h)) return h;
      continue;
    }
    stack[top++] = 2 * v + 1;
    stack[top++] = 2 * v;
  }
  return -1;
}

/** Upper bound of the weigher input of `t` over the feasible hosts below v. */
function maxInputBound(ctx: SearchContext, v: number, t: FreeTerm): number {
  return maxFreeBound(ctx, v, t.classIndex) - t.offLo;
}

/** Lower bound of the weigher input of `t` over the feasible hosts below v. */
function minInputBound(ctx: SearchContext, v: number, t: FreeTerm): number {
  return minFreeBound(ctx, v, t.classIndex) - t.offHi;
}

/** Max (or min) of the raw input of free-units weigher `t` over the feasible hosts of the tree; NaN when none. */
export function extremeInput(ctx: SearchContext, t: FreeTerm, wantMax: boolean): number {
  const bound = wantMax ? maxInputBound : minInputBound;
  const sign = wantMax ? 1 : -1;
  const stack = STACK;
  const bounds = BOUNDS;
  let best = Number.NEGATIVE_INFINITY; // in "sign × value" space: higher is better
  let found = false;
  let top = 0;
  stack[top] = 1;
  bounds[top++] = Number.POSITIVE_INFINITY;
  while (top > 0) {
    top--;
    const v = stack[top] ?? 1;
    if (found && (bounds[top] ?? 0) <= best) continue;
    if (!mayFit(ctx, v)) continue;
    if (v >= ctx.tree.size) {
      const h = leafHost(ctx, v);
      if (h < 0 || !leafPasses(ctx, h)) continue;
      const x = sign * t.use.weigher.raw(ctx.request, ctx.view, h);
      if (!found || x > best) best = x;
      found = true;
      continue;
    }
    top = pushChildren(stack, bounds, top, v, sign * bound(ctx, 2 * v, t), sign * bound(ctx, 2 * v + 1, t));
  }
  return found ? sign * best : Number.NaN;
}

/**
 * The lowest-index feasible host with the most (wantMax) or fewest inputs of `t` after its minval:
 * the answer of a policy whose only active weigher is `t` (see fast-path.ts for when that is exact).
 */
export function bestByInput(ctx: SearchContext, t: FreeTerm, wantMax: boolean): number {
  const sign = wantMax ? 1 : -1;
  const bound = wantMax ? maxInputBound : minInputBound;
  return branchAndBound(
    ctx,
    (v) => sign * clampToMinval(t.use, bound(ctx, v, t)),
    (h) => sign * clampToMinval(t.use, t.use.weigher.raw(ctx.request, ctx.view, h)),
  );
}

/** The best feasible host of the tree by the weighed total of `terms` (ties → lowest index). */
export function bestByScore(ctx: SearchContext, terms: readonly ScoreTerm[]): { host: number; score: number } {
  const host = branchAndBound(
    ctx,
    (v) => scoreBound(ctx, terms, v),
    (h) => scoreHost(ctx.view, ctx.request, terms, h),
  );
  return { host, score: host < 0 ? Number.NEGATIVE_INFINITY : scoreHost(ctx.view, ctx.request, terms, host) };
}

/** Weighed total of host h: 0, then + multiplier × normalize(input after minval) per term, in weigher order. */
export function scoreHost(view: NfviView, request: PlacementRequest, terms: readonly ScoreTerm[], h: number): number {
  let total = 0;
  for (const t of terms) total += t.multiplier * normalize(clampToMinval(t.use, t.use.weigher.raw(request, view, h)), t.lo, t.hi);
  return total;
}

/**
 * Bound from per-class extremes: each term scored at its best input bound below v (minval and
 * normalisation are monotone). With several weighers the best values may come from different hosts,
 * so on fleets mixing RAM-rich and CPU-rich hosts this bound is loose and the search visits more of
 * the tree (still exact).
 */
function scoreBound(ctx: SearchContext, terms: readonly ScoreTerm[], v: number): number {
  let total = 0;
  for (const t of terms) {
    const m = t.multiplier;
    const x = t.classIndex < 0 ? 0 : m >= 0 ? maxInputBound(ctx, v, t) : minInputBound(ctx, v, t);
    total += m * normalize(clampToMinval(t.use, x), t.lo, t.hi);
  }
  return total;
}

/**
 * Generic search for the feasible host maximising `value`, ties to the lowest host index, where
 * `bound(v)` ≥ value of every host below node v.
 */
function branchAndBound(
  ctx: SearchContext,
  bound: (v: number) => number,
  value: (h: number) => number,
): number {
  const stack = STACK;
  const bounds = BOUNDS;
  let best = Number.NEGATIVE_INFINITY;
  let bestHost = -1;
  let top = 0;
  stack[top] = 1;
  bounds[top++] = Number.POSITIVE_INFINITY;
  while (top > 0) {
    top--;
    const v = stack[top] ?? 1;
    const b = bounds[top] ?? 0;
    if (bestHost >= 0 && (b < best || (b === best && firstHost(ctx, v) > bestHost))) continue;
    if (!mayFit(ctx, v)) continue;
    if (v >= ctx.tree.size) {
      const h = leafHost(ctx, v);
      if (h < 0 || !leafPasses(ctx, h)) continue;
      const x = value(h);
      if (bestHost < 0 || x > best || (x === best && h < bestHost)) {
        best = x;
        bestHost = h;
      }
      continue;
    }
    top = pushChildren(stack, bounds, top, v, bound(2 * v), bound(2 * v + 1));
  }
  return bestHost;
}

/**
 * Pushes both children of v with their bounds, the better one last so it is popped first; on equal
 * bounds the left child (lower host indices) is explored first. Returns the new stack top.
 */
function pushChildren(stack: Int32Array, bounds: Float64Array, top: number, v: number, bl: number, br: number): number {
  const l = 2 * v;
  if (bl >= br) {
    stack[top] = l + 1;
    bounds[top] = br;
    stack[top + 1] = l;
    bounds[top + 1] = bl;
  } else {
    stack[top] = l;
    bounds[top] = bl;
    stack[top + 1] = l + 1;
    bounds[top + 1] = br;
  }
  return top + 2;
}
