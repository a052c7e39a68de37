/**
 * The cluster autoscaler (Kubernetes cluster-autoscaler semantics, per pool with `autoscale`): scale
 * up when pods are Pending that a new node of the pool would fit (first-fit decreasing over empty
 * nodes, less the nodes already on their way, up to max; the VIM may still refuse the allocation,
 * which is a counted scale-up refusal); scale down a Ready node whose pods' requests stayed under
 * the utilisation threshold for the unneeded time when its pods fit on the other nodes (down to min).
 * Required pod anti-affinity counts in both (cluster-autoscaler simulates the scheduler's filters):
 * a new node holds at most one pod of such a deployment, and a node is removed only if its pods find
 * nodes without a sibling. Preferred anti-affinity is a score, so the autoscaler ignores it, as
 * cluster-autoscaler does.
 */
import { type CcmContext, requestReconcile } from "./ccm-context.js";
import { poolNodes, type AffinityGroup, type ClusterRecord, type NodeRecord, type PodRecord } from "./cluster-record.js";
import { domainOf } from "./pod-index.js";
import type { NodePoolSpec } from "./cluster-spec.js";
import { allocatableOf, podSettings, requestedByNode, schedulable, type Resources } from "./pods.js";

const fits = (p: PodRecord, free: Resources): boolean => p.cpuMilli <= free.cpuMilli && p.memoryMb <= free.memoryMb && p.gpus <= free.gpus;

const required = (p: PodRecord): AffinityGroup | undefined => (p.affinity?.required === true ? p.affinity : undefined);

interface Bin {
  cpuMilli: number;
  memoryMb: number;
  gpus: number;
  /** Required anti-affinity groups with a pod in this (new, empty) node. */
  groups: AffinityGroup[] | undefined;
}

/** Nodes of capacity `a` that first-fit decreasing needs for `pods` (a new node holds one pod per required anti-affinity group). */
function binsNeeded(pods: readonly PodRecord[], a: Resources): number {
  const size = (p: PodRecord): number => Math.max(p.cpuMilli / a.cpuMilli, p.memoryMb / a.memoryMb, a.gpus === 0 ? 0 : p.gpus / a.gpus);
  const bins: Bin[] = [];
  for (const p of [...pods].sort((x, y) => size(y) - size(x) || (x.name < y.name ? -1 : 1))) {
    const g = required(p);
    const bin = g === undefined ? bins.find((b) => fits(p, b)) : bins.find((b) => fits(p, b) && b.groups?.includes(g) !== true);
    if (bin === undefined) bins.push({ cpuMilli: a.cpuMilli - p.cpuMilli, memoryMb: a.memoryMb - p.memoryMb, gpus: a.gpus - p.gpus, groups: g === undefined ? undefined : [g] });
    else {
      bin.cpuMilli -= p.cpuMilli;
      bin.memoryMb -= p.memoryMb;
      bin.gpus -= p.gpus;
      if (g !== undefined) (bin.groups ??= []).push(g);
    }
  }
  return bins.length;
}

/**
 * The pending pods a new node of `pool` could help. A pod whose required anti-affinity is by zone
 * counts only while the pool names zones without a sibling, one pod per such zone: the new node's
 * zone is the pool's least used one (node-lifecycle.ts), which may still hold a sibling, as with a
 * cluster-autoscaler node group spanning zones (its advice: one node group per zone). A pool naming
 * no zones leaves the zone to the VIM, so such pods add no node there.
 */
function helpable(c: ClusterRecord, pool: NodePoolSpec, pods: PodRecord[]): PodRecord[] {
  // Without a zone-required group the pods pass as they are: no scan of them (bench/ccm.bench.ts: a pass per waiting pod arrival).
  if (![...c.affinity.values()].some((g) => g.required && g.zone)) return pods;
  const freeZones = new Map<AffinityGroup, number>();
  return pods.filter((p) => {
    const g = required(p);
    if (g === undefined || !g.zone) return true;
    const left = freeZones.get(g) ?? pool.zones.filter((z) => !g.domains.has(z)).length;
    freeZones.set(g, left - 1);
    return left > 0;
  });
}

/** One autoscaler pass; true when it changed a pool's desired size. */
export function autoscale(ctx: CcmContext, c: ClusterRecord): boolean {
  if (c.state !== "READY" && c.state !== "SCALING") return false;
  const pools = c.spec.pools.filter((p) => p.autoscale === true);
  if (pools.length === 0) return false;
  return scaleUp(ctx, c, pools) || scaleDown(ctx, c, pools);
}

