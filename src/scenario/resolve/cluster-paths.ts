/**
 * Expectation paths into summary.json's `clusters` section (issue 18): clusters.<id>.<field> for a
 * cluster of the scenario, clusters.total.<field> over all of them.
 */
const CLUSTER_FIELDS = ["timeToReadyMs", "scaleUpsRefused", "surgesRefused", "nodesRemediated", "remediationsShortCircuited", "quorumLossMs", "quorumLosses"];
const TOTAL_FIELDS = ["clusters", "readyAtEnd", "nodesAtEnd", "timeToReadyMsMax", "timeToReadyMsP50", "timeToReadyMsP95", "scaleUpsRefused", "surgesRefused", "nodesRemediated", "quorumLossMs"];
const VIM_RESOURCES = ["servers", "ports", "networks", "serverGroups", "publicIps", "volumes", "volumeGb"];
const CAPACITY_LOST = ["vcpuHours", "memoryGbHours", "gpuHours", "provisionedVcpuHours", "share"];
const NODE_FIELDS = ["atEnd", "peak", "desired"];
const UPGRADE_FIELDS = ["started", "completed", "lastDurationMs", "peakSurge"];
const PURPOSES = ["create", "scaleUp", "surge", "remediation"];
const POD_FIELDS = ["running", "pending", "unknown", "peakPending", "scheduled", "meanSchedulingLatencyMs", "schedulingLatencyMsP50", "schedulingLatencyMsP95", "schedulingLatencyMsP99", "arrived", "completed", "evicted", "autoscaleUps", "autoscaleDowns"];

export const CLUSTER_PATHS_HINT =
  "clusters.<cluster|total>.<timeToReadyMs|surgesRefused|scaleUpsRefused|nodesRemediated|quorumLossMs|...>, clusters.<cluster>.nodes.<pool>.<atEnd|peak|desired>, " +
  "clusters.<cluster>.refusedByVim.<create|scaleUp|surge|remediation>.<kind>, clusters.<cluster>.upgrades.<started|completed|lastDurationMs|peakSurge>, clusters.<cluster|total>.vimResources.<servers|ports|networks|serverGroups|publicIps|volumes|volumeGb>, clusters.<cluster|total>.workerCapacityLost.<vcpuHours|memoryGbHours|gpuHours|provisionedVcpuHours|share>, clusters.<cluster>.pods.<running|pending|peakPending|meanSchedulingLatencyMs|autoscaleUps|autoscaleDowns|...>";

/** Is `parts` (after "clusters") a metric of a run with these cluster ids? */
export function isClusterPath(parts: ReadonlyArray<string>, clusterIds: ReadonlyArray<string>): boolean {
  const [id, a, b, c] = parts;
  const oneOf = (x: string | undefined, list: ReadonlyArray<string>): boolean => x !== undefined && list.includes(x);
  const section3 = (): boolean => (a === "vimResources" && oneOf(b, VIM_RESOURCES)) || (a === "workerCapacityLost" && oneOf(b, CAPACITY_LOST));
  if (id === "total") return (parts.length === 2 && oneOf(a, TOTAL_FIELDS)) || (parts.length === 3 && section3());
  if (!oneOf(id, clusterIds)) return false;
  if (parts.length === 2) return oneOf(a, CLUSTER_FIELDS);
  if (parts.length === 3) return (a === "upgrades" && oneOf(b, UPGRADE_FIELDS)) || section3() || (a === "pods" && oneOf(b, POD_FIELDS));
  return parts.length === 4 && ((a === "nodes" && b !== undefined && oneOf(c, NODE_FIELDS)) || (a === "refusedByVim" && oneOf(b, PURPOSES) && c !== undefined));
}
