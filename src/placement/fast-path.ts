/**
 * The fast path of `select`: the same answer as filter-then-weigh over every host (pipeline.ts),
 * found through the NFVI capacity index instead of a scan.
 *
 * 1. Host lists that are small by nature are exceptions to the index: a force list or an affinity
 *    group with members restricts the candidates to those hosts, which are simply run through the
 *    reference pipeline (its result over a superset of the survivors is the same).
 * 2. The tree: all hosts, or the smallest subset implied by the request (its zone, each required
 *    metadata pair) when the policy has that filter. Subtrees are pruned by the node summaries: for a
 *    request whose amounts are a registered shape (nfvi `registerShape`, e.g. every flavour) by the
 *    exact count and free-unit range of the hosts that fit it; otherwise by per-class summaries
 *    (correct, but loose on fleets mixing RAM-rich and disk- or CPU-rich hosts). Every reached host
 *    still runs every filter of the policy, so pruning never decides the answer.
 * 3. No active weigher → first fit (leftmost feasible leaf).
 * 4. One active free-units weigher (spread, pack) → the lowest-index host with the most (m > 0) or
 *    fewest (m < 0) free units. Exact: totals are m × (x − lo) / R with x, lo, R integers and
 *    R < 2^26, so the normalised value of any x below the maximum is ≤ 1 − 2^-26 and m × it stays
 *    strictly below m (likewise strictly below −0 above the minimum) for |m| ≥ 2^-900; the order of
 *    totals is then the order of x, and no normalisation range is needed. Outside these bounds the
 *    general search is used.
 * 5. General: for each free-units weigher the range [lo, hi] over the feasible hosts (two bounded
 *    searches), soft group weighers valued on their member hosts (evaluated explicitly, skipped by the
 *    tree) and 0 elsewhere, then one branch-and-bound for the best total.
 */
import type { IndexPart, NfviView, SubsetLookup, SubsetTree, Topology } from "../nfvi/index.js";
import type { PlacementRequest } from "./request.js";
import { isPlainRequirement } from "./extra-specs-ops.js";
import { selectOver } from "./pipeline.js";
import { clampToMinval } from "./weigh.js";
import { hostMultiplierOverrides } from "./host-multipliers.js";
import {
  bestByInput,
  bestByScore,
  extremeInput,
  leafPasses,
  leftmostFeasible,
  makeContext,
  scoreHost,
  type FreeTerm,
  type ScoreTerm,
  type SearchContext,
} from "./tree-search.js";
import { inputOffsets } from "./weigher-inputs.js";
import type { FilterIndexForm, PolicyParts, WeigherIndexForm, WeigherUse } from "./types.js";

/** What the fast path needs to know about a policy, computed once when the policy is made. */
export interface FastPlan {
  readonly zone: boolean;
  readonly metadata: boolean;
  readonly affinity: boolean;
  readonly hostList: boolean;
  /** Weighers with a non-zero multiplier (zero ones add nothing to any total). */
  readonly terms: readonly { readonly use: WeigherUse; readonly form: WeigherIndexForm }[];
  /** The terms active for a request without a server group: the free-units ones. */
  readonly freeTerms: readonly { readonly use: WeigherUse; readonly form: WeigherIndexForm }[];
  /**
   * Search contexts of group-less requests, by request (callers reuse one request per flavour and
   * zone): a memo, not state — a context is rebuilt whenever its tree or view is not the current one.
   */
  readonly contexts: WeakMap<PlacementRequest, MemoisedContext>;
  /** The last entry of `contexts` read or written: consecutive arrivals mostly share their request. */
  lastRequest: PlacementRequest | undefined;
  lastMemo: MemoisedContext | undefined;
  /** Does some host of `overridesTopology` carry a multiplier override of one of the weighers? (memo) */
  overridesTopology: Topology | undefined;
  overrides: boolean;
}

/** A memoised search context and the part of the index records its search reads. */
interface MemoisedContext {
  readonly ctx: SearchContext;
  readonly part: IndexPart;
}

const PART_RANK: Readonly<Record<IndexPart, number>> = { fits: 0, counts: 1, shapes: 2, all: 3 };

const ROOT = 1;
const MIN_SHORTCUT_MULTIPLIER = 2 ** -900;
const MAX_SHORTCUT_RANGE = 2 ** 26;

/** The fast plan of a policy, or null when some part has no index form (then `select` scans). */
export function planFor(policy: PolicyParts): FastPlan | null {
  const forms = new Set<FilterIndexForm>();
  for (const f of policy.filters) {
    if (f.indexForm === undefined) return null;
    forms.add(f.indexForm);
  }
  // The trees summarise usable hosts and free units: pruning is sound only with both filters present.
  if (!forms.has("host-state") || !forms.has("capacity")) return null;
  const terms: { use: WeigherUse; form: WeigherIndexForm }[] = [];
  for (const use of policy.weighers) {
    const form = use.weigher.indexForm;
    if (form === undefined) return null;
    if (use.multiplier !== 0) terms.push({ use, form });
  }
  return {
    zone: forms.has("availability-zone"),
    metadata: forms.has("aggregate-metadata"),
    affinity: forms.has("affinity"),
    hostList: forms.has("host-list"),
    terms,
    freeTerms: terms.filter((t) => t.form.kind === "free"),
    contexts: new WeakMap(),
    lastRequest: undefined,
    lastMemo: undefined,
    overridesTopology: undefined,
    overrides: false,
  };
}