function scaleUp(ctx: CcmContext, c: ClusterRecord, pools: readonly NodePoolSpec[]): boolean {
  const pending = c.pending;
  const claimed = new Set<PodRecord>();
  let changed = false;
  for (const pool of pools) {
    const a = allocatableOf(ctx, c.flavourByPool.get(pool.name)!);
    const mine = helpable(c, pool, pending.filter((p) => !claimed.has(p) && (p.pool === undefined || p.pool === pool.name) && fits(p, a)));
    if (mine.length === 0) continue;
    const desired = c.desired.get(pool.name)!;
    const live = poolNodes(c, pool.name).filter((n) => n.state !== "Draining");
    const coming = live.filter((n) => n.state === "NotReady" && !n.unhealthy).length + Math.max(0, desired - live.length);
    const next = Math.min(pool.maxReplicas, desired + Math.max(0, binsNeeded(mine, a) - coming));
    if (next === desired && desired < pool.maxReplicas) for (const p of mine) claimed.add(p);
    if (next <= desired) continue;
    for (const p of mine) claimed.add(p);
    c.desired.set(pool.name, next);
    c.podStats.autoscaleUps++;
    changed = true;
  }
  return changed;
}

const IDLE = { cpuMilli: 0, memoryMb: 0 } as const;

function scaleDown(ctx: CcmContext, c: ClusterRecord, pools: readonly NodePoolSpec[]): boolean {
  const s = podSettings(ctx);
  const now = ctx.time.nowMs;
  const used = requestedByNode(c);
  for (const pool of pools) {
    const desired = c.desired.get(pool.name)!;
    // The pool's Ready nodes in creation order, read in place: a pass runs per waiting pod arrival (bench/ccm.bench.ts).
    for (const n of c.nodes.values()) {
      if (n.pool !== pool.name || n.state !== "Ready" || n.markedForDeletion) continue;
      const u = used.get(n.name) ?? IDLE;
      const a = allocatableOf(ctx, n.flavourId);
      if (Math.max(u.cpuMilli / a.cpuMilli, u.memoryMb / a.memoryMb) >= s.scaleDownUtilisation || desired <= pool.minReplicas) {
        n.underUsedSinceMs = undefined;
        continue;
      }
      if (n.underUsedSinceMs === undefined) {
        n.underUsedSinceMs = now;
        ctx.time.after(s.scaleDownUnneededMs, () => requestReconcile(ctx, c));
        continue;
      }
      if (now - n.underUsedSinceMs < s.scaleDownUnneededMs || !podsFitElsewhere(ctx, c, n)) continue;
      n.markedForDeletion = true;
      c.desired.set(pool.name, desired - 1);
      c.podStats.autoscaleDowns++;
      return true;
    }
  }
  return false;
}

/**
 * Would every pod of `node` fit on the other schedulable nodes (first fit, largest first)? A pod with
 * required anti-affinity only on a node whose domain holds no sibling once the node's own pods left.
 */
function podsFitElsewhere(ctx: CcmContext, c: ClusterRecord, node: NodeRecord): boolean {
  const used = requestedByNode(c);
  const others = schedulable(c).filter((n) => n !== node && !n.markedForDeletion);
  const free = others.map((n) => {
    const a = allocatableOf(ctx, n.flavourId);
    const u = used.get(n.name) ?? { cpuMilli: 0, memoryMb: 0 };
    return { n, cpuMilli: a.cpuMilli - u.cpuMilli, memoryMb: a.memoryMb - u.memoryMb, gpus: a.gpus - (used.get(n.name)?.gpus ?? 0) };
  });
  const pods = [...(used.get(node.name)?.pods ?? [])].sort((x, y) => y.cpuMilli - x.cpuMilli || y.memoryMb - x.memoryMb || (x.name < y.name ? -1 : 1));
  const domains = c.affinity.size === 0 ? undefined : movedDomains(pods);
  for (const p of pods) {
    const g = required(p);
    const open = (f: { n: NodeRecord }): boolean => g === undefined || (domains!.get(g)!.get(domainOf(ctx, c, g, f.n)) ?? 0) === 0;
    const slot = free.find((f) => (p.pool === undefined || f.n.pool === p.pool) && fits(p, f) && open(f));
    if (slot === undefined) return false;
    slot.cpuMilli -= p.cpuMilli;
    slot.memoryMb -= p.memoryMb;
    slot.gpus -= p.gpus;
    if (g !== undefined) {
      const d = domainOf(ctx, c, g, slot.n);
      domains!.get(g)!.set(d, (domains!.get(g)!.get(d) ?? 0) + 1);
    }
  }
  return true;
}

/** Per required anti-affinity group of `pods`: its domain counts with `pods` taken off their node. */
function movedDomains(pods: readonly PodRecord[]): Map<AffinityGroup, Map<string, number>> {
  const out = new Map<AffinityGroup, Map<string, number>>();
  for (const p of pods) {
    const g = required(p);
    if (g === undefined) continue;
    if (!out.has(g)) out.set(g, new Map(g.domains));
    const counts = out.get(g)!;
    counts.set(p.domain!, counts.get(p.domain!)! - 1);
  }
  return out;
}
