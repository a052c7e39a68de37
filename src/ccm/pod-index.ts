/**
 * The kube-scheduler's view of a cluster's Ready workers, kept so that placing a pod does not scan
 * every node (issue 18 target; measured by bench/ccm.bench.ts): the Ready workers in an array
 * ordered by free CPU (most first, ties by name). The nodes a pod's CPU request fits are a prefix
 * found by binary search, so a pod that fits nowhere is refused in O(log n) (the common case while
 * pods wait for the autoscaler), and only that prefix is scored. A bind or an unbind moves one entry
 * by insertion; a node changing state drops the index, rebuilt on the next use (node changes are
 * rare next to pod events). Every bind and unbind goes through here, so `used` and the index agree,
 * and so do the anti-affinity counts per topology domain (only pods of a deployment with one touch them).
 */
import type { CcmContext } from "./ccm-context.js";
import type { AffinityGroup, ClusterRecord, NodeRecord, NodeUse, PodRecord, ReadyBounds, ReadyEntry } from "./cluster-record.js";
import { CONTROL_PLANE, type PodScoring } from "./cluster-spec.js";

export interface Allocatable {
  readonly cpuMilli: number;
  readonly memoryMb: number;
  readonly gpus: number;
}

const freeCpu = (e: ReadyEntry): number => e.allocatable.cpuMilli - e.use.cpuMilli;

/** Does `a` come before `b`: more free CPU, then name. */
const before = (a: ReadyEntry, b: ReadyEntry): boolean => freeCpu(a) > freeCpu(b) || (freeCpu(a) === freeCpu(b) && a.node.name < b.node.name);

/** The node's use entry (made empty on first need). */
export function useOf(c: ClusterRecord, nodeName: string): NodeUse {
  let u = c.used.get(nodeName);
  if (u === undefined) {
    u = { cpuMilli: 0, memoryMb: 0, gpus: 0, pods: new Set(), entry: undefined };
    c.used.set(nodeName, u);
  }
  return u;
}

/** The index, rebuilt when a node changed state since the last use. */
export function readyIndex(ctx: CcmContext, c: ClusterRecord, allocatableOf: (ctx: CcmContext, flavourId: string) => Allocatable): ReadyEntry[] {
  if (c.readyIndex !== undefined) return c.readyIndex;
  const entries: ReadyEntry[] = [];
  for (const n of c.nodes.values()) {
    if (n.state !== "Ready" || n.pool === CONTROL_PLANE) continue;
    entries.push({ node: n, allocatable: allocatableOf(ctx, n.flavourId), use: useOf(c, n.name), pos: 0 });
  }
  entries.sort((a, b) => (before(a, b) ? -1 : 1));
  let minCpuMilli = Infinity;
  let minMemoryMb = Infinity;
  entries.forEach((e, i) => {
    e.pos = i;
    e.use.entry = e;
    minCpuMilli = Math.min(minCpuMilli, e.allocatable.cpuMilli);
    minMemoryMb = Math.min(minMemoryMb, e.allocatable.memoryMb);
  });
  c.readyIndex = entries;
  c.readyBounds = { minCpuMilli, minMemoryMb, maxFreeMemoryMb: 0, atMax: 0, exact: false };
  return entries;
}

/** Drops the index (a node became or stopped being Ready). */
export function dropReadyIndex(c: ClusterRecord): void {
  c.readyIndex = undefined;
  c.readyBounds = undefined;
}

const freeMemory = (e: ReadyEntry): number => e.allocatable.memoryMb - e.use.memoryMb;

/** Keeps the bounds' most free memory through an entry's change from `oldFree` to `newFree`. */
function memoryMoved(b: ReadyBounds, oldFree: number, newFree: number): void {
  if (!b.exact || oldFree === newFree) return;
  if (oldFree === b.maxFreeMemoryMb) b.atMax--;
  if (newFree > b.maxFreeMemoryMb) {
    b.maxFreeMemoryMb = newFree;
    b.atMax = 1;
  } else if (newFree === b.maxFreeMemoryMb) b.atMax++;
  else if (b.atMax === 0) b.exact = false;
}

