/**
 * Node health as Kubernetes and Cluster API see it, from the VIM's change notifications: a node whose
 * VM leaves ACTIVE (its host went down, the spawn failed) becomes NotReady; a VM back to ACTIVE
 * rejoins after the join time. The MachineHealthCheck judges a node unhealthy after the unhealthy
 * timeout (or, never Ready, after the startup timeout); reconcile.ts remediates. The control plane's
 * etcd quorum is tracked exactly: lost while fewer than a majority of its members are healthy.
 */
import { InvariantViolation } from "../domain/index.js";
import type { ChangeNotification } from "../vim/index.js";
import { nodeTransition, type NodeOp } from "./cluster-machine.js";
import { type CcmContext, requestReconcile } from "./ccm-context.js";
import { poolNodes, type ClusterRecord, type NodeRecord } from "./cluster-record.js";
import { CONTROL_PLANE } from "./cluster-spec.js";
import { dropReadyIndex } from "./pod-index.js";
import { workerFailed, workerReady } from "./capacity-loss.js";

/** Applies a node transition; an illegal one is a CCM bug (the callers check states first). */
export function moveNode(ctx: CcmContext, c: ClusterRecord, n: NodeRecord, op: NodeOp): void {
  const next = nodeTransition(n.state, op);
  if (next === undefined) throw new InvariantViolation("CCM", `node ${n.name} cannot ${op} in state ${n.state}`);
  n.state = next;
  dropReadyIndex(c);
  if (next !== "Ready") c.podsMayBeLost = true;
  if (next === "NotReady") n.notReadySinceMs = ctx.time.nowMs;
  if (op === "fail") workerFailed(ctx, c, n);
  else if (op === "join") workerReady(ctx, c, n);
  n.epoch++;
  updateQuorum(ctx, c);
}

/** A VM change notification: the node's VM is ACTIVE or not any more. */
export function onServerChange(ctx: CcmContext, n: ChangeNotification): void {
  const node = ctx.byCompute.get(n.virtualisedResourceId);
  if (node === undefined || node.state === "Deleted") return;
  const c = ctx.clusters.get(node.clusterId)!;
  const after = n.after as { readonly vmState?: string } | null;
  const active = after?.vmState === "active";
  if (active === node.vmActive) return;
  vmActivity(ctx, c, node, active);
}

/** The node's VM became ACTIVE (`active`) or stopped being so. */
export function vmActivity(ctx: CcmContext, c: ClusterRecord, node: NodeRecord, active: boolean): void {
  node.vmActive = active;
  if (node.state === "Draining") return updateQuorum(ctx, c);
  if (active) return scheduleJoin(ctx, c, node);
  if (node.state === "Ready") moveNode(ctx, c, node, "fail");
  else node.epoch++;
  armUnhealthyTimer(ctx, c, node, ctx.settings.health.unhealthyTimeoutMs);
  requestReconcile(ctx, c);
}

/** The node joins `joinTime` after its VM is ACTIVE, unless its health changes meanwhile. */
export function scheduleJoin(ctx: CcmContext, c: ClusterRecord, node: NodeRecord): void {
  const epoch = node.epoch;
  ctx.time.after(ctx.settings.joinTimeMs(), () => {
    if (node.epoch !== epoch || node.state !== "NotReady" || !node.vmActive) return;
    node.joined = true;
    node.unhealthy = false;
    moveNode(ctx, c, node, "join");
    requestReconcile(ctx, c);
  });
}

/** Judges `node` unhealthy if it is still NotReady in the same episode after `timeoutMs`. */
export function armUnhealthyTimer(ctx: CcmContext, c: ClusterRecord, node: NodeRecord, timeoutMs: number): void {
  const epoch = node.epoch;
  ctx.time.after(timeoutMs, () => {
    if (node.epoch !== epoch || node.state !== "NotReady") return;
    node.unhealthy = true;
    requestReconcile(ctx, c);
  });
}

/** Startup timeout: a node never Ready this long after it was requested is unhealthy. */
export function armStartupTimer(ctx: CcmContext, c: ClusterRecord, node: NodeRecord): void {
  ctx.time.after(ctx.settings.health.nodeStartupTimeoutMs, () => {
    if (node.joined || node.state !== "NotReady") return;
    node.unhealthy = true;
    requestReconcile(ctx, c);
  });
}

/** Is this control-plane member serving etcd? (A draining member still is, until it is deleted.) */
const serving = (n: NodeRecord): boolean => n.state === "Ready" || (n.state === "Draining" && n.vmActive && n.joined);

/**
 * Healthy and total etcd members of the control plane: a machine becomes a member when it joins
 * (kubeadm join adds it), so a member still being built does not count towards the majority.
 */
export function etcdMembers(c: ClusterRecord): { readonly healthy: number; readonly members: number } {
  const members = poolNodes(c, CONTROL_PLANE).filter((n) => n.joined);
  return { healthy: members.filter(serving).length, members: members.length };
}

/** Does etcd keep quorum with `healthy` of `members`? */
export const hasQuorum = (healthy: number, members: number): boolean => members > 0 && healthy >= Math.floor(members / 2) + 1;

/**
 * Opens or closes the cluster's API outage. Measured from the first READY until deletion starts, so
 * a cluster still being built does not count as an outage.
 */
export function updateQuorum(ctx: CcmContext, c: ClusterRecord): void {
  const s = c.stats;
  const measured = s.readyAtMs !== undefined && c.state !== "DELETING" && c.state !== "DELETED" && c.state !== "FAILED";
  const { healthy, members } = etcdMembers(c);
  const lost = measured && !hasQuorum(healthy, members);
  if (lost && s.quorumLostSinceMs === undefined) {
    s.quorumLostSinceMs = ctx.time.nowMs;
    s.quorumLosses++;
  } else if (!lost && s.quorumLostSinceMs !== undefined) closeQuorumLoss(ctx.time.nowMs, c);
}

/** Ends an open outage at `nowMs` (at its end, or at the end of the run for the report). */
export function closeQuorumLoss(nowMs: number, c: ClusterRecord): void {
  const s = c.stats;
  if (s.quorumLostSinceMs === undefined) return;
  s.quorumLossMs += nowMs - s.quorumLostSinceMs;
  s.quorumLostSinceMs = undefined;
}
