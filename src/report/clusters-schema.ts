/** The JSON Schema of summary.json's `clusters` (issue 18): written only when the scenario has `clusters:`. */
import { closed, int, mapOf, num, share, str, type Schema } from "./schema-parts.js";

const nullableInt: Schema = { oneOf: [{ type: "null" }, { type: "integer", minimum: 0 }] };

const vimResources = closed(
  { servers: int, ports: int, networks: int, serverGroups: int, publicIps: int, volumes: int, volumeGb: int },
  "VIM resources tagged with the cluster id at the end of the run, volumes with their GB (0 everywhere after a delete: INV-L4)",
);

const workerCapacityLost = closed(
  { vcpuHours: num, memoryGbHours: num, gpuHours: num, provisionedVcpuHours: num, share },
  "worker capacity (vCPU, memory, GPUs of worker nodes) unavailable because nodes failed, from the failure to the node or its replacement being Ready, integrated exactly; share = lost ÷ held vCPU-hours",
);

const pods = closed(
  { running: int, pending: int, unknown: int, peakPending: int, scheduled: int, meanSchedulingLatencyMs: int, schedulingLatencyMsP50: int, schedulingLatencyMsP95: int, schedulingLatencyMsP99: int, arrived: int, completed: int, evicted: int, autoscaleUps: int, autoscaleDowns: int },
  "the cluster's pods at the end (Running, Pending, Unknown on a NotReady node), the most Pending at once, scheduling latency (mean and nearest-rank percentiles of the time Pending), pods arrived and completed (arrival-driven deployments) and the autoscaler's steps",
);

const clusterFields = closed({
  state: { type: "string", enum: ["PROVISIONING", "READY", "UPDATING", "SCALING", "HEALING", "DELETING", "DELETED", "FAILED"], description: "the cluster's state at the end" },
  kubernetesVersion: str,
  timeToReadyMs: { ...nullableInt, description: "from createCluster to READY; null when it never was READY" },
  nodes: mapOf(closed({ atEnd: int, peak: int, desired: int }), "pool (control-plane included) → nodes at the end, the most at once, desired replicas"),
  refusedByVim: mapOf(mapOf(int, "error kind → allocations refused"), "purpose (create, scaleUp, surge, remediation) → refusals by kind"),
  scaleUpsRefused: int,
  surgesRefused: int,
  nodesRemediated: { ...int, description: "nodes the MachineHealthCheck replaced" },
  remediationsShortCircuited: { ...int, description: "remediation passes stopped by maxUnhealthy" },
  quorumLossMs: { ...int, description: "time the control plane had no etcd quorum (API outage) after the first READY" },
  quorumLosses: int,
  upgrades: closed({ started: int, completed: int, lastDurationMs: nullableInt, peakSurge: int }),
  vimResources,
  workerCapacityLost,
});

/** `pods` is written only for a cluster with deployments. */
const cluster: Schema = { ...clusterFields, properties: { ...(clusterFields["properties"] as Record<string, Schema>), pods } };

const total = closed({
  clusters: int,
  readyAtEnd: int,
  nodesAtEnd: int,
  timeToReadyMsMax: nullableInt,
  timeToReadyMsP50: nullableInt,
  timeToReadyMsP95: nullableInt,
  scaleUpsRefused: int,
  surgesRefused: int,
  nodesRemediated: int,
  quorumLossMs: int,
  vimResources,
  workerCapacityLost,
  refusedCalls: mapOf(int, "\"<operation> <kind>\" → operations of clusters: actions refused when called"),
});

export const CLUSTERS_SCHEMA: Schema = {
  type: "object",
  description: "cluster id → its numbers, and total over all clusters",
  required: ["total"],
  properties: { total },
  additionalProperties: cluster,
};