/** The bounds with the most free memory known (recounted when the last entry holding it took a pod). */
function exactBounds(b: ReadyBounds, index: readonly ReadyEntry[]): ReadyBounds {
  if (b.exact) return b;
  let max = -Infinity;
  let atMax = 0;
  for (const e of index) {
    const free = freeMemory(e);
    if (free > max) {
      max = free;
      atMax = 1;
    } else if (free === max) atMax++;
  }
  b.maxFreeMemoryMb = max;
  b.atMax = atMax;
  b.exact = true;
  return b;
}

/** Does an entry of free CPU `free` and node `name` come before `x` (more free CPU, then name)? e's side read once per move, no closure. */
const firstOf = (free: number, name: string, x: ReadyEntry): boolean => free > freeCpu(x) || (free === freeCpu(x) && name < x.node.name);

/**
 * Moves entry `e` to its place after its free CPU changed: the place found by binary search, the
 * entries between shifted by one (bench/ccm.bench.ts: a million binds and unbinds, each often moving
 * past a run of nodes of equal free CPU, whose names a step-by-step walk compared one by one).
 */
function reposition(index: ReadyEntry[], e: ReadyEntry): void {
  const free = freeCpu(e);
  const name = e.node.name;
  const from = e.pos;
  if (from > 0 && firstOf(free, name, index[from - 1]!)) {
    // Forward: the first position in [0, from) whose entry e comes before.
    let lo = 0;
    let hi = from - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (firstOf(free, name, index[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    for (let j = from; j > lo; j--) {
      const x = index[j - 1]!;
      index[j] = x;
      x.pos = j;
    }
    index[lo] = e;
    e.pos = lo;
  } else if (from + 1 < index.length && !firstOf(free, name, index[from + 1]!)) {
    // Backward: the last position in (from, length) whose entry comes before e (entries are distinct by name).
    let lo = from + 1;
    let hi = index.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (!firstOf(free, name, index[mid]!)) lo = mid;
      else hi = mid - 1;
    }
    for (let j = from; j < lo; j++) {
      const x = index[j + 1]!;
      index[j] = x;
      x.pos = j;
    }
    index[lo] = e;
    e.pos = lo;
  }
}

/**
 * The topology domain of node `n` for anti-affinity group `g`: the node itself, or its VM's zone
 * (the pool's zone the CCM asked for; for a pool naming none, the VIM's answer, asked once).
 */
export function domainOf(ctx: CcmContext, c: ClusterRecord, g: AffinityGroup, n: NodeRecord): string {
  if (!g.zone) return n.name;
  if (n.zoneId !== undefined) return n.zoneId;
  if (n.placedZoneId === undefined) {
    const placed = ctx.vim.compute.query(c.caller, { ids: [n.computeId] }, ["zoneId"]);
    const zoneId = placed.ok ? placed.value[0]?.["zoneId"] : undefined;
    // A VM the VIM no longer knows: its node is its own domain (it holds nothing others could share).
    n.placedZoneId = typeof zoneId === "string" ? zoneId : `node:${n.name}`;
  }
  return n.placedZoneId;
}

/** Pods of `g` bound in the domain of node `n`. */
export const siblingsIn = (ctx: CcmContext, c: ClusterRecord, g: AffinityGroup, n: NodeRecord): number => g.domains.get(domainOf(ctx, c, g, n)) ?? 0;

/** fitScore's answer for a node the pod does not fit (another pool, short of memory or GPUs). */
const NO_FIT = -Infinity;

/**
 * NodeResourcesFit's memory and GPU test and the LeastAllocated / MostAllocated score in [0, 1] of
 * pod `p` on entry `e` (CPU is already known to fit: the caller walks the CPU-fitting prefix).
 */
function fitScore(e: ReadyEntry, p: PodRecord, scoring: PodScoring): number {
  if (p.pool !== undefined && e.node.pool !== p.pool) return NO_FIT;
  const a = e.allocatable;
  const memLeft = a.memoryMb - e.use.memoryMb - p.memoryMb;
  if (memLeft < 0 || a.gpus - e.use.gpus < p.gpus) return NO_FIT;
  const freeShare = ((freeCpu(e) - p.cpuMilli) / a.cpuMilli + memLeft / a.memoryMb) / 2;
  return scoring === "MostAllocated" ? 1 - freeShare : freeShare;
}

/**
 * NodeResourcesFit over the CPU-fitting prefix, then the scoring; ties by node name. A pod with
 * required anti-affinity skips nodes whose domain holds a sibling (InterPodAffinity's filter); with
 * preferred, each sibling in the domain costs a whole point, more than the resource score's range
 * [0, 1], so the emptiest domains win and the resource score orders within them (weight 100 makes
 * InterPodAffinity dominate NodeResourcesFit in kube-scheduler too).
 */
export function bestEntry(ctx: CcmContext, c: ClusterRecord, index: readonly ReadyEntry[], p: PodRecord, scoring: PodScoring): ReadyEntry | undefined {
  // The prefix of entries with free CPU >= the request (the index is ordered by free CPU, most first).
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (freeCpu(index[mid]!) >= p.cpuMilli) lo = mid + 1;
    else hi = mid;
  }
  // Pods without anti-affinity keep a loop free of its test (bench/ccm.bench.ts: a million placements).
  if (p.affinity !== undefined) return bestAffine(ctx, c, index, lo, p, p.affinity, scoring);
  if (scoring === "LeastAllocated" && c.readyBounds !== undefined) return bestLeast(c.readyBounds, index, lo, p);
  let best: ReadyEntry | undefined;
  let bestScore = -1;
  for (let i = 0; i < lo; i++) {
    const e = index[i]!;
    const score = fitScore(e, p, scoring);
    if (score === NO_FIT) continue;
    if (score > bestScore || (score === bestScore && best !== undefined && e.node.name < best.node.name)) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

/**
 * bestEntry's LeastAllocated loop over the first `lo` entries, stopping where no later entry can
 * score as much as the best so far (bench/ccm.bench.ts: the best is usually among the first, the
 * nodes with the most free CPU, and a full scan scored every fitting node for a million pods). An
 * entry's score is at most its bound: the CPU share with the entry's free CPU over the smallest
 * allocatable CPU, the memory share with the most free memory of any entry over the smallest
 * allocatable memory. Later entries have no more free CPU, so the bound falls along the index;
 * rounding is monotonic in each step, so the bound is never below the score it bounds. It stops
 * only when the bound is strictly below the best score, and skips the rest of an entry's group of
 * equal free CPU when its bound equals the best score and the best's name comes first (they could
 * at most tie, and lose by name); every other entry that could tie is still scored, so the choice
 * is the full scan's, bit for bit.
 */
function bestLeast(b: ReadyBounds, index: readonly ReadyEntry[], lo: number, p: PodRecord): ReadyEntry | undefined {
  // Recounted only when a second entry is reached (a bind to the last entry with the most free memory left it unknown).
  let memoryBound = Number.NaN;
  let best: ReadyEntry | undefined;
  let bestScore = -1;
  for (let i = 0; i < lo; i++) {
    const e = index[i]!;
    if (best !== undefined && b.minCpuMilli > 0) {
      // memLeft is each entry's own memory left at most; below 0 nothing fits, best stays undefined and no check runs.
      if (Number.isNaN(memoryBound)) memoryBound = b.minMemoryMb > 0 ? (exactBounds(b, index).maxFreeMemoryMb - p.memoryMb) / b.minMemoryMb : Infinity;
      const bound = ((freeCpu(e) - p.cpuMilli) / b.minCpuMilli + memoryBound) / 2;
      if (bound < bestScore) break;
      // The rest of e's group (same free CPU) comes after it by name: at most a tie, lost by name.
      if (bound === bestScore && best.node.name < e.node.name) {
        i = groupEnd(index, i, lo) - 1;
        continue;
      }
    }
    const score = fitScore(e, p, "LeastAllocated");
    if (score === NO_FIT) continue;
    if (score > bestScore || (score === bestScore && best !== undefined && e.node.name < best.node.name)) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

/** The first position after `i` (and before `lo`) whose entry has less free CPU than entry `i`'s. */
function groupEnd(index: readonly ReadyEntry[], i: number, lo: number): number {
  const free = freeCpu(index[i]!);
  let from = i + 1;
  let to = lo;
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (freeCpu(index[mid]!) === free) from = mid + 1;
    else to = mid;
  }
  return from;
}

/** bestEntry's loop for a pod of anti-affinity group `g`, over the first `lo` entries. */
function bestAffine(ctx: CcmContext, c: ClusterRecord, index: readonly ReadyEntry[], lo: number, p: PodRecord, g: AffinityGroup, scoring: PodScoring): ReadyEntry | undefined {
  let best: ReadyEntry | undefined;
  let bestScore = -Infinity;
  for (let i = 0; i < lo; i++) {
    const e = index[i]!;
    const resourceScore = fitScore(e, p, scoring);
    if (resourceScore === NO_FIT) continue;
    const siblings = siblingsIn(ctx, c, g, e.node);
    if (siblings > 0 && g.required) continue;
    const score = resourceScore - siblings;
    if (score > bestScore || (score === bestScore && best !== undefined && e.node.name < best.node.name)) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Binds Pending pod `p` to the node of entry `e` of the current index (the caller removes it from
 * the pending list). The entry carries the node's use: no lookup by name (bench/ccm.bench.ts: a
 * million binds).
 */
export function bindPod(ctx: CcmContext, c: ClusterRecord, p: PodRecord, e: ReadyEntry): void {
  const g = p.affinity;
  if (g !== undefined) {
    const d = domainOf(ctx, c, g, e.node);
    g.domains.set(d, (g.domains.get(d) ?? 0) + 1);
    p.domain = d;
  }
  const u = e.use;
  const oldFree = freeMemory(e);
  u.cpuMilli += p.cpuMilli;
  u.memoryMb += p.memoryMb;
  u.gpus += p.gpus;
  u.pods.add(p);
  p.node = e.node.name;
  p.use = u;
  if (c.readyBounds !== undefined) memoryMoved(c.readyBounds, oldFree, freeMemory(e));
  reposition(c.readyIndex!, e);
}

/** Unbinds `p` from its node (it is Pending or gone next; the caller says which). */
export function unbindPod(c: ClusterRecord, p: PodRecord): void {
  const name = p.node!;
  // The pod carries its node's use (bench/ccm.bench.ts: no lookup by name per unbind).
  const u = p.use ?? c.used.get(name)!;
  const e = entryOf(c, u);
  const oldFree = e === undefined ? 0 : freeMemory(e);
  u.cpuMilli -= p.cpuMilli;
  u.memoryMb -= p.memoryMb;
  u.gpus -= p.gpus;
  u.pods.delete(p);
  p.node = undefined;
  p.use = undefined;
  const g = p.affinity;
  if (g !== undefined) {
    const left = g.domains.get(p.domain!)! - 1;
    if (left === 0) g.domains.delete(p.domain!);
    else g.domains.set(p.domain!, left);
    p.domain = undefined;
  }
  if (e !== undefined) {
    if (c.readyBounds !== undefined) memoryMoved(c.readyBounds, oldFree, freeMemory(e));
    reposition(c.readyIndex!, e);
  }
  if (u.pods.size === 0 && !c.nodes.has(name)) c.used.delete(name);
}

/** The index entry of the node whose use is `u`, if the current index holds it. */
function entryOf(c: ClusterRecord, u: NodeUse): ReadyEntry | undefined {
  const index = c.readyIndex;
  const e = index === undefined ? undefined : u.entry;
  // An entry of an older index (the node left Ready since) is not at its position in this one.
  return e !== undefined && index![e.pos] === e ? e : undefined;
}
