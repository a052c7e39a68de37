/**
 * The kube-scheduler's view of a cluster's Ready workers, kept so that placing a pod does not scan
 * every node (issue 18 target; measured by bench/ccm.bench.ts): the Ready workers in an array
 * ordered by free CPU (most first, ties by name). The nodes a pod's CPU request fits are a prefix
 * found by binary search, so a pod that fits nowhere is refused in O(log n) (the common case while
 * pods wait for the autoscaler), and only that prefix is scored. A bind or an unbind moves one entry
 * by insertion; a node changing state drops the index, rebuilt on the next use (node changes are
 * rare next to pod events). Every bind and unbind goes through here, so `used` and the index agree.
 */
import type { CcmContext } from "./ccm-context.js";
import type { ClusterRecord, NodeUse, PodRecord, ReadyEntry } from "./cluster-record.js";
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
  entries.forEach((e, i) => {
    e.pos = i;
    e.use.entry = e;
  });
  c.readyIndex = entries;
  return entries;
}

/** Drops the index (a node became or stopped being Ready). */
export function dropReadyIndex(c: ClusterRecord): void {
  c.readyIndex = undefined;
}

/** Moves entry `e` to its place after its free CPU changed. */
function reposition(index: ReadyEntry[], e: ReadyEntry): void {
  let i = e.pos;
  while (i > 0 && before(e, index[i - 1]!)) {
    index[i] = index[i - 1]!;
    index[i]!.pos = i;
    i--;
  }
  while (i + 1 < index.length && before(index[i + 1]!, e)) {
    index[i] = index[i + 1]!;
    index[i]!.pos = i;
    i++;
  }
  index[i] = e;
  e.pos = i;
}

/** NodeResourcesFit over the CPU-fitting prefix, then the scoring; ties by node name. */
export function bestEntry(index: readonly ReadyEntry[], p: PodRecord, scoring: PodScoring): ReadyEntry | undefined {
  // The prefix of entries with free CPU >= the request (the index is ordered by free CPU, most first).
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (freeCpu(index[mid]!) >= p.cpuMilli) lo = mid + 1;
    else hi = mid;
  }
  let best: ReadyEntry | undefined;
  let bestScore = -1;
  for (let i = 0; i < lo; i++) {
    const e = index[i]!;
    if (p.pool !== undefined && e.node.pool !== p.pool) continue;
    const a = e.allocatable;
    const memLeft = a.memoryMb - e.use.memoryMb - p.memoryMb;
    if (memLeft < 0 || a.gpus - e.use.gpus < p.gpus) continue;
    const freeShare = ((freeCpu(e) - p.cpuMilli) / a.cpuMilli + memLeft / a.memoryMb) / 2;
    const score = scoring === "MostAllocated" ? 1 - freeShare : freeShare;
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
export function bindPod(c: ClusterRecord, p: PodRecord, e: ReadyEntry): void {
  const u = e.use;
  u.cpuMilli += p.cpuMilli;
  u.memoryMb += p.memoryMb;
  u.gpus += p.gpus;
  u.pods.add(p);
  p.node = e.node.name;
  reposition(c.readyIndex!, e);
}

/** Unbinds `p` from its node (it is Pending or gone next; the caller says which). */
export function unbindPod(c: ClusterRecord, p: PodRecord): void {
  const name = p.node!;
  const u = c.used.get(name)!;
  u.cpuMilli -= p.cpuMilli;
  u.memoryMb -= p.memoryMb;
  u.gpus -= p.gpus;
  u.pods.delete(p);
  p.node = undefined;
  const e = entryOf(c, u);
  if (e !== undefined) reposition(c.readyIndex!, e);
  if (u.pods.size === 0 && !c.nodes.has(name)) c.used.delete(name);
}

/** The index entry of the node whose use is `u`, if the current index holds it. */
function entryOf(c: ClusterRecord, u: NodeUse): ReadyEntry | undefined {
  const index = c.readyIndex;
  const e = index === undefined ? undefined : u.entry;
  // An entry of an older index (the node left Ready since) is not at its position in this one.
  return e !== undefined && index![e.pos] === e ? e : undefined;
}
