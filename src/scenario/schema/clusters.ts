/**
 * `clusters:` (issue 18): Kubernetes clusters whose nodes are VMs of the VIM, made by the CCM, and
 * operations on them at given times. Data only; resolve/clusters.ts checks names against the model
 * and the rules (odd control plane, min ≤ replicas ≤ max, a surge or an unavailability to roll with).
 */
import { Schema } from "effect";
import { Duration, DurationOrDistribution, field, Id, NonNegativeInt, optional, PositiveFactor, PositiveInt } from "./common.js";
import { Arrivals } from "./arrivals.js";

const ControlPlane = Schema.Struct({
  replicas: field(PositiveInt, "control-plane members: 1, 3 or 5 (etcd needs an odd count)"),
  flavour: field(Id, "flavour of the control-plane VMs"),
  policy: optional(Schema.Literals(["anti-affinity", "soft-anti-affinity"]), "server group policy of the members (default anti-affinity: distinct hosts)"),
  zones: optional(Schema.Array(Id), "zones the members are spread over, fewest members first (default: the VIM chooses)"),
  etcdVolumeGb: optional(NonNegativeInt, "GB of an etcd data volume per member, made in the member's zone, attached to its VM, counted in the tenant's volumes/gigabytes quota and replaced with the member (default 0: none, etcd on the root disk)"),
});

const NodePool = Schema.Struct({
  name: field(Id, "pool name (also in expectations: clusters.<id>.nodes.<pool>.atEnd)"),
  flavour: field(Id, "flavour of the pool's VMs"),
  min: field(NonNegativeInt, "fewest nodes the pool may be scaled to"),
  max: field(NonNegativeInt, "most nodes the pool may be scaled to"),
  replicas: field(NonNegativeInt, "nodes at creation, within [min, max]"),
  zones: optional(Schema.Array(Id), "zones the nodes are spread over, fewest nodes first (default: the VIM chooses)"),
  labels: optional(Schema.Record(Schema.String, Schema.String), "Kubernetes node labels, recorded on each VM as label.<key> metadata"),
  reservation: optional(Id, "draw the nodes from this compute reservation (reservations: entry id)"),
  deviceProfile: optional(Id, "the accelerator device profile the pool's flavour carries (checked against the flavour)"),
  maxSurge: optional(NonNegativeInt, "rolling upgrade: nodes above replicas while replacing (default 1)"),
  maxUnavailable: optional(NonNegativeInt, "rolling upgrade: nodes below replicas while replacing (default 0)"),
  autoscale: optional(Schema.Boolean, "the cluster autoscaler sizes the pool within [min, max] from pending pods and idle nodes (default false)"),
  volumeGb: optional(NonNegativeInt, "GB of a data volume per node, made in the node's zone, attached to its VM, counted in the tenant's volumes/gigabytes quota, deleted with the node (default 0: none)"),
});

/** A deployment's pods from a container trace (docs/traces.md): Alibaba 2018 container_meta.csv. */
const PodTrace = Schema.Struct({
  file: field(Schema.String, "path of the trace file, relative to this scenario file; read row by row, never whole"),
  format: field(Schema.Literals(["alibaba"]), "trace format: alibaba (cluster-trace-v2018 container_meta.csv; the first row of a container is its pod)"),
  appDu: optional(Schema.String, "only the containers of this app_du (default: all of the trace)"),
  machineRamGb: optional(PositiveFactor, "the memory of a machine in GB, which mem_size is a percentage of (default 100)"),
  timeScale: optional(PositiveFactor, "simulated time since the cluster's creation = trace time × timeScale (default 1)"),
});

const Deployment = Schema.Struct({
  name: field(Id, "deployment name"),
  replicas: optional(NonNegativeInt, "pods at creation (deploy actions change it); not with arrivals (default 0)"),
  cpuMilli: optional(PositiveInt, "CPU request per pod in millicores (1000 = one vCPU); required unless the pods come from a trace"),
  memoryMb: optional(PositiveInt, "memory request per pod, MiB; required unless the pods come from a trace"),
  gpus: optional(NonNegativeInt, "extended resource nvidia.com/gpu per pod: only nodes whose pool flavour's device profile has GPUs fit (default 0)"),
  pool: optional(Id, "run only on this pool's nodes (a nodeSelector); default any worker pool"),
  arrivals: optional(Arrivals, "pods arrive as the VM workload does (poisson, schedule or daily), from the cluster's creation; stream ccm/pods/<cluster>/<deployment>"),
  trace: optional(PodTrace, "pods arrive as the containers of a trace (each with its own requests), from the cluster's creation; not with replicas or arrivals"),
  lifetime: optional(DurationOrDistribution, "with arrivals or a trace: how long a pod lives once created, a duration or a distribution (stream ccm/pod-lifetime/<cluster>/<deployment>); default until the end of the run"),
  antiAffinity: optional(
    Schema.Literals(["required", "preferred"]),
    "pod anti-affinity among the deployment's own pods: required (requiredDuringSchedulingIgnoredDuringExecution: at most one pod per topology domain, the rest stay Pending and the autoscaler adds a node for each) or preferred (weight 100: domains holding fewer of its pods first, never refused); default none",
  ),
  topologyKey: optional(
    Schema.Literals(["hostname", "zone", "kubernetes.io/hostname", "topology.kubernetes.io/zone"]),
    "with antiAffinity: its topology domain, the node (hostname = kubernetes.io/hostname, default) or the zone its VM was placed in (zone = topology.kubernetes.io/zone)",
  ),
});

