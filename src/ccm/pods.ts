/**
 * Pods and a small kube-scheduler (issue 18 item 4): each Deployment's pods are created Pending and
 * bound to a Ready worker node with room (NodeResourcesFit over allocatable = flavour minus
 * system-reserved, CPU, memory and nvidia.com/gpu; LeastAllocated or MostAllocated scoring, ties by
 * node name; pod-index.ts answers which nodes fit). A pod on a node that leaves Ready is Unknown;
 * after the eviction delay (or at once when the node is drained or deleted) it is Pending again and
 * rescheduled. Unschedulable pods stay Pending (the autoscaler reads them). Pods of an arrival-driven
 * deployment come by addPod and go by removePod (their lifetime ended).
 */
import type { CcmContext } from "./ccm-context.js";
import { requestReconcile } from "./ccm-context.js";
import type { AffinityGroup, ClusterRecord, NodeRecord, NodeUse, PodRecord, ReadyEntry } from "./cluster-record.js";
import { CONTROL_PLANE, DEFAULT_PODS, type DeploymentSpec, type PodSettings } from "./cluster-spec.js";
import { bestEntry, bindPod, readyIndex, unbindPod, type Allocatable } from "./pod-index.js";

export type Resources = Allocatable;

export const podSettings = (ctx: CcmContext): PodSettings => ctx.settings.pods ?? DEFAULT_PODS;

/** A node of flavour `flavourId`: what pods may request (flavour − system-reserved; GPUs of its device profile). */
export function allocatableOf(ctx: CcmContext, flavourId: string): Resources {
  const known = ctx.allocatable.get(flavourId) as Resources | undefined;
  if (known !== undefined) return known;
  const flavours = ctx.vim.flavours.query(ctx.vim.admin);
  const f = flavours.ok ? flavours.value.find((x) => x.id === flavourId) : undefined;
  const s = podSettings(ctx);
  const gpus = (f?.deviceProfile?.groups ?? []).reduce((n, g) => n + (g.type === "GPU" ? g.count : 0), 0);
  const a =
    f === undefined
      ? { cpuMilli: 0, memoryMb: 0, gpus: 0 }
      : { cpuMilli: Math.max(0, (f.amounts.VCPU + f.amounts.PCPU) * 1000 - s.systemReservedCpuMilli), memoryMb: Math.max(0, f.amounts.MEMORY_MB - s.systemReservedMemoryMb), gpus };
  ctx.allocatable.set(flavourId, a);
  return a;
}

/** Requests of the pods bound to each node (kept with every bind, not recounted). */
export const requestedByNode = (c: ClusterRecord): ReadonlyMap<string, NodeUse> => c.used;

/** Workers that can run pods: Ready nodes outside the control plane. */
export const schedulable = (c: ClusterRecord): NodeRecord[] => [...c.nodes.values()].filter((n) => n.state === "Ready" && n.pool !== CONTROL_PLANE);

/** Brings each Deployment to its replicas (newest pods go first), evicts lost pods, binds Pending ones. */
export function reconcilePods(ctx: CcmContext, c: ClusterRecord): void {
  if (c.deployments.size === 0) return;
  resizeDeployments(ctx, c);
  evictLost(ctx, c);
  bindPending(ctx, c);
  c.podStats.peakPending = Math.max(c.podStats.peakPending, c.pending.length);
}

/**
 * A pod whose name (`<deployment>-<no>`) is made only when something reads it (reports, ties of the
 * autoscaler's sorts): a million arrivals made a million strings nobody read (bench/ccm.bench.ts).
 */
class Pod implements PodRecord {
  node: string | undefined = undefined;
  private nameText: string | undefined = undefined;

  constructor(
    readonly no: number,
    readonly deployment: string,
    readonly cpuMilli: number,
    readonly memoryMb: number,
    readonly gpus: number,
    readonly pool: string | undefined,
    public pendingSinceMs: number,
    readonly siblings: Set<PodRecord> | undefined,
    readonly affinity: AffinityGroup | undefined,
  ) {}

  domain: string | undefined = undefined;
  use: NodeUse | undefined = undefined;

  get name(): string {
    return (this.nameText ??= `${this.deployment}-${this.no}`);
  }
}

/** A new Pending pod of `d`. */
/** A pod's own requests, replacing its deployment's (a replayed trace's containers). */
export interface PodSize {
  readonly cpuMilli: number;
  readonly memoryMb: number;
}

export function makePod(ctx: CcmContext, c: ClusterRecord, d: DeploymentSpec, size?: PodSize): PodRecord {
  // Only replica-driven deployments are resized by their live pods: arrival-driven ones skip the set (bench/ccm.bench.ts).
  const siblings = d.arrivals === true ? undefined : c.byDeployment.get(d.name)!;
  // Deployments without anti-affinity pay one size check (bench/ccm.bench.ts).
  const affinity = c.affinity.size === 0 ? undefined : c.affinity.get(d.name);
  const p = new Pod(c.nextPodNo++, d.name, size?.cpuMilli ?? d.cpuMilli, size?.memoryMb ?? d.memoryMb, d.gpus ?? 0, d.pool, ctx.time.nowMs, siblings, affinity);
  c.pods.set(p.no, p);
  siblings?.add(p);
  c.pending.push(p);
  c.podStats.created++;
  return p;
}

