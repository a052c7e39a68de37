/**
 * A cluster's shared VIM resources (control-plane server group, cluster network and subnet, the API
 * load balancer's port and public IP) and their removal. Deleting a cluster drains and deletes every
 * node, terminates their VMs and deletes their volumes, then deletes the rest, so nothing tagged with its id remains (INV-L4);
 * a create rolled back (all-or-nothing) removes the same things at once and leaves the cluster FAILED.
 */
import { removePod } from "./pods.js";
import { InvariantViolation, ok, type Result } from "../domain/index.js";
import { clusterTransition } from "./cluster-machine.js";
import type { CcmContext } from "./ccm-context.js";
import type { ClusterRecord } from "./cluster-record.js";
import { CLUSTER_TAG } from "./cluster-spec.js";
import { closeQuorumLoss, moveNode } from "./node-health.js";
import { deleteNode, drainNode } from "./node-lifecycle.js";
import { nodeTags } from "./node-vim.js";
import { forgiveLoss } from "./capacity-loss.js";

/** Makes the shared resources; on a refusal, undoes what was made and returns the VIM's error. */
export function createInfrastructure(ctx: CcmContext, c: ClusterRecord): Result<void> {
  const made = makeAll(ctx, c);
  if (!made.ok) deleteInfrastructure(ctx, c);
  return made;
}

function makeAll(ctx: CcmContext, c: ClusterRecord): Result<void> {
  const { vim } = ctx;
  const id = c.spec.id;
  const tags = { [CLUSTER_TAG]: id };
  const group = vim.compute.createServerGroup(c.caller, { name: `${id}-control-plane`, policy: c.spec.controlPlane.policy, metadata: tags });
  if (!group.ok) return group;
  c.groupId = group.value.groupId;
  const network = vim.network.createNetwork(c.caller, { name: `${id}-net`, networkType: "vxlan", metadata: tags });
  if (!network.ok) return network;
  c.networkId = network.value.networkResourceId;
  const subnet = vim.network.createSubnet(c.caller, { networkId: c.networkId, name: `${id}-subnet`, cidr: c.spec.subnetCidr, metadata: tags });
  if (!subnet.ok) return subnet;
  c.subnetId = subnet.value.resourceId;
  const lb = vim.network.createPort(c.caller, { networkId: c.networkId, name: `${id}-api-lb`, metadata: nodeTags(id, "api-lb", `${id}-api-lb`) });
  if (!lb.ok) return lb;
  c.lbPortId = lb.value.resourceId;
  const ip = vim.network.allocatePublicIp(c.caller, { portId: c.lbPortId });
  if (!ip.ok) return ip;
  c.publicIpId = ip.value.publicIpId;
  return ok(undefined);
}

/** Deletes the shared resources that exist (public IP, port, network with its subnet, group). */
export function deleteInfrastructure(ctx: CcmContext, c: ClusterRecord): void {
  const { vim } = ctx;
  if (c.publicIpId !== undefined) vim.network.releasePublicIp(c.caller, c.publicIpId);
  if (c.lbPortId !== undefined) vim.network.delete(c.caller, c.lbPortId);
  if (c.networkId !== undefined) {
    const r = vim.network.delete(c.caller, c.networkId);
    if (!r.ok) throw new InvariantViolation("CCM", `network ${c.networkId} of cluster ${c.spec.id} not deleted: ${r.error.message}`);
  }
  if (c.groupId !== undefined) {
    const r = vim.compute.deleteServerGroup(c.caller, c.groupId);
    if (!r.ok) throw new InvariantViolation("CCM", `server group ${c.groupId} of cluster ${c.spec.id} not deleted: ${r.error.message}`);
  }
  c.publicIpId = c.lbPortId = c.subnetId = c.networkId = c.groupId = undefined;
}

/** All-or-nothing create refused: every node and shared resource goes at once; the cluster is FAILED. */
export function rollbackCluster(ctx: CcmContext, c: ClusterRecord): void {
  forgiveLoss(ctx, c);
  for (const n of [...c.nodes.values()]) {
    // No drain time: nothing runs on a cluster that never was READY.
    if (n.state === "Ready") moveNode(ctx, c, n, "drain");
    deleteNode(ctx, c, n);
  }
  deleteInfrastructure(ctx, c);
  c.state = clusterTransition(c.state, "provisionFailed")!;
}

/** DeleteCisCluster: drain every node, then delete them and their VMs, then the shared resources. */
export function beginDelete(ctx: CcmContext, c: ClusterRecord): void {
  c.state = clusterTransition(c.state, "delete")!;
  closeQuorumLoss(ctx.time.nowMs, c);
  forgiveLoss(ctx, c);
  // The workload goes with the cluster.
  for (const p of [...c.pods.values()]) removePod(c, p);
  const nodes = [...c.nodes.values()];
  const finish = (): void => {
    if (c.nodes.size > 0 || c.state !== "DELETING") return;
    deleteInfrastructure(ctx, c);
    c.state = clusterTransition(c.state, "deleted")!;
    c.stats.deletedAtMs = ctx.time.nowMs;
  };
  for (const n of nodes) {
    if (n.state === "Draining") continue;
    if (n.state === "Ready") drainNode(ctx, c, n, finish);
    else deleteNode(ctx, c, n);
  }
  // Nodes already draining finish through their own callbacks; then this one closes the cluster.
  if (c.nodes.size === 0) finish();
  else ctx.time.after(ctx.settings.drainTimeMs, finish);
}
