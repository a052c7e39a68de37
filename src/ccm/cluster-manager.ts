/**
 * The CIS Cluster Management function (issue 18): createCluster, scaleNodePool, upgradeCluster,
 * deleteCluster and queryCluster over the VIM's public operations, with the cluster tenant's own
 * credentials, as any tenant would. Expected failures are values (WRONG_STATE, NOT_FOUND,
 * INVALID_ARGUMENT, CONFLICT); refusals by the VIM at run time are counted outcomes in the stats.
 */
import { domainError, fail, InvariantViolation, ok, type Result } from "../domain/index.js";
import type { Caller, Vim } from "../vim/index.js";
import { clusterTransition, type ClusterOp, type ClusterState, type NodeState } from "./cluster-machine.js";
import { clusterSpecProblems } from "./cluster-checks.js";
import { type CcmContext, type CcmScheduler, requestReconcile } from "./ccm-context.js";
import { newPodStats, newStats, type AffinityGroup, type ClusterRecord, type NodeRecord, type PodRecord } from "./cluster-record.js";
import { allocatableOf, bindNow, makePod, podSettings, removePod, type PodSize } from "./pods.js";
import { CONTROL_PLANE, type CcmSettings, type ClusterSpec, type UpgradeSpec } from "./cluster-spec.js";
import { onServerChange } from "./node-health.js";
import { reconcile } from "./reconcile.js";
import { beginDelete, createInfrastructure } from "./teardown.js";

export interface NodeView {
  readonly name: string;
  readonly pool: string;
  readonly state: NodeState;
  readonly computeId: string;
  readonly zoneId: string | undefined;
  readonly generation: number;
}

export interface ClusterView {
  readonly clusterId: string;
  readonly tenantId: string;
  readonly state: ClusterState;
  readonly kubernetesVersion: string;
  readonly imageId: string;
  /** Pool → desired replicas (the control plane as "control-plane"). */
  readonly desired: Readonly<Record<string, number>>;
  readonly nodes: readonly NodeView[];
}

export class ClusterManager {
  private readonly ctx: CcmContext;

  /**
   * `callerOf(tenantId)` is the CCM's service user in that tenant. The CCM subscribes to the VIM's
   * change notifications of servers (as an administrator's monitoring would: every tenant it serves).
   */
  constructor(vim: Vim, time: CcmScheduler, settings: CcmSettings, private readonly callerOf: (tenantId: string) => Caller) {
    this.ctx = { vim, time, settings, clusters: new Map(), byCompute: new Map(), queued: new Set(), allocatable: new Map(), capacity: new Map(), reconcile: (c) => reconcile(this.ctx, c) };
    const sub = vim.changes.subscribe(vim.admin, { kinds: ["change"], resourceTypes: ["server"] }, (n) => {
      if (n.kind === "change") onServerChange(this.ctx, n);
    });
    if (!sub.ok) throw new InvariantViolation("CCM", `subscription refused: ${sub.error.message}`);
  }

  /**
   * CreateCisCluster: the shared resources at once (refused → the cluster is FAILED and the VIM's
   * error returned), then the nodes: the control plane one member at a time, the workers once it is
   * up. READY when every node is Ready. A node refused while provisioning rolls the whole cluster
   * back (onPartialFailure: rollback) or is retried (keep).
   */
  createCluster(spec: ClusterSpec): Result<ClusterView> {
    const problems = clusterSpecProblems(spec);
    if (problems.length > 0) return fail(domainError("INVALID_ARGUMENT", problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("; ")));
    if (this.ctx.clusters.has(spec.id)) return fail(domainError("CONFLICT", `cluster ${spec.id} already exists`));
    const c: ClusterRecord = {
      spec,
      caller: this.callerOf(spec.tenantId),
      state: "PROVISIONING",
      networkId: undefined,
      subnetId: undefined,
      lbPortId: undefined,
      publicIpId: undefined,
      groupId: undefined,
      nodes: new Map(),
      nextNodeNo: 1,
      desired: new Map([[CONTROL_PLANE, spec.controlPlane.replicas], ...spec.pools.map((p) => [p.name, p.replicas] as const)]),
      flavourByPool: new Map([[CONTROL_PLANE, spec.controlPlane.flavourId], ...spec.pools.map((p) => [p.name, p.flavourId] as const)]),
      generation: 0,
      imageId: spec.imageId,
      kubernetesVersion: spec.kubernetesVersion,
      blockedUntilMs: new Map(),
      stats: newStats(this.ctx.time.nowMs),
      pods: new Map(),
      pending: [],
      byDeployment: new Map((spec.deployments ?? []).map((d) => [d.name, new Set<PodRecord>()] as const)),
      used: new Map(),
      readyIndex: undefined,
      readyBounds: undefined,
      podsMayBeLost: false,
      deployments: new Map((spec.deployments ?? []).map((d) => [d.name, d.replicas ?? 0] as const)),
      affinity: affinityGroups(spec),
      nextPodNo: 1,
      podStats: newPodStats(),
    };
    this.ctx.clusters.set(spec.id, c);
    const infra = createInfrastructure(this.ctx, c);
    if (!infra.ok) {
      c.state = clusterTransition(c.state, "provisionFailed")!;
      return infra;
    }
    requestReconcile(this.ctx, c);
    return ok(this.view(c));
  }