/** Removes a pod (scaled away, lifetime ended): unbound, or taken off the pending list. */
export function removePod(c: ClusterRecord, p: PodRecord): void {
  if (p.node !== undefined) unbindPod(c, p);
  else c.pending.splice(pendingIndex(c.pending, p.no), 1);
  c.pods.delete(p.no);
  p.siblings?.delete(p);
  c.podStats.removed++;
}

/** Position of pod number `no` in the pending list (ordered by number). */
function pendingIndex(pending: readonly PodRecord[], no: number): number {
  let lo = 0;
  let hi = pending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pending[mid]!.no < no) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `p` goes back to Pending (its node was lost); the list stays ordered by pod number. */
function requeue(c: ClusterRecord, p: PodRecord, nowMs: number): void {
  unbindPod(c, p);
  p.pendingSinceMs = nowMs;
  c.pending.splice(pendingIndex(c.pending, p.no), 0, p);
  c.podStats.evicted++;
}

function resizeDeployments(ctx: CcmContext, c: ClusterRecord): void {
  for (const d of c.spec.deployments ?? []) {
    if (d.arrivals === true) continue;
    const want = c.deployments.get(d.name)!;
    const mine = c.byDeployment.get(d.name)!;
    for (let i = mine.size; i < want; i++) makePod(ctx, c, d);
    if (mine.size > want) for (const p of [...mine].slice(want)) removePod(c, p);
  }
}

/** Cordon and drain (or deletion): the node's pods go Pending at once, to be rescheduled. */
export function evictFrom(c: ClusterRecord, nodeName: string, nowMs: number): void {
  const u = c.used.get(nodeName);
  if (u === undefined) return;
  for (const p of [...u.pods]) requeue(c, p, nowMs);
  if (!c.nodes.has(nodeName)) c.used.delete(nodeName);
}

/** Pods of deleted or draining nodes at once, of NotReady nodes after the eviction delay, go Pending. */
function evictLost(ctx: CcmContext, c: ClusterRecord): void {
  // Only after a node left Ready: pod arrivals and departures run this pass a million times (bench/ccm.bench.ts).
  if (!c.podsMayBeLost) return;
  const delayMs = podSettings(ctx).evictionDelayMs;
  const now = ctx.time.nowMs;
  let waiting = false;
  for (const [name, u] of [...c.used]) {
    if (u.pods.size === 0) continue;
    const n = c.nodes.get(name);
    const lost = n === undefined || n.state === "Draining" || (n.state === "NotReady" && now - n.notReadySinceMs >= delayMs);
    if (lost) evictFrom(c, name, now);
    else if (n.state === "NotReady") {
      waiting = true;
      ctx.time.after(n.notReadySinceMs + delayMs - now, () => requestReconcile(ctx, c));
    }
  }
  c.podsMayBeLost = waiting;
}

/** The kube-scheduler: each Pending pod (oldest first) to the best fitting node; the rest stay Pending. */
function bindPending(ctx: CcmContext, c: ClusterRecord): void {
  if (c.pending.length === 0) return;
  const index = readyIndex(ctx, c, allocatableOf);
  if (index.length === 0) return;
  const scoring = podSettings(ctx).scoring ?? "LeastAllocated";
  const now = ctx.time.nowMs;
  // Pods of one deployment are alike: once one fits nowhere, its later siblings do not either (nodes only fill up in a pass).
  const full = new Set<string>();
  let kept = 0;
  for (const p of c.pending) {
    const e = full.has(p.deployment) ? undefined : bestEntry(ctx, c, index, p, scoring);
    if (e === undefined) {
      full.add(p.deployment);
      c.pending[kept++] = p;
      continue;
    }
    bindPod(ctx, c, p, e);
    stillNeeded(ctx, e);
    const latencyMs = now - p.pendingSinceMs;
    c.podStats.scheduled++;
    c.podStats.schedulingLatencyMsSum += latencyMs;
    c.podStats.schedulingLatenciesMs.push(latencyMs);
  }
  c.pending.length = kept;
}

/** A bind took the node over the scale-down threshold: its unneeded clock stops (binds happen between autoscaler passes). */
function stillNeeded(ctx: CcmContext, e: ReadyEntry): void {
  if (e.node.underUsedSinceMs === undefined) return;
  const a = e.allocatable;
  if (Math.max(e.use.cpuMilli / a.cpuMilli, e.use.memoryMb / a.memoryMb) >= podSettings(ctx).scaleDownUtilisation) e.node.underUsedSinceMs = undefined;
}

/** An arriving pod bound at once when nothing older waits and a node fits it; false when it must wait. */
export function bindNow(ctx: CcmContext, c: ClusterRecord, p: PodRecord): boolean {
  if (c.pending.length !== 1 || c.pending[0] !== p) return false;
  const index = readyIndex(ctx, c, allocatableOf);
  const e = bestEntry(ctx, c, index, p, podSettings(ctx).scoring ?? "LeastAllocated");
  if (e === undefined) return false;
  c.pending.length = 0;
  bindPod(ctx, c, p, e);
  stillNeeded(ctx, e);
  c.podStats.scheduled++;
  c.podStats.schedulingLatenciesMs.push(0);
  return true;
}
