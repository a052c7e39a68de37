/**
 * Cluster and node (CIS instance) life cycles as transition tables (rule 10): an illegal operation
 * changes nothing and is WRONG_STATE. Cluster: PROVISIONING → READY → UPDATING/SCALING/HEALING →
 * READY, DELETING → DELETED, FAILED. Node: NotReady → Ready → Draining → Deleted, one node per VM.
 */

export const CLUSTER_STATES = ["PROVISIONING", "READY", "UPDATING", "SCALING", "HEALING", "DELETING", "DELETED", "FAILED"] as const;
export type ClusterState = (typeof CLUSTER_STATES)[number];

export const CLUSTER_OPS = ["provisioned", "provisionFailed", "scale", "upgrade", "heal", "settle", "delete", "deleted"] as const;
export type ClusterOp = (typeof CLUSTER_OPS)[number];

/** (state, op) → next; a missing cell is WRONG_STATE. */
export const CLUSTER_TRANSITIONS: Readonly<Record<ClusterState, Partial<Record<ClusterOp, ClusterState>>>> = {
  PROVISIONING: { provisioned: "READY", provisionFailed: "FAILED", delete: "DELETING" },
  READY: { scale: "SCALING", upgrade: "UPDATING", heal: "HEALING", delete: "DELETING" },
  SCALING: { settle: "READY", scale: "SCALING", delete: "DELETING" },
  UPDATING: { settle: "READY", delete: "DELETING" },
  HEALING: { settle: "READY", scale: "SCALING", heal: "HEALING", delete: "DELETING" },
  DELETING: { deleted: "DELETED" },
  DELETED: {},
  FAILED: { delete: "DELETING" },
};

/** The next cluster state, or undefined for an illegal operation. Pure. */
export const clusterTransition = (state: ClusterState, op: ClusterOp): ClusterState | undefined => CLUSTER_TRANSITIONS[state][op];

export const NODE_STATES = ["NotReady", "Ready", "Draining", "Deleted"] as const;
export type NodeState = (typeof NODE_STATES)[number];

export const NODE_OPS = ["join", "fail", "drain", "delete"] as const;
export type NodeOp = (typeof NODE_OPS)[number];

export const NODE_TRANSITIONS: Readonly<Record<NodeState, Partial<Record<NodeOp, NodeState>>>> = {
  NotReady: { join: "Ready", drain: "Draining", delete: "Deleted" },
  Ready: { fail: "NotReady", drain: "Draining" },
  Draining: { delete: "Deleted" },
  Deleted: {},
};

/** The next node state, or undefined for an illegal operation. Pure. */
export const nodeTransition = (state: NodeState, op: NodeOp): NodeState | undefined => NODE_TRANSITIONS[state][op];