  /** ScaleCisCluster of a worker pool to `replicas` within [min, max]: out allocates, in drains then terminates. */
  scaleNodePool(clusterId: string, pool: string, replicas: number): Result<ClusterView> {
    const c = this.ctx.clusters.get(clusterId);
    if (c === undefined) return fail(domainError("NOT_FOUND", `cluster ${clusterId} does not exist`));
    const spec = c.spec.pools.find((p) => p.name === pool);
    if (spec === undefined) return fail(domainError("NOT_FOUND", `cluster ${clusterId} has no pool ${pool} (pools: ${c.spec.pools.map((p) => p.name).join(", ")})`));
    if (!Number.isInteger(replicas) || replicas < spec.minReplicas || replicas > spec.maxReplicas) {
      return fail(domainError("INVALID_ARGUMENT", `pool ${pool} scales within [${spec.minReplicas}, ${spec.maxReplicas}]; got ${replicas}`));
    }
    const moved = this.move(c, "scale");
    if (!moved.ok) return moved;
    c.desired.set(pool, replicas);
    requestReconcile(this.ctx, c);
    return ok(this.view(c));
  }

  /** Rolling upgrade to a new version and image (and pool flavours): every node is replaced. */
  upgradeCluster(clusterId: string, upgrade: UpgradeSpec): Result<ClusterView> {
    const c = this.ctx.clusters.get(clusterId);
    if (c === undefined) return fail(domainError("NOT_FOUND", `cluster ${clusterId} does not exist`));
    const unknown = Object.keys(upgrade.flavourByPool ?? {}).find((p) => !c.desired.has(p));
    if (unknown !== undefined) return fail(domainError("NOT_FOUND", `cluster ${clusterId} has no pool ${unknown}`));
    const moved = this.move(c, "upgrade");
    if (!moved.ok) return moved;
    c.generation++;
    c.kubernetesVersion = upgrade.kubernetesVersion;
    c.imageId = upgrade.imageId;
    for (const [pool, flavourId] of Object.entries(upgrade.flavourByPool ?? {})) c.flavourByPool.set(pool, flavourId);
    c.stats.upgradesStarted++;
    c.stats.upgradeStartedAtMs = this.ctx.time.nowMs;
    requestReconcile(this.ctx, c);
    return ok(this.view(c));
  }

  /** A Deployment's replicas (its pods are created Pending, or the newest removed). */
  scaleDeployment(clusterId: string, deployment: string, replicas: number): Result<ClusterView> {
    const c = this.ctx.clusters.get(clusterId);
    if (c === undefined) return fail(domainError("NOT_FOUND", `cluster ${clusterId} does not exist`));
    if (!c.deployments.has(deployment)) return fail(domainError("NOT_FOUND", `cluster ${clusterId} has no deployment ${deployment}`));
    if (c.spec.deployments!.find((d) => d.name === deployment)!.arrivals === true) return fail(domainError("INVALID_ARGUMENT", `deployment ${deployment} of cluster ${clusterId} is arrival-driven: its pods come by addPod`));
    if (!Number.isInteger(replicas) || replicas < 0) return fail(domainError("INVALID_ARGUMENT", `replicas ${replicas} is not a count`));
    if (c.state === "DELETING" || c.state === "DELETED" || c.state === "FAILED") return fail(domainError("WRONG_STATE", `cluster ${clusterId} runs no pods in state ${c.state}`));
    c.deployments.set(deployment, replicas);
    requestReconcile(this.ctx, c);
    return ok(this.view(c));
  }

  /** A pod of arrival-driven `deployment` arrives: bound at once when it can be, else Pending (its name either way). */
  addPod(clusterId: string, deployment: string): Result<string> {
    const r = this.arrive(clusterId, deployment);
    return r.ok ? ok(r.value.name) : r;
  }

  /**
   * addPod answering the pod record itself: a pod arrival stream keeps it for the departure
   * (bench/ccm.bench.ts: no name, no lookup). `size` replaces the deployment's requests for this pod
   * (a replayed trace gives each container its own).
   */
  arrive(clusterId: string, deployment: string, size?: PodSize): Result<PodRecord> {
    const c = this.ctx.clusters.get(clusterId);
    if (c === undefined) return fail(domainError("NOT_FOUND", `cluster ${clusterId} does not exist`));
    const d = c.spec.deployments?.find((x) => x.name === deployment);
    if (d === undefined || d.arrivals !== true) return fail(domainError("NOT_FOUND", `cluster ${clusterId} has no arrival-driven deployment ${deployment}`));
    if (c.state === "DELETING" || c.state === "DELETED" || c.state === "FAILED") return fail(domainError("WRONG_STATE", `cluster ${clusterId} runs no pods in state ${c.state}`));
    const p = makePod(this.ctx, c, d, size);
    c.podStats.arrived++;
    // The fast path: nothing older waits and a node fits; otherwise the reconcile binds it or the autoscaler adds a node.
    if (!bindNow(this.ctx, c, p)) requestReconcile(this.ctx, c);
    return ok(p);
  }