const ClusterDefinition = Schema.Struct({
  id: field(Id, "cluster id: tags every VIM resource of the cluster (metadata ccm.cluster); not 'total'"),
  tenant: field(Id, "the tenant whose quotas and credentials the cluster uses"),
  kubernetesVersion: field(Schema.String, "Kubernetes version, free text: 1.29.3"),
  image: field(Id, "node image: an id of clusters.images"),
  at: optional(Duration, "when createCluster is called (default 0s)"),
  subnet: optional(Schema.String, "the cluster network's subnet CIDR (default 10.<n>.0.0/16, n the cluster's index)"),
  controlPlane: field(ControlPlane, "the control plane: members, flavour, anti-affinity, zones"),
  pools: field(Schema.Array(NodePool), "worker pools"),
  onPartialFailure: optional(Schema.Literals(["rollback", "keep"]), "a node refused while creating: rollback undoes the cluster (FAILED), keep retries the rest (default rollback)"),
  deployments: optional(Schema.Array(Deployment), "the cluster's pod workload: deployments placed by a kube-scheduler model on Ready workers"),
});

const ClusterAction = Schema.Struct({
  at: field(Duration, "when the operation is called"),
  cluster: field(Id, "the cluster (a clusters.definitions id)"),
  op: field(Schema.Literals(["scale", "upgrade", "delete", "deploy"]), "scale a pool, rolling upgrade, delete the cluster, or set a deployment's replicas"),
  deployment: optional(Id, "deploy: the deployment"),
  pool: optional(Id, "scale: the pool"),
  replicas: optional(NonNegativeInt, "scale: the pool's new size, within [min, max]; deploy: the deployment's pods"),
  kubernetesVersion: optional(Schema.String, "upgrade: the new Kubernetes version"),
  image: optional(Id, "upgrade: the new node image (a clusters.images id)"),
  flavours: optional(Schema.Record(Id, Id), "upgrade: pool name → new flavour"),
});

const ClusterImage = Schema.Struct({
  id: field(Id, "image name clusters refer to"),
  sizeGb: optional(NonNegativeInt, "image size: its first boot on a host waits for the transfer (default 0)"),
});

const ClusterSettings = Schema.Struct({
  bootTime: optional(DurationOrDistribution, "VM spawn time of a node (default 1m)"),
  joinTime: optional(DurationOrDistribution, "from VM ACTIVE to node Ready: kubeadm join, CNI (default 1m)"),
  drainTime: optional(Duration, "cordon and drain before a node is deleted (default 30s)"),
  retryInterval: optional(Duration, "a refused allocation is retried after this long (default 1m)"),
  unhealthyTimeout: optional(Duration, "MachineHealthCheck: a node NotReady this long is remediated (default 5m)"),
  nodeStartupTimeout: optional(Duration, "MachineHealthCheck: a node never Ready this long is remediated (default 10m)"),
  podEvictionDelay: optional(Duration, "pods of a node NotReady this long are rescheduled (default 5m)"),
  scaleDownUtilisation: optional(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(1)), "autoscaler: a node whose pods request less than this share of it is unneeded (default 0.5)"),
  scaleDownUnneededTime: optional(Duration, "autoscaler: how long a node stays unneeded before it is removed (default 10m)"),
  systemReservedCpuMilli: optional(NonNegativeInt, "per node, millicores kept for the system: allocatable = flavour − reserved (default 100)"),
  systemReservedMemoryMb: optional(NonNegativeInt, "per node, MiB kept for the system (default 512)"),
  podScoring: optional(Schema.Literals(["LeastAllocated", "MostAllocated"]), "kube-scheduler scoring among the nodes a pod fits: the emptiest (LeastAllocated, default) or the fullest (MostAllocated)"),
  maxUnhealthy: optional(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(1)), "remediation stops while more than this share of a cluster's nodes is unhealthy (default 0.4)"),
});

export const Clusters = Schema.Struct({
  images: field(Schema.Array(ClusterImage), "node images the CCM registers in the VIM (public)"),
  definitions: field(Schema.Array(ClusterDefinition), "the clusters, each created at its time"),
  actions: optional(Schema.Array(ClusterAction), "scale, upgrade and delete operations at given times"),
  settings: optional(ClusterSettings, "CCM timings and MachineHealthCheck settings"),
}).annotate({ description: "Kubernetes clusters on the VIM (the CCM): nodes are VMs; summary.json clusters.<id>.…" });
export type Clusters = typeof Clusters.Type;
