import { describe, expect, it } from "vitest";
import { CLUSTER_OPS, CLUSTER_STATES, clusterTransition, NODE_OPS, NODE_STATES, nodeTransition } from "./cluster-machine.js";

describe("cluster and node transition tables (every cell)", () => {
  it("clusters: the legal cells are exactly these; every other is WRONG_STATE (undefined)", () => {
    const legal = CLUSTER_STATES.flatMap((s) => CLUSTER_OPS.flatMap((op) => (clusterTransition(s, op) === undefined ? [] : [`${s} ${op} → ${clusterTransition(s, op)}`])));
    expect(legal).toEqual([
      "PROVISIONING provisioned → READY",
      "PROVISIONING provisionFailed → FAILED",
      "PROVISIONING delete → DELETING",
      "READY scale → SCALING",
      "READY upgrade → UPDATING",
      "READY heal → HEALING",
      "READY delete → DELETING",
      "UPDATING settle → READY",
      "UPDATING delete → DELETING",
      "SCALING scale → SCALING",
      "SCALING settle → READY",
      "SCALING delete → DELETING",
      "HEALING scale → SCALING",
      "HEALING heal → HEALING",
      "HEALING settle → READY",
      "HEALING delete → DELETING",
      "DELETING deleted → DELETED",
      "FAILED delete → DELETING",
    ]);
  });

  it("nodes: Ready only through a join, Deleted only from NotReady or Draining (drain before delete: INV-L3)", () => {
    const legal = NODE_STATES.flatMap((s) => NODE_OPS.flatMap((op) => (nodeTransition(s, op) === undefined ? [] : [`${s} ${op} → ${nodeTransition(s, op)}`])));
    expect(legal).toEqual(["NotReady join → Ready", "NotReady drain → Draining", "NotReady delete → Deleted", "Ready fail → NotReady", "Ready drain → Draining", "Draining delete → Deleted"]);
  });
});
