import { describe, expect, it } from "vitest";
import { ccmWorld, clusterSpec, pool, type CcmWorld } from "../testing/ccm-world.js";
import { checkClusterInvariants } from "./invariants.js";
import { clustersSummary } from "./cluster-summary.js";
import { DEFAULT_PODS, type DeploymentSpec, type NodePoolSpec } from "./cluster-spec.js";

const MIN = 60_000;

/** One member and pool `w` of m1.small (1900m, 3584 MiB allocatable); pods of `web` are small, so room never binds. */
function world(workers: Partial<NodePoolSpec> & { replicas: number }, web: Partial<DeploymentSpec>, scoring: "LeastAllocated" | "MostAllocated" = "LeastAllocated"): CcmWorld {
  const w = ccmWorld(undefined, { pods: { ...DEFAULT_PODS, scoring } });
  const spec = clusterSpec(w, "c", 1, [pool("w", workers.replicas, { minReplicas: 1, maxReplicas: 6, ...workers })], {
    controlPlane: { replicas: 1, flavourId: "m1.small", policy: "anti-affinity", zones: [] },
    deployments: [{ name: "web", replicas: 3, cpuMilli: 200, memoryMb: 256, ...web }],
  });
  expect(w.ccm.createCluster(spec).ok).toBe(true);
  return w;
}

const summary = (w: CcmWorld) => clustersSummary(w.ccm, w.vim).byCluster["c"]!;

/** Bound pods of `web` per node name (sorted by node). */
function perNode(w: CcmWorld): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of w.ccm.clusters()[0]!.pods.values()) if (p.node !== undefined) out[p.node] = (out[p.node] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe("pod anti-affinity", () => {
  it("required: 3 replicas on a 2-node pool bind 2, one per node, and 1 stays Pending", () => {
    const w = world({ replicas: 2, maxReplicas: 2 }, { antiAffinity: "required" });
    w.sim.run({ untilMs: 60 * MIN });
    expect(summary(w).pods).toMatchObject({ running: 2, pending: 1 });
    expect(Object.values(perNode(w))).toEqual([1, 1]);
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("required: the autoscaler adds exactly the one node the Pending replica needs, and binds it there", () => {
    const w = world({ replicas: 2, autoscale: true }, { antiAffinity: "required" });
    w.sim.run({ untilMs: 60 * MIN });
    expect(summary(w).nodes["w"]).toMatchObject({ atEnd: 3, desired: 3, peak: 3 });
    expect(summary(w).pods).toMatchObject({ running: 3, pending: 0, autoscaleUps: 1 });
    expect(Object.values(perNode(w))).toEqual([1, 1, 1]);
    // Scaled to 5 replicas: two more nodes, one each (first-fit would pack them all into one).
    w.ccm.scaleDeployment("c", "web", 5);
    w.sim.run({ untilMs: 120 * MIN });
    expect(summary(w).nodes["w"]).toMatchObject({ atEnd: 5, desired: 5 });
    expect(Object.values(perNode(w))).toEqual([1, 1, 1, 1, 1]);
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("required by zone: at most one per zone; the autoscaler adds no node when every zone holds a sibling", () => {
    const w = world({ replicas: 4, zones: ["z1", "z2", "z3"], autoscale: true }, { replicas: 4, antiAffinity: "required", topologyKey: "zone" });
    w.sim.run({ untilMs: 60 * MIN });
    expect(summary(w).pods).toMatchObject({ running: 3, pending: 1, autoscaleUps: 0 });
    const c = w.ccm.clusters()[0]!;
    const zones = [...c.pods.values()].filter((p) => p.node !== undefined).map((p) => c.nodes.get(p.node!)!.zoneId);
    expect(zones.sort()).toEqual(["z1", "z2", "z3"]);
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("required by zone on a pool naming no zones: the zone is the VIM's placement, asked of the VIM; no node added", () => {
    const w = world({ replicas: 4, autoscale: true }, { replicas: 4, antiAffinity: "required", topologyKey: "zone" });
    w.sim.run({ untilMs: 60 * MIN });
    const c = w.ccm.clusters()[0]!;
    const placed = (computeId: string): string => {
      const r = w.vim.compute.query(w.vim.admin, { ids: [computeId] }, ["zoneId"]);
      return r.ok ? String(r.value[0]!["zoneId"]) : "";
    };
    const zonesOfNodes = new Set([...c.nodes.values()].filter((n) => n.pool === "w").map((n) => placed(n.computeId)));
    const bound = [...c.pods.values()].filter((p) => p.node !== undefined).map((p) => placed(c.nodes.get(p.node!)!.computeId));
    expect(new Set(bound).size).toBe(bound.length);
    expect(bound.length).toBe(Math.min(4, zonesOfNodes.size));
    expect(summary(w).pods).toMatchObject({ pending: 4 - bound.length, autoscaleUps: 0 });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("preferred: spreads when room exists, even under MostAllocated packing; co-locates when it must", () => {
    const packed = world({ replicas: 2, maxReplicas: 2 }, { replicas: 2 }, "MostAllocated");
    packed.sim.run({ untilMs: 30 * MIN });
    expect(Object.values(perNode(packed))).toEqual([2]);
    const spread = world({ replicas: 2, maxReplicas: 2 }, { replicas: 2, antiAffinity: "preferred" }, "MostAllocated");
    spread.sim.run({ untilMs: 30 * MIN });
    expect(Object.values(perNode(spread))).toEqual([1, 1]);
    spread.ccm.scaleDeployment("c", "web", 5);
    spread.sim.run({ untilMs: 60 * MIN });
    expect(summary(spread).pods).toMatchObject({ running: 5, pending: 0 });
    expect(Object.values(perNode(spread)).sort()).toEqual([2, 3]);
    expect(checkClusterInvariants(spread.ccm, spread.vim)).toEqual([]);
  });

  it("scale-down keeps an under-used node whose anti-affine pod has nowhere else to go", () => {
    // Two nodes, each far under the 0.5 threshold: without anti-affinity one is removed after 10 min.
    const plain = world({ replicas: 2, autoscale: true }, { replicas: 2 });
    plain.sim.run({ untilMs: 60 * MIN });
    expect(summary(plain).nodes["w"]).toMatchObject({ atEnd: 1 });
    expect(summary(plain).pods).toMatchObject({ running: 2, autoscaleDowns: 1 });
    const anti = world({ replicas: 2, autoscale: true }, { replicas: 2, antiAffinity: "required" });
    anti.sim.run({ untilMs: 60 * MIN });
    expect(summary(anti).nodes["w"]).toMatchObject({ atEnd: 2 });
    expect(summary(anti).pods).toMatchObject({ running: 2, pending: 0, autoscaleDowns: 0 });
    // Preferred never blocks: the node goes and both pods share the other.
    const soft = world({ replicas: 2, autoscale: true }, { replicas: 2, antiAffinity: "preferred" });
    soft.sim.run({ untilMs: 60 * MIN });
    expect(summary(soft).nodes["w"]).toMatchObject({ atEnd: 1 });
    expect(summary(soft).pods).toMatchObject({ running: 2, pending: 0, autoscaleDowns: 1 });
    expect(checkClusterInvariants(anti.ccm, anti.vim)).toEqual([]);
  });
});