  /** A pod's lifetime ended: it is removed (NOT_FOUND when it is gone already, e.g. with its cluster). */
  removePod(clusterId: string, podName: string): Result<void> {
    const c = this.ctx.clusters.get(clusterId);
    // Pods are kept by number: a name is `<deployment>-<no>`.
    const p = c?.pods.get(Number(podName.slice(podName.lastIndexOf("-") + 1)));
    if (c === undefined || p === undefined || p.name !== podName) return fail(domainError("NOT_FOUND", `pod ${podName} of cluster ${clusterId} does not exist`));
    this.endPod(c, p);
    return ok(undefined);
  }

  /** Pod `p` of an arrive answer ended its lifetime; nothing when it is gone already (with its cluster). */
  depart(clusterId: string, p: PodRecord): void {
    const c = this.ctx.clusters.get(clusterId);
    if (c !== undefined && c.pods.get(p.no) === p) this.endPod(c, p);
  }

  private endPod(c: ClusterRecord, p: PodRecord): void {
    const node = p.node === undefined ? undefined : c.nodes.get(p.node);
    removePod(c, p);
    c.podStats.completed++;
    // Freed room: waiting pods may fit now, or the node just became a scale-down candidate (most
    // departures do neither, and a reconcile per departure dominated bench/ccm.bench.ts).
    if (c.pending.length > 0 || (node !== undefined && becameUnderUsed(this.ctx, c, node))) requestReconcile(this.ctx, c);
  }

  /** DeleteCisCluster: drain, terminate, delete networks, ports and groups (INV-L4). */
  deleteCluster(clusterId: string): Result<ClusterView> {
    const c = this.ctx.clusters.get(clusterId);
    if (c === undefined) return fail(domainError("NOT_FOUND", `cluster ${clusterId} does not exist`));
    if (clusterTransition(c.state, "delete") === undefined) return fail(domainError("WRONG_STATE", `cluster ${clusterId} cannot be deleted in state ${c.state}`));
    beginDelete(this.ctx, c);
    return ok(this.view(c));
  }

  /** QueryCisCluster: state, version and nodes. */
  queryCluster(clusterId: string): Result<ClusterView> {
    const c = this.ctx.clusters.get(clusterId);
    return c === undefined ? fail(domainError("NOT_FOUND", `cluster ${clusterId} does not exist`)) : ok(this.view(c));
  }

  /** Every cluster record, by id (for reports and invariant checks; read only). */
  clusters(): ClusterRecord[] {
    return [...this.ctx.clusters.values()].sort((a, b) => (a.spec.id < b.spec.id ? -1 : 1));
  }

  /** The node (live or deleted) whose VM is `computeId`. */
  nodeOfCompute(computeId: string): NodeRecord | undefined {
    return this.ctx.byCompute.get(computeId);
  }

  get nowMs(): number {
    return this.ctx.time.nowMs;
  }

  private move(c: ClusterRecord, op: ClusterOp): Result<void> {
    const next = clusterTransition(c.state, op);
    if (next === undefined) return fail(domainError("WRONG_STATE", `cluster ${c.spec.id} cannot ${op} in state ${c.state}`));
    c.state = next;
    return ok(undefined);
  }

  private view(c: ClusterRecord): ClusterView {
    const nodes = [...c.nodes.values()].map((n): NodeView => ({ name: n.name, pool: n.pool, state: n.state, computeId: n.computeId, zoneId: n.zoneId, generation: n.generation }));
    return {
      clusterId: c.spec.id,
      tenantId: c.spec.tenantId,
      state: c.state,
      kubernetesVersion: c.kubernetesVersion,
      imageId: c.imageId,
      desired: Object.fromEntries([...c.desired.entries()].map(([p, n]) => [p, n] as const)),
      nodes,
    };
  }
}

/** Is `node` of an autoscaled pool now under the scale-down threshold with its clock not yet started? */
function becameUnderUsed(ctx: CcmContext, c: ClusterRecord, node: NodeRecord): boolean {
  if (node.underUsedSinceMs !== undefined || !c.spec.pools.some((x) => x.name === node.pool && x.autoscale === true)) return false;
  const u = c.used.get(node.name);
  const a = allocatableOf(ctx, node.flavourId);
  return u === undefined || Math.max(u.cpuMilli / a.cpuMilli, u.memoryMb / a.memoryMb) < podSettings(ctx).scaleDownUtilisation;
}

/** The anti-affinity groups of the deployments that ask for one. */
function affinityGroups(spec: ClusterSpec): Map<string, AffinityGroup> {
  const out = new Map<string, AffinityGroup>();
  for (const d of spec.deployments ?? []) {
    if (d.antiAffinity === undefined) continue;
    out.set(d.name, { deployment: d.name, required: d.antiAffinity === "required", zone: d.topologyKey === "zone", domains: new Map() });
  }
  return out;
}