/** The host `selectOver(policy, view, request)` would choose, or −1; found through the index. */
export function selectFast(policy: PolicyParts, plan: FastPlan, view: NfviView, request: PlacementRequest): number {
  // Per-host multipliers from aggregate metadata break the one-multiplier bounds: scan instead.
  if (hasOverrides(policy, plan, view)) return selectOver(policy, view, request);
  if (request.group === undefined && request.forceHosts === undefined) return selectUngrouped(policy, plan, view, request);
  const allowed = explicitHosts(plan, view, request);
  if (allowed !== undefined) return selectOver(policy, view, request, allowed);
  const tree = chooseTree(plan, view.index, view, request);
  if (tree === undefined) return -1;
  const group = request.group;
  const active = plan.terms.filter((t) => t.form.kind === "free" || (group?.policy === t.form.policy && group.members.size > 0));
  const hasGroupTerm = active.some((t) => t.form.kind === "group");
  const ctx = makeContext(tree, view, request, policy.filters, hasGroupTerm ? group?.members : undefined);
  return searchTree(ctx, active);
}

/** Does some host carry an aggregate multiplier override of one of the policy's weighers? */
function hasOverrides(policy: PolicyParts, plan: FastPlan, view: NfviView): boolean {
  if (plan.overridesTopology !== view.topology) {
    plan.overridesTopology = view.topology;
    plan.overrides = policy.weighers.some((w) => hostMultiplierOverrides(view.topology, w.weigher.multiplierKey) !== null);
  }
  return plan.overrides;
}

/**
 * The common case (no group, no force list): the same search with a memoised context. A search for
 * a registered shape reads only part of the index (IndexPart): first fit only the fit bits,
 * one weigher on a tracked class only the shape blocks; the rest of the index then stays pending.
 */
function selectUngrouped(policy: PolicyParts, plan: FastPlan, view: NfviView, request: PlacementRequest): number {
  let memo = plan.lastMemo;
  if (plan.lastRequest !== request) {
    memo = plan.contexts.get(request);
    plan.lastRequest = request;
    plan.lastMemo = memo;
  }
  const part: IndexPart = memo !== undefined && memo.ctx.view === view ? memo.part : "all";
  const tree = chooseTree(plan, lookupFor(view, part), view, request);
  if (tree === undefined) return -1;
  let ctx = memo?.ctx;
  if (ctx === undefined || ctx.tree !== tree || ctx.view !== view || ctx.filters !== policy.filters) {
    const fresh = makeContext(tree, view, request, policy.filters, undefined);
    const needed = partRead(fresh, plan.freeTerms);
    const made = { ctx: fresh, part: needed };
    plan.contexts.set(request, made);
    plan.lastMemo = made;
    // The tree was flushed for the old part only: search again once it is flushed for the new one.
    if (PART_RANK[needed] > PART_RANK[part]) return selectUngrouped(policy, plan, view, request);
    ctx = fresh;
  }
  return searchTree(ctx, plan.freeTerms);
}

/** The part of the index records a group-less search of `ctx` with `terms` reads. */
function partRead(ctx: SearchContext, terms: FastPlan["terms"]): IndexPart {
  if (ctx.shape < 0) return "all";
  if (terms.length === 0) return "fits";
  return terms.every((t) => t.form.kind === "free" && ctx.exact[t.form.classIndex] === true) ? "shapes" : "all";
}

function lookupFor(view: NfviView, part: IndexPart): SubsetLookup {
  if (part === "fits") return view.index.fitBlocks;
  return part === "counts" ? view.index.countBlocks : part === "shapes" ? view.index.shapeBlocks : view.index;
}

/** First fit, the one-weigher shortcut, or the general branch-and-bound (file comment, 3–5). */
function searchTree(ctx: SearchContext, active: FastPlan["terms"]): number {
  const only = active[0];
  if (only === undefined) return leftmostFeasible(ctx);
  if (active.length === 1 && only.form.kind === "free") {
    const term = freeTerm(ctx, only.use, only.form.classIndex);
    if (shortcutIsExact(ctx, term)) return bestByInput(ctx, term, only.use.multiplier > 0);
  }
  return generalSearch(ctx, active);
}

/** A free-units weigher of class c with the offsets of its input on this view. */
function freeTerm(ctx: SearchContext, use: WeigherUse, c: number): FreeTerm & { readonly integral: boolean } {
  const off = inputOffsets(ctx.view, ctx.request, use.weigher, c);
  return { use, classIndex: c, offLo: off.offLo, offHi: off.offHi, integral: off.integral };
}

