import { describe, expect, it } from "vitest";
import { ccmWorld, clusterSpec, pool } from "../testing/ccm-world.js";
import { checkClusterInvariants } from "./invariants.js";
import { clustersSummary } from "./cluster-summary.js";

const MIN = 60_000;

/** One member and an autoscaled pool of m1.small (2 vCPU, 4 GB: 1900m and 3584 MB allocatable): two 800m pods per node. */
function world() {
  const w = ccmWorld();
  const spec = clusterSpec(w, "c", 1, [pool("w", 1, { minReplicas: 1, maxReplicas: 6, autoscale: true })], {
    controlPlane: { replicas: 1, flavourId: "m1.small", policy: "anti-affinity", zones: [] },
    deployments: [{ name: "web", replicas: 2, cpuMilli: 800, memoryMb: 1024 }],
  });
  expect(w.ccm.createCluster(spec).ok).toBe(true);
  return w;
}

describe("pods, kube-scheduler and cluster autoscaler", () => {
  it("pending pods scale the pool up (nodes = first-fit decreasing), idle nodes scale it down after 10 min", () => {
    const w = world();
    w.sim.run({ untilMs: 30 * MIN });
    expect(clustersSummary(w.ccm, w.vim).byCluster["c"]!.pods).toMatchObject({ running: 2, pending: 0 });
    w.ccm.scaleDeployment("c", "web", 8);
    w.sim.run({ untilMs: 60 * MIN });
    const up = clustersSummary(w.ccm, w.vim).byCluster["c"]!;
    expect(up.nodes["w"]).toMatchObject({ atEnd: 4, desired: 4 });
    expect(up.pods).toMatchObject({ running: 8, pending: 0, peakPending: 6, autoscaleUps: 1 });
    // The first 2 pods waited 4 min for the first worker, the 6 new ones 2 min (boot + join) for theirs.
    expect(up.pods!.meanSchedulingLatencyMs).toBe(Math.round((2 * 4 * MIN + 6 * 2 * MIN) / 8));
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
    w.ccm.scaleDeployment("c", "web", 2);
    w.sim.run({ untilMs: 180 * MIN });
    const down = clustersSummary(w.ccm, w.vim).byCluster["c"]!;
    expect(down.nodes["w"]).toMatchObject({ atEnd: 1, desired: 1, peak: 4 });
    expect(down.pods).toMatchObject({ running: 2, pending: 0, autoscaleDowns: 3 });
    expect(down.state).toBe("READY");
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("a scale-up the VIM refuses is counted (NO_VALID_HOST) and pods stay Pending; max bounds the pool", () => {
    const w = ccmWorld({ zones: 1, racks: 1, hostsPerRack: 1 });
    w.ccm.createCluster(
      clusterSpec(w, "c", 1, [pool("w", 1, { minReplicas: 1, maxReplicas: 20, autoscale: true, flavourId: "m1.large" })], {
        controlPlane: { replicas: 1, flavourId: "m1.small", policy: "anti-affinity", zones: [] },
        deployments: [{ name: "web", replicas: 30, cpuMilli: 3000, memoryMb: 1024 }],
      }),
    );
    w.sim.run({ untilMs: 60 * MIN });
    const s = clustersSummary(w.ccm, w.vim).byCluster["c"]!;
    expect(s.scaleUpsRefused).toBeGreaterThan(0);
    expect(s.refusedByVim["scaleUp"]).toHaveProperty("NO_VALID_HOST");
    expect(s.pods!.pending).toBeGreaterThan(0);
    expect(s.nodes["w"]!.desired).toBeLessThanOrEqual(20);
  });
});
