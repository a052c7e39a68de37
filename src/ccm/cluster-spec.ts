/**
 * What a Kubernetes cluster on the VIM is made of (issue 18 item 1): the data a planner writes and
 * the library takes. Data only; cluster-checks.ts says what is wrong with one, with the field's path.
 */

/** Anti-affinity keeps control-plane members on distinct hosts (INV-L2); soft only prefers it. */
export type ControlPlanePolicy = "anti-affinity" | "soft-anti-affinity";

/** What createCluster does when some node cannot be allocated: undo everything, or keep what it got. */
export type PartialFailurePolicy = "rollback" | "keep";

export interface ControlPlaneSpec {
  /** 1, 3 or 5 members: an etcd quorum needs an odd size. */
  readonly replicas: number;
  readonly flavourId: string;
  readonly policy: ControlPlanePolicy;
  /** Zones the members are spread over, round-robin by fewest members; empty = the VIM chooses. */
  readonly zones: readonly string[];
  /**
   * GB of a data volume per member for etcd (Cluster API OpenStack's additionalBlockDevices): made,
   * attached and deleted with the member's VM. Absent or 0: none (etcd on the root disk).
   */
  readonly etcdVolumeGb?: number;
}

export interface NodePoolSpec {
  readonly name: string;
  readonly flavourId: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Desired replicas at creation. */
  readonly replicas: number;
  readonly zones: readonly string[];
  /** Kubernetes node labels; recorded on each VM's metadata as `label.<key>`. */
  readonly labels: Readonly<Record<string, string>>;
  /** Draw the pool's VMs from this compute reservation (IFA reservationId). */
  readonly reservationId?: string;
  /** The accelerator device profile the pool's flavour carries (checked against the flavour). */
  readonly deviceProfile?: string;
  /** Rolling upgrade: extra nodes above replicas while replacing. */
  readonly maxSurge: number;
  /** Rolling upgrade: nodes below replicas allowed while replacing. */
  readonly maxUnavailable: number;
  /** The cluster autoscaler sizes this pool within [min, max] from pending pods and idle nodes. */
  readonly autoscale?: boolean;
  /** GB of a data volume per node, made, attached and deleted with its VM. Absent or 0: none. */
  readonly volumeGb?: number;
}

/**
 * A Deployment: identical pods with CPU, memory and GPU requests, optionally pinned to a pool
 * (nodeSelector). Its pods are `replicas` kept by the CCM, or, with `arrivals`, made and removed by
 * the caller (addPod / removePod: Poisson arrivals and drawn lifetimes, as the VM workload).
 */
export interface DeploymentSpec {
  readonly name: string;
  readonly replicas: number;
  readonly cpuMilli: number;
  readonly memoryMb: number;
  /** Extended resource nvidia.com/gpu per pod: only nodes whose flavour's device profile has GPUs fit. */
  readonly gpus?: number;
  readonly pool?: string;
  /** Pods come and go by addPod / removePod, not by replicas. */
  readonly arrivals?: boolean;
  /**
   * Pod anti-affinity among the deployment's own pods (labelSelector: the deployment). `required`
   * (requiredDuringSchedulingIgnoredDuringExecution): at most one pod per topology domain, a pod
   * with no free domain stays Pending; `preferred` (preferredDuringScheduling, weight 100): a domain
   * already holding pods of it scores lower, never refused. Absent: none.
   */
  readonly antiAffinity?: AntiAffinity;
  /** The anti-affinity's topology domain: the node (kubernetes.io/hostname, default) or its VM's zone (topology.kubernetes.io/zone). */
  readonly topologyKey?: TopologyKey;
}

export type AntiAffinity = "required" | "preferred";
export type TopologyKey = "hostname" | "zone";

/** kube-scheduler NodeResourcesFit scoring: spread over the emptiest node, or pack the fullest. */
export type PodScoring = "LeastAllocated" | "MostAllocated";

/** Pods, the kube-scheduler and the cluster autoscaler. */
export interface PodSettings {
  /** Pods of a node NotReady this long are evicted and rescheduled (default 5 min). */
  readonly evictionDelayMs: number;
  /** A node whose requests stay under this share of its allocatable is a scale-down candidate (default 0.5). */
  readonly scaleDownUtilisation: number;
  /** ... for this long (default 10 min). */
  readonly scaleDownUnneededMs: number;
  /** Per node, kept from the flavour for the system (kubelet, OS): allocatable = flavour − reserved. */
  readonly systemReservedCpuMilli: number;
  readonly systemReservedMemoryMb: number;
  /** LeastAllocated (default) or MostAllocated. */
  readonly scoring?: PodScoring;
}

export const DEFAULT_PODS: PodSettings = { evictionDelayMs: 300_000, scaleDownUtilisation: 0.5, scaleDownUnneededMs: 600_000, systemReservedCpuMilli: 100, systemReservedMemoryMb: 512 };

export interface ClusterSpec {
  readonly id: string;
  readonly tenantId: string;
  readonly kubernetesVersion: string;
  /** VIM image id of the node image. */
  readonly imageId: string;
  /** The cluster network's subnet. */
  readonly subnetCidr: string;
  readonly controlPlane: ControlPlaneSpec;
  readonly pools: readonly NodePoolSpec[];
  readonly onPartialFailure: PartialFailurePolicy;
  /** The cluster's pod workload (none by default). */
  readonly deployments?: readonly DeploymentSpec[];
}

/** MachineHealthCheck settings (Cluster API semantics). */
export interface HealthCheckSettings {
  /** A node NotReady this long after it was Ready is remediated (default 5 min). */
  readonly unhealthyTimeoutMs: number;
  /** A node that never became Ready this long after its VM was requested is remediated (default 10 min). */
  readonly nodeStartupTimeoutMs: number;
  /** Remediation stops while more than this share of a cluster's nodes is unhealthy (default 0.4). */
  readonly maxUnhealthyFraction: number;
}

/** The CCM's timings; the draws come from named streams the caller owns. */
export interface CcmSettings {
  /** The VM's modelled spawn time, drawn per node. */
  readonly bootTimeMs: () => number;
  /** From the VM's ACTIVE to the node's Ready (kubeadm join, CNI up), drawn per node. */
  readonly joinTimeMs: () => number;
  /** Cordon and drain of a node before it is deleted. */
  readonly drainTimeMs: number;
  /** A refused allocation (surge, scale-out, remediation) is retried after this long. */
  readonly retryIntervalMs: number;
  readonly health: HealthCheckSettings;
  /** Pods and autoscaling (DEFAULT_PODS when absent). */
  readonly pods?: PodSettings;
}

/** Per rolling upgrade: a new image and/or version; pools get new flavours by name. */
export interface UpgradeSpec {
  readonly kubernetesVersion: string;
  readonly imageId: string;
  readonly flavourByPool?: Readonly<Record<string, string>>;
}

export const DEFAULT_HEALTH: HealthCheckSettings = { unhealthyTimeoutMs: 300_000, nodeStartupTimeoutMs: 600_000, maxUnhealthyFraction: 0.4 };

/** The control plane's pool name on nodes and in reports. */
export const CONTROL_PLANE = "control-plane";

/** Metadata keys every VIM resource of a cluster carries (INV-L4 finds them by the first). */
export const CLUSTER_TAG = "ccm.cluster";
export const POOL_TAG = "ccm.pool";
export const NODE_TAG = "ccm.node";