/** Hosts that bound the candidates by the request itself (force list, affinity members), ascending. */
function explicitHosts(plan: FastPlan, view: NfviView, request: PlacementRequest): number[] | undefined {
  const group = request.group;
  const lists: (readonly number[])[] = [];
  if (plan.hostList && request.forceHosts !== undefined) lists.push([...request.forceHosts]);
  // A forced request skips the affinity filter (pipeline.ts verdictOf): its members bound nothing then.
  const affinityBinds = plan.affinity && request.forceHosts === undefined && group?.policy === "affinity";
  if (affinityBinds && group.members.size > 0) lists.push([...group.members.keys()]);
  if (lists.length === 0) return undefined;
  const smallest = lists.reduce((a, b) => (b.length < a.length ? b : a));
  return smallest.filter((h) => Number.isInteger(h) && h >= 0 && h < view.hostCount).sort((a, b) => a - b);
}

/** The smallest indexed subset containing every host that can pass; undefined = provably none. */
function chooseTree(plan: FastPlan, subsets: SubsetLookup, view: NfviView, request: PlacementRequest): SubsetTree | undefined {
  let tree = subsets.all;
  // Forced requests skip the zone and metadata filters: nothing narrows them.
  if (request.forceHosts !== undefined) return tree;
  if (plan.zone && request.zone !== undefined) {
    const z = view.topology.zoneIndex(request.zone);
    const zoneTree = z === undefined ? undefined : subsets.zone(z);
    if (zoneTree === undefined) return undefined;
    tree = zoneTree;
  }
  if (plan.metadata) {
    for (const [key, value] of request.requiredMetadata) {
      // An operator requirement (`<in> gold`, `>= 2`) may match many values: it narrows nothing.
      if (!isPlainRequirement(value)) continue;
      const metaTree = subsets.metadata(key, value);
      if (metaTree === undefined) return undefined;
      if (metaTree.hostCount < tree.hostCount) tree = metaTree;
    }
  }
  return tree;
}

/**
 * Is the one-weigher shortcut exact here? Inputs must be integers (RAM and disk always are; CPU when
 * every total × ratio is), and the normalisation range hi − 0 (minval 0; bounded by the largest
 * input over a superset of the candidates: the shape's own range when it is tracked, else the generic
 * one) below 2^26.
 */
function shortcutIsExact(ctx: SearchContext, t: FreeTerm & { readonly integral: boolean }): boolean {
  const m = t.use.multiplier;
  const at = ROOT * ctx.stride;
  const c = t.classIndex;
  const hi = Math.max(0, (ctx.data[at + ctx.maxSlot[c]!] ?? 0) - t.offLo);
  const lo = Math.min(0, (ctx.data[at + ctx.minSlot[c]!] ?? 0) - t.offHi);
  const rangeOk = t.use.weigher.minval === 0 ? hi < MAX_SHORTCUT_RANGE : hi - lo < MAX_SHORTCUT_RANGE;
  return t.integral && Math.abs(m) >= MIN_SHORTCUT_MULTIPLIER && Number.isFinite(m) && rangeOk;
}

/** Ranges of every active weigher over the feasible hosts, then the best total (section 5 above). */
function generalSearch(ctx: SearchContext, active: FastPlan["terms"]): number {
  const members = ctx.skip === undefined ? [] : [...ctx.skip.keys()].sort((a, b) => a - b);
  const explicit = members.filter((h) => h < ctx.view.hostCount && leafPasses({ ...ctx, skip: undefined }, h));
  let treeHasFeasible: boolean | undefined;
  const terms: ScoreTerm[] = [];
  for (const { use, form } of active) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    const term = form.kind === "free" ? freeTerm(ctx, use, form.classIndex) : { use, classIndex: -1, offLo: 0, offHi: 0 };
    const valueAt = (h: number): number => clampToMinval(use, use.weigher.raw(ctx.request, ctx.view, h));
    if (form.kind === "free") {
      const treeHi = extremeInput(ctx, term, true);
      treeHasFeasible = !Number.isNaN(treeHi);
      // minval weighers need only the maximum: lo is the minval (Nova normalize(minval=0)).
      if (treeHasFeasible) [lo, hi] = [use.weigher.minval ?? extremeInput(ctx, term, false), clampToMinval(use, treeHi)];
    } else {
      treeHasFeasible ??= leftmostFeasible(ctx) >= 0;
      if (treeHasFeasible) [lo, hi] = [0, 0];
    }
    for (const h of explicit) [lo, hi] = [Math.min(lo, valueAt(h)), Math.max(hi, valueAt(h))];
    if (use.weigher.minval !== undefined) lo = use.weigher.minval;
    terms.push({ ...term, lo, hi, multiplier: use.multiplier });
  }
  if (treeHasFeasible !== true && explicit.length === 0) return -1;
  let best = treeHasFeasible === true ? bestByScore(ctx, terms) : { host: -1, score: Number.NEGATIVE_INFINITY };
  for (const h of explicit) {
    const score = scoreHost(ctx.view, ctx.request, terms, h);
    if (best.host < 0 || score > best.score || (score === best.score && h < best.host)) best = { host: h, score };
  }
  return best.host;
}
