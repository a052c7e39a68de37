/**
 * Pods and a small kube-scheduler (issue 18 item 4): each Deployment's pods are created Pending and
 * bound to a Ready worker node with room (NodeResourcesFit over allocatable = flavour minus
 * system-reserved, LeastAllocated scoring, ties by node name). A pod on a node that leaves Ready is
 * Unknown; after the eviction delay (or at once when the node is drained or deleted) it is Pending
 * again and rescheduled. Unschedulable pods stay Pending (the autoscaler reads them).
 */
import type { CcmContext } from "./ccm-context.js";
import { requestReconcile } from "./ccm-context.js";
import type { ClusterRecord, NodeRecord, PodRecord } from "./cluster-record.js";
import { CONTROL_PLANE, DEFAULT_PODS, type PodSettings } from "./cluster-spec.js";

export interface Resources {
  readonly cpuMilli: number;
  readonly memoryMb: number;
}

export const podSettings = (ctx: CcmContext): PodSettings => ctx.settings.pods ?? DEFAULT_PODS;

/** A node of flavour `flavourId`: what pods may request (flavour − system-reserved). */
export function allocatableOf(ctx: CcmContext, flavourId: string): Resources {
  const known = ctx.allocatable.get(flavourId);
  if (known !== undefined) return known;
  const flavours = ctx.vim.flavours.query(ctx.vim.admin);
  const f = flavours.ok ? flavours.value.find((x) => x.id === flavourId) : undefined;
  const s = podSettings(ctx);
  const a = f === undefined ? { cpuMilli: 0, memoryMb: 0 } : { cpuMilli: Math.max(0, (f.amounts.VCPU + f.amounts.PCPU) * 1000 - s.systemReservedCpuMilli), memoryMb: Math.max(0, f.amounts.MEMORY_MB - s.systemReservedMemoryMb) };
  ctx.allocatable.set(flavourId, a);
  return a;
}

/** Requests of the pods bound to each node. */
export function requestedByNode(c: ClusterRecord): Map<string, { cpuMilli: number; memoryMb: number; pods: number }> {
  const used = new Map<string, { cpuMilli: number; memoryMb: number; pods: number }>();
  for (const p of c.pods) {
    if (p.node === undefined) continue;
    const u = used.get(p.node) ?? { cpuMilli: 0, memoryMb: 0, pods: 0 };
    u.cpuMilli += p.cpuMilli;
    u.memoryMb += p.memoryMb;
    u.pods++;
    used.set(p.node, u);
  }
  return used;
}

/** Workers that can run pods: Ready nodes outside the control plane. */
export const schedulable = (c: ClusterRecord): NodeRecord[] => [...c.nodes.values()].filter((n) => n.state === "Ready" && n.pool !== CONTROL_PLANE);

/** Brings each Deployment to its replicas (newest pods go first), evicts lost pods, binds Pending ones. */
export function reconcilePods(ctx: CcmContext, c: ClusterRecord): void {
  if (c.deployments.size === 0) return;
  resizeDeployments(ctx, c);
  evictLost(ctx, c);
  bindPending(ctx, c);
  const pending = c.pods.filter((p) => p.node === undefined).length;
  c.podStats.peakPending = Math.max(c.podStats.peakPending, pending);
}

function resizeDeployments(ctx: CcmContext, c: ClusterRecord): void {
  for (const d of c.spec.deployments ?? []) {
    const want = c.deployments.get(d.name)!;
    const mine = c.pods.filter((p) => p.deployment === d.name);
    for (let i = mine.length; i < want; i++) {
      c.pods.push({ name: `${d.name}-${c.nextPodNo++}`, deployment: d.name, cpuMilli: d.cpuMilli, memoryMb: d.memoryMb, pool: d.pool, node: undefined, pendingSinceMs: ctx.time.nowMs });
    }
    const drop = new Set(mine.slice(want).map((p) => p.name));
    if (drop.size > 0) c.pods.splice(0, c.pods.length, ...c.pods.filter((p) => !drop.has(p.name)));
  }
}

/** Cordon and drain (or deletion): the node's pods go Pending at once, to be rescheduled. */
export function evictFrom(c: ClusterRecord, nodeName: string, nowMs: number): void {
  for (const p of c.pods) {
    if (p.node !== nodeName) continue;
    p.node = undefined;
    p.pendingSinceMs = nowMs;
    c.podStats.evicted++;
  }
}

/** Pods of deleted or draining nodes at once, of NotReady nodes after the eviction delay, go Pending. */
function evictLost(ctx: CcmContext, c: ClusterRecord): void {
  const delayMs = podSettings(ctx).evictionDelayMs;
  const now = ctx.time.nowMs;
  for (const p of c.pods) {
    if (p.node === undefined) continue;
    const n = c.nodes.get(p.node);
    const lost = n === undefined || n.state === "Draining" || (n.state === "NotReady" && now - n.notReadySinceMs >= delayMs);
    if (!lost) {
      if (n.state === "NotReady") ctx.time.after(n.notReadySinceMs + delayMs - now, () => requestReconcile(ctx, c));
      continue;
    }
    p.node = undefined;
    p.pendingSinceMs = now;
    c.podStats.evicted++;
  }
}

/** The kube-scheduler: each Pending pod (oldest first) to the fitting node with the most room left. */
function bindPending(ctx: CcmContext, c: ClusterRecord): void {
  const nodes = schedulable(c);
  if (nodes.length === 0) return;
  const used = requestedByNode(c);
  const now = ctx.time.nowMs;
  for (const p of c.pods) {
    if (p.node !== undefined) continue;
    const node = bestNode(ctx, nodes, used, p);
    if (node === undefined) continue;
    p.node = node.name;
    const u = used.get(node.name) ?? { cpuMilli: 0, memoryMb: 0, pods: 0 };
    used.set(node.name, { cpuMilli: u.cpuMilli + p.cpuMilli, memoryMb: u.memoryMb + p.memoryMb, pods: u.pods + 1 });
    c.podStats.scheduled++;
    c.podStats.schedulingLatencyMsSum += now - p.pendingSinceMs;
  }
}

/** NodeResourcesFit, then LeastAllocated (mean free share after binding); ties by node name. */
function bestNode(ctx: CcmContext, nodes: readonly NodeRecord[], used: ReadonlyMap<string, Resources>, p: PodRecord): NodeRecord | undefined {
  let best: NodeRecord | undefined;
  let bestScore = -1;
  for (const n of nodes) {
    if (p.pool !== undefined && n.pool !== p.pool) continue;
    const a = allocatableOf(ctx, n.flavourId);
    const u = used.get(n.name) ?? { cpuMilli: 0, memoryMb: 0 };
    const freeCpu = a.cpuMilli - u.cpuMilli - p.cpuMilli;
    const freeMem = a.memoryMb - u.memoryMb - p.memoryMb;
    if (freeCpu < 0 || freeMem < 0) continue;
    const score = (freeCpu / a.cpuMilli + freeMem / a.memoryMb) / 2;
    if (score > bestScore || (score === bestScore && best !== undefined && n.name < best.name)) {
      best = n;
      bestScore = score;
    }
  }
  return best;
}
