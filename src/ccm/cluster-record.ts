/**
 * The CCM's own records of clusters and nodes (what Cluster API keeps as Cluster, Machine and Node
 * objects), and the counters the report reads. Plain data; the manager mutates them.
 */
import type { Caller } from "../vim/index.js";
import type { ClusterState, NodeState } from "./cluster-machine.js";
import type { ClusterSpec } from "./cluster-spec.js";
import { newWorkerLoss, type WorkerLoss } from "./capacity-loss.js";

export interface NodeRecord {
  readonly name: string;
  readonly clusterId: string;
  /** Pool name, or CONTROL_PLANE. */
  readonly pool: string;
  readonly computeId: string;
  readonly portId: string;
  /** Its data volume (etcd for a member, the pool's volumeGb for a worker); undefined when none. */
  readonly volumeId: string | undefined;
  readonly zoneId: string | undefined;
  readonly flavourId: string;
  /** The cluster's upgrade generation the node was built for (older ones are replaced by an upgrade). */
  readonly generation: number;
  readonly requestedAtMs: number;
  state: NodeState;
  /** Is the node's VM ACTIVE (as the VIM last notified)? */
  vmActive: boolean;
  /** Ever Ready (a node that never was is judged by the startup timeout). */
  joined: boolean;
  notReadySinceMs: number;
  /** Bumped at every health change, so a timer armed for an older episode does nothing. */
  epoch: number;
  /** The MachineHealthCheck judged it unhealthy; it waits for remediation. */
  unhealthy: boolean;
  /** Since when its pods' requests stay under the scale-down threshold (the autoscaler's clock). */
  underUsedSinceMs: number | undefined;
  /** The autoscaler chose it: the next scale-in removes it first. */
  markedForDeletion: boolean;
  /** The zone the VIM placed its VM in, asked once when a zone anti-affinity needs it and the pool named no zones. */
  placedZoneId?: string | undefined;
}

/**
 * One deployment's pod anti-affinity: how many of its bound pods each topology domain (node name,
 * or zone) holds. Kept with every bind and unbind (pod-index.ts), so the scheduler asks a map, not
 * every pod; only deployments with anti-affinity have one (the others pay nothing).
 */
export interface AffinityGroup {
  readonly deployment: string;
  /** requiredDuringScheduling (a filter) or preferredDuringScheduling (a score). */
  readonly required: boolean;
  /** The domain is the node's zone (topology.kubernetes.io/zone), else the node (kubernetes.io/hostname). */
  readonly zone: boolean;
  readonly domains: Map<string, number>;
}

/** A pod: Pending until the scheduler binds it, Running on a Ready node, Unknown on a NotReady one. */
export interface PodRecord {
  /** Creation number within the cluster: Pending pods are bound oldest first by it. */
  readonly no: number;
  readonly name: string;
  readonly deployment: string;
  readonly cpuMilli: number;
  readonly memoryMb: number;
  /** Extended resource nvidia.com/gpu: GPUs the pod needs on its node. */
  readonly gpus: number;
  readonly pool: string | undefined;
  node: string | undefined;
  pendingSinceMs: number;
  /** The live pods of its deployment it counts among (replica-driven deployments only). */
  readonly siblings?: Set<PodRecord> | undefined;
  /** Its deployment's anti-affinity (undefined: none). */
  readonly affinity?: AffinityGroup | undefined;
  /** While bound with an anti-affinity: the topology domain it is counted in. */
  domain?: string | undefined;
  /** While bound: its node's use, so an unbind needs no lookup by node name (bench/ccm.bench.ts: a million unbinds). */
  use?: NodeUse | undefined;
}

/** What the pods bound to one node request, and the pods themselves. */
export interface NodeUse {
  cpuMilli: number;
  memoryMb: number;
  gpus: number;
  readonly pods: Set<PodRecord>;
  /** The node's entry in the latest ready index (pod-index.ts checks it is still current). */
  entry: ReadyEntry | undefined;
}

export interface PodStats {
  peakPending: number;
  scheduled: number;
  schedulingLatencyMsSum: number;
  /** Every scheduling latency (time Pending until bound), in bind order, for percentiles. */
  readonly schedulingLatenciesMs: number[];
  autoscaleUps: number;
  autoscaleDowns: number;
  evicted: number;
  /** Pods ever made (replicas and arrivals) and ever removed (scale-down of replicas, lifetimes ended, cluster deleted). */
  created: number;
  removed: number;
  /** Pods that arrived (arrival-driven deployments) and whose lifetime ended. */
  arrived: number;
  completed: number;
}

/** Allocation refusals by the VIM, by purpose then error kind. */
export type RefusalPurpose = "create" | "scaleUp" | "surge" | "remediation";

export interface ClusterStats {
  readonly createdAtMs: number;
  readyAtMs: number | undefined;
  readonly refusals: Map<RefusalPurpose, Map<string, number>>;
  /** Per pool: the most nodes (any state but Deleted) ever at once. */
  readonly peakNodes: Map<string, number>;
  nodesRemediated: number;
  remediationsShortCircuited: number;
  quorumLossMs: number;
  quorumLosses: number;
  quorumLostSinceMs: number | undefined;
  upgradesStarted: number;
  upgradesCompleted: number;
  upgradeStartedAtMs: number | undefined;
  /** Duration of the last completed upgrade. */
  upgradeDurationMs: number | undefined;
  /** The most nodes above the desired count during upgrades. */
  upgradePeakSurge: number;
  deletedAtMs: number | undefined;
  /** Worker capacity lost to failures, integrated exactly (capacity-loss.ts). */
  readonly workerLoss: WorkerLoss;
}

