/**
 * One reconcile pass of a cluster, as Cluster API's controllers do it: remediate what the health
 * check judged unhealthy, then bring every pool to its desired count (creating, or draining the
 * surplus), replacing nodes of an older generation with maxSurge / maxUnavailable (the control plane
 * one member at a time with a surge of 1), and move the cluster's state when it has converged.
 */
import { InvariantViolation } from "../domain/index.js";
import { clusterTransition, type ClusterOp } from "./cluster-machine.js";
import { type CcmContext, requestReconcile } from "./ccm-context.js";
import { poolNames, poolNodes, type ClusterRecord, type NodeRecord, type RefusalPurpose } from "./cluster-record.js";
import { CONTROL_PLANE } from "./cluster-spec.js";
import { blockPool, createNode, deleteNode, drainNode, poolOpen } from "./node-lifecycle.js";
import { etcdMembers, hasQuorum, updateQuorum } from "./node-health.js";
import { rollbackCluster } from "./teardown.js";
import { reconcilePods } from "./pods.js";
import { autoscale } from "./autoscaler.js";

/** Applies a cluster transition; an illegal one is a CCM bug here (public operations check first). */
export function moveCluster(c: ClusterRecord, op: ClusterOp): void {
  const next = clusterTransition(c.state, op);
  if (next === undefined) throw new InvariantViolation("CCM", `cluster ${c.spec.id} cannot ${op} in state ${c.state}`);
  c.state = next;
}

export function reconcile(ctx: CcmContext, c: ClusterRecord): void {
  if (c.state === "DELETING" || c.state === "DELETED" || c.state === "FAILED") return;
  remediate(ctx, c);
  for (const pool of poolNames(c)) {
    if (!reconcilePool(ctx, c, pool)) return;
  }
  reconcilePods(ctx, c);
  trackSurge(c);
  settle(ctx, c);
  // After settling: a cluster that just became READY may already have pods waiting for nodes.
  if (autoscale(ctx, c)) {
    if (c.state === "READY") moveCluster(c, "scale");
    requestReconcile(ctx, c);
  }
}

/** Workers wait for the control plane's first member (Cluster API bootstraps them after init). */
function controlPlaneUp(c: ClusterRecord): boolean {
  // Read in place: a reconcile pass runs per waiting pod arrival (bench/ccm.bench.ts).
  for (const n of c.nodes.values()) if (n.pool === CONTROL_PLANE && n.joined) return true;
  return false;
}

/** Brings `pool` towards its desired count; false when the cluster was rolled back meanwhile. */
function reconcilePool(ctx: CcmContext, c: ClusterRecord, pool: string): boolean {
  const desired = c.desired.get(pool)!;
  const isCp = pool === CONTROL_PLANE;
  const spec = c.spec.pools.find((p) => p.name === pool);
  const surge = isCp ? 1 : spec!.maxSurge;
  const unavailable = isCp ? 0 : spec!.maxUnavailable;
  const current = poolNodes(c, pool).filter((n) => n.state !== "Draining");
  const old = current.filter((n) => n.generation < c.generation);
  const fresh = current.length - old.length;
  const rolling = old.length > 0;
  if (!rolling && current.length > desired) {
    for (const n of surplusOrder(current).slice(0, current.length - desired)) drainNode(ctx, c, n, () => requestReconcile(ctx, c));
    return true;
  }
  let want = Math.min((rolling ? desired + surge : desired) - current.length, desired - fresh);
  // Kubeadm's control plane grows one member at a time; workers wait for its first one.
  if (isCp && current.some((n) => n.state === "NotReady" && !n.unhealthy)) want = Math.min(want, 0);
  if (isCp) want = Math.min(want, 1);
  if (!isCp && !controlPlaneUp(c)) want = 0;
  if (want > 0 && poolOpen(ctx, c, pool)) {
    const purpose = refusalPurpose(c, rolling && current.length >= desired);
    for (let i = 0; i < want; i++) {
      if (createNode(ctx, c, pool, purpose) === undefined) continue;
      if (c.state === "PROVISIONING" && c.spec.onPartialFailure === "rollback") {
        rollbackCluster(ctx, c);
        return false;
      }
      blockPool(ctx, c, pool);
      break;
    }
  }
  if (rolling) replaceOld(ctx, c, old, current, desired - unavailable);
  return true;
}

function refusalPurpose(c: ClusterRecord, surging: boolean): RefusalPurpose {
  if (surging) return "surge";
  if (c.state === "PROVISIONING") return "create";
  if (c.state === "SCALING") return "scaleUp";
  return c.state === "UPDATING" ? "surge" : "remediation";
}

