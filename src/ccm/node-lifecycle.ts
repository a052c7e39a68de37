/**
 * Making and removing nodes: a node is recorded NotReady when its VM is allocated and Deleted before
 * its VM is terminated (INV-L3: drain, delete the Node, then terminate). A refused allocation is an
 * outcome: counted by purpose and kind, and the pool waits `retryInterval` before trying again.
 */
import type { DomainError } from "../domain/index.js";
import { type CcmContext, requestReconcile } from "./ccm-context.js";
import { countRefusal, poolNodes, type ClusterRecord, type NodeRecord, type RefusalPurpose } from "./cluster-record.js";
import { CONTROL_PLANE } from "./cluster-spec.js";
import { armStartupTimer, moveNode, scheduleJoin } from "./node-health.js";
import { provisionNode, releaseNode } from "./node-vim.js";
import { evictFrom } from "./pods.js";
import { workerProvisioned, workerRemoved } from "./capacity-loss.js";

/** The pool's zones to try, least used first (ties in the order written); [undefined] when it names none. */
function zoneOrder(c: ClusterRecord, pool: string): Array<string | undefined> {
  const zones = pool === CONTROL_PLANE ? c.spec.controlPlane.zones : (c.spec.pools.find((p) => p.name === pool)?.zones ?? []);
  if (zones.length === 0) return [undefined];
  const used = new Map<string, number>(zones.map((z) => [z, 0]));
  for (const n of poolNodes(c, pool)) if (n.zoneId !== undefined && used.has(n.zoneId)) used.set(n.zoneId, used.get(n.zoneId)! + 1);
  return [...zones].map((z, i) => ({ z, i })).sort((a, b) => used.get(a.z)! - used.get(b.z)! || a.i - b.i).map((x) => x.z);
}

/** GB of the data volume a node of `pool` gets (0: none). */
function volumeGbOf(c: ClusterRecord, pool: string): number {
  if (pool === CONTROL_PLANE) return c.spec.controlPlane.etcdVolumeGb ?? 0;
  return c.spec.pools.find((p) => p.name === pool)?.volumeGb ?? 0;
}

/** Allocates one node of `pool`; the VIM's error when refused (then counted under `purpose`). */
export function createNode(ctx: CcmContext, c: ClusterRecord, pool: string, purpose: RefusalPurpose): DomainError | undefined {
  const name = `${c.spec.id}-${pool}-${c.nextNodeNo}`;
  const made = provisionNode(ctx.vim, c, { name, pool, zones: zoneOrder(c, pool), bootTimeMs: ctx.settings.bootTimeMs(), volumeGb: volumeGbOf(c, pool) });
  if (!made.ok) {
    countRefusal(c.stats, purpose, made.error.kind);
    return made.error;
  }
  c.nextNodeNo++;
  const node: NodeRecord = {
    name,
    clusterId: c.spec.id,
    pool,
    computeId: made.value.computeId,
    portId: made.value.portId,
    volumeId: made.value.volumeId,
    zoneId: made.value.zoneId,
    flavourId: c.flavourByPool.get(pool)!,
    generation: c.generation,
    requestedAtMs: ctx.time.nowMs,
    state: "NotReady",
    vmActive: made.value.activeAtOnce,
    joined: false,
    notReadySinceMs: ctx.time.nowMs,
    epoch: 0,
    unhealthy: false,
    underUsedSinceMs: undefined,
    markedForDeletion: false,
  };
  c.nodes.set(name, node);
  ctx.byCompute.set(node.computeId, node);
  const live = poolNodes(c, pool).length;
  if (live > (c.stats.peakNodes.get(pool) ?? 0)) c.stats.peakNodes.set(pool, live);
  workerProvisioned(ctx, c, node);
  armStartupTimer(ctx, c, node);
  if (node.vmActive) scheduleJoin(ctx, c, node);
  return undefined;
}

/** Blocks `pool`'s allocations for the retry interval and queues a reconcile at its end. */
export function blockPool(ctx: CcmContext, c: ClusterRecord, pool: string): void {
  c.blockedUntilMs.set(pool, ctx.time.nowMs + ctx.settings.retryIntervalMs);
  ctx.time.after(ctx.settings.retryIntervalMs, () => requestReconcile(ctx, c));
}

/** May `pool` allocate now? */
export const poolOpen = (ctx: CcmContext, c: ClusterRecord, pool: string): boolean => (c.blockedUntilMs.get(pool) ?? 0) <= ctx.time.nowMs;

/** Cordon and drain, then (after the drain time) delete the node and terminate its VM. */
export function drainNode(ctx: CcmContext, c: ClusterRecord, n: NodeRecord, then: () => void): void {
  moveNode(ctx, c, n, "drain");
  evictFrom(c, n.name, ctx.time.nowMs);
  ctx.time.after(ctx.settings.drainTimeMs, () => {
    if (n.state !== "Draining") return;
    deleteNode(ctx, c, n);
    then();
  });
}

/** Deletes the Node, then terminates its VM and deletes its port (no drain: an unreachable node's pods are gone). */
export function deleteNode(ctx: CcmContext, c: ClusterRecord, n: NodeRecord): void {
  c.nodes.delete(n.name);
  evictFrom(c, n.name, ctx.time.nowMs);
  moveNode(ctx, c, n, "delete");
  workerRemoved(ctx, c, n);
  releaseNode(ctx.vim, c, n.computeId, n.portId, n.volumeId);
}