export interface ClusterRecord {
  readonly spec: ClusterSpec;
  readonly caller: Caller;
  state: ClusterState;
  networkId: string | undefined;
  subnetId: string | undefined;
  lbPortId: string | undefined;
  publicIpId: string | undefined;
  groupId: string | undefined;
  /** Live nodes (not Deleted), by name. */
  readonly nodes: Map<string, NodeRecord>;
  nextNodeNo: number;
  /** Desired replicas per pool (CONTROL_PLANE included). */
  readonly desired: Map<string, number>;
  readonly flavourByPool: Map<string, string>;
  generation: number;
  imageId: string;
  kubernetesVersion: string;
  /** Pools whose allocations are refused until this time (a retry is scheduled for it). */
  readonly blockedUntilMs: Map<string, number>;
  readonly stats: ClusterStats;
  /** Live pods of the cluster's deployments by number, in creation order. */
  readonly pods: Map<number, PodRecord>;
  /** The Pending pods, by creation number (oldest first). */
  readonly pending: PodRecord[];
  /** Live pods per replica-driven deployment, in creation order. */
  readonly byDeployment: Map<string, Set<PodRecord>>;
  /** Requests bound per node name (pod-index.ts keeps it with every bind and unbind). */
  readonly used: Map<string, NodeUse>;
  /** Ready workers ordered by free CPU (pod-index.ts); undefined after a node changed state. */
  readyIndex: ReadyEntry[] | undefined;
  /** Bounds over the ready index's entries, for bestEntry's early exit (pod-index.ts; made with the index). */
  readyBounds: ReadyBounds | undefined;
  /** A node left Ready since the last eviction pass found none to wait for: its pods may need evicting. */
  podsMayBeLost: boolean;
  /** Deployment → desired replicas. */
  readonly deployments: Map<string, number>;
  /** Deployment → its pod anti-affinity, for the deployments that have one. */
  readonly affinity: Map<string, AffinityGroup>;
  nextPodNo: number;
  readonly podStats: PodStats;
}

/** An entry of the ready index: the node, its allocatable and what its pods use. */
export interface ReadyEntry {
  readonly node: NodeRecord;
  readonly allocatable: { readonly cpuMilli: number; readonly memoryMb: number; readonly gpus: number };
  readonly use: NodeUse;
  /** Position in the index (kept through every move). */
  pos: number;
}

/**
 * What bestEntry's early exit needs to know of every entry of the ready index: the smallest
 * allocatable CPU and memory (made with the index), and the most free memory of any entry with how
 * many entries have exactly that much, kept through binds and unbinds; when the last of those takes
 * a pod the maximum is unknown (`exact` false) until bestEntry recounts it.
 */
export interface ReadyBounds {
  readonly minCpuMilli: number;
  readonly minMemoryMb: number;
  maxFreeMemoryMb: number;
  atMax: number;
  exact: boolean;
}

/** Fresh pod counters. */
export function newPodStats(): PodStats {
  return { peakPending: 0, scheduled: 0, schedulingLatencyMsSum: 0, schedulingLatenciesMs: [], autoscaleUps: 0, autoscaleDowns: 0, evicted: 0, created: 0, removed: 0, arrived: 0, completed: 0 };
}

export function newStats(nowMs: number): ClusterStats {
  return {
    createdAtMs: nowMs,
    readyAtMs: undefined,
    refusals: new Map(),
    peakNodes: new Map(),
    nodesRemediated: 0,
    remediationsShortCircuited: 0,
    quorumLossMs: 0,
    quorumLosses: 0,
    quorumLostSinceMs: undefined,
    upgradesStarted: 0,
    upgradesCompleted: 0,
    upgradeStartedAtMs: undefined,
    upgradeDurationMs: undefined,
    upgradePeakSurge: 0,
    deletedAtMs: undefined,
    workerLoss: newWorkerLoss(nowMs),
  };
}

/** Counts one refusal of `purpose` with error kind `kind`. */
export function countRefusal(stats: ClusterStats, purpose: RefusalPurpose, kind: string): void {
  const byKind = stats.refusals.get(purpose) ?? new Map<string, number>();
  byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  stats.refusals.set(purpose, byKind);
}

/** The cluster's live nodes of `pool`, in creation order. */
export function poolNodes(c: ClusterRecord, pool: string): NodeRecord[] {
  // One array, not a copy of every node then a filtered one: reconcile passes call it per pool (bench/ccm.bench.ts).
  const out: NodeRecord[] = [];
  for (const n of c.nodes.values()) if (n.pool === pool) out.push(n);
  return out;
}

/** Every pool name of a cluster, control plane first. */
export function poolNames(c: ClusterRecord): string[] {
  return [...c.desired.keys()];
}