/** Scale-in order: nodes the autoscaler chose, then NotReady ones, then the newest. */
const surplusOrder = (nodes: readonly NodeRecord[]): NodeRecord[] =>
  [...nodes].sort(
    (a, b) =>
      Number(b.markedForDeletion) - Number(a.markedForDeletion) ||
      Number(a.state === "Ready") - Number(b.state === "Ready") ||
      b.requestedAtMs - a.requestedAtMs ||
      (a.name < b.name ? 1 : -1),
  );

/**
 * Drains old nodes while at least `minReady` Ready nodes stay, NotReady ones first: a new node
 * counts only once Ready (removing the old member before its replacement joined loses quorum).
 */
function replaceOld(ctx: CcmContext, c: ClusterRecord, old: NodeRecord[], current: NodeRecord[], minReady: number): void {
  let ready = current.filter((n) => n.state === "Ready").length;
  const order = [...old].sort((a, b) => Number(a.state === "Ready") - Number(b.state === "Ready") || a.requestedAtMs - b.requestedAtMs);
  for (const n of order) {
    const loses = n.state === "Ready" ? 1 : 0;
    if (ready - loses < minReady) break;
    ready -= loses;
    drainNode(ctx, c, n, () => requestReconcile(ctx, c));
  }
}

/**
 * MachineHealthCheck remediation: unhealthy nodes are deleted (the pool then replaces them), unless
 * more than maxUnhealthy of the cluster is unhealthy (a storm must not start a rebuild stampede) or,
 * for a control-plane member, removing it would leave etcd without quorum.
 */
function remediate(ctx: CcmContext, c: ClusterRecord): void {
  // Most passes find no unhealthy node: they allocate nothing (bench/ccm.bench.ts: a reconcile per waiting pod arrival).
  if (!anyUnhealthy(c)) return;
  const nodes = [...c.nodes.values()];
  const candidates = nodes.filter((n) => n.unhealthy && n.state === "NotReady");
  if (candidates.length === 0) return;
  const unhealthy = nodes.filter((n) => n.state === "NotReady" && (n.joined || n.unhealthy)).length;
  if (unhealthy > ctx.settings.health.maxUnhealthyFraction * nodes.length) {
    c.stats.remediationsShortCircuited++;
    return;
  }
  for (const n of candidates) {
    if (n.pool === CONTROL_PLANE && !controlPlaneMayLose(c, n)) continue;
    deleteNode(ctx, c, n);
    c.stats.nodesRemediated++;
    if (c.state === "READY") moveCluster(c, "heal");
  }
}

function anyUnhealthy(c: ClusterRecord): boolean {
  for (const n of c.nodes.values()) if (n.unhealthy && n.state === "NotReady") return true;
  return false;
}

/** Kubeadm control plane: one remediation at a time, and only if etcd keeps quorum without the member. */
function controlPlaneMayLose(c: ClusterRecord, n: NodeRecord): boolean {
  const others = poolNodes(c, CONTROL_PLANE).filter((m) => m !== n);
  if (others.some((m) => m.state === "NotReady" && !m.joined && !m.unhealthy)) return false;
  const { healthy, members } = etcdMembers(c);
  const healthyAfter = healthy - (n.state === "Ready" ? 1 : 0);
  return hasQuorum(healthyAfter, members - (n.joined ? 1 : 0));
}

/** The most nodes above the desired counts while an upgrade runs. */
function trackSurge(c: ClusterRecord): void {
  if (c.state !== "UPDATING") return;
  let surplus = 0;
  for (const pool of poolNames(c)) surplus += Math.max(0, poolNodes(c, pool).length - c.desired.get(pool)!);
  c.stats.upgradePeakSurge = Math.max(c.stats.upgradePeakSurge, surplus);
}

/** Has every pool its desired count of Ready nodes of the current generation, and nothing else? */
function converged(c: ClusterRecord): boolean {
  // Counted in place, one pass over the nodes (bench/ccm.bench.ts: a reconcile per waiting pod arrival).
  const counts = new Map<string, number>();
  for (const n of c.nodes.values()) {
    if (n.state !== "Ready" || n.generation < c.generation) return false;
    counts.set(n.pool, (counts.get(n.pool) ?? 0) + 1);
  }
  for (const [pool, desired] of c.desired) if ((counts.get(pool) ?? 0) !== desired) return false;
  return true;
}

function settle(ctx: CcmContext, c: ClusterRecord): void {
  if (c.state === "READY" || !converged(c)) return;
  const now = ctx.time.nowMs;
  if (c.state === "PROVISIONING") {
    moveCluster(c, "provisioned");
    c.stats.readyAtMs = now;
    updateQuorum(ctx, c);
    return;
  }
  if (c.state === "UPDATING") {
    c.stats.upgradesCompleted++;
    c.stats.upgradeDurationMs = now - c.stats.upgradeStartedAtMs!;
  }
  moveCluster(c, "settle");
}
