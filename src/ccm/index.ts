/** The CCM room: Kubernetes clusters whose nodes are VMs of the VIM (issue 18). It imports only the VIM's public surface. */
export { ClusterManager, type ClusterView, type NodeView } from "./cluster-manager.js";
export { schedulerOf, type CcmScheduler } from "./ccm-context.js";
export { clusterSpecProblems, type SpecProblem } from "./cluster-checks.js";
export {
  CLUSTER_OPS,
  CLUSTER_STATES,
  CLUSTER_TRANSITIONS,
  clusterTransition,
  NODE_OPS,
  NODE_STATES,
  NODE_TRANSITIONS,
  nodeTransition,
  type ClusterOp,
  type ClusterState,
  type NodeOp,
  type NodeState,
} from "./cluster-machine.js";
export {
  CLUSTER_TAG,
  CONTROL_PLANE,
  DEFAULT_HEALTH,
  DEFAULT_PODS,
  NODE_TAG,
  POOL_TAG,
  type AntiAffinity,
  type CcmSettings,
  type ClusterSpec,
  type DeploymentSpec,
  type PodSettings,
  type ControlPlanePolicy,
  type ControlPlaneSpec,
  type HealthCheckSettings,
  type NodePoolSpec,
  type PartialFailurePolicy,
  type TopologyKey,
  type UpgradeSpec,
} from "./cluster-spec.js";
export type { ClusterRecord, NodeRecord, PodRecord, RefusalPurpose } from "./cluster-record.js";
export type { PodSize } from "./pods.js";
export { clustersSummary, vimHeld, type ClusterSummary, type ClustersSummary, type PodsSummary, type VimHeld } from "./cluster-summary.js";
export { checkClusterInvariants } from "./invariants.js";
export type { WorkerCapacityLost } from "./capacity-loss.js";
