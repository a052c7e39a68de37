import { describe, expect, it } from "vitest";
import { ccmWorld, clusterSpec, pool } from "../testing/ccm-world.js";
import { checkClusterInvariants } from "./invariants.js";
import { clustersSummary } from "./cluster-summary.js";

const MIN = 60_000;

describe("ClusterManager life cycle", () => {
  it("creates a cluster: control plane one member at a time, workers after the first member, READY when all are Ready", () => {
    const w = ccmWorld();
    const r = w.ccm.createCluster(clusterSpec(w, "c1", 3, [pool("workers", 2)]));
    expect(r.ok).toBe(true);
    w.sim.run({ untilMs: 60 * MIN });
    const c = w.ccm.queryCluster("c1");
    expect(c.ok && c.value.state).toBe("READY");
    // 3 members in sequence (boot 1 min + join 1 min each): 6 min; workers in parallel with members 2 and 3.
    const s = clustersSummary(w.ccm, w.vim).byCluster["c1"]!;
    expect(s.timeToReadyMs).toBe(6 * MIN);
    expect(s.nodes).toEqual({ "control-plane": { atEnd: 3, peak: 3, desired: 3 }, workers: { atEnd: 2, peak: 2, desired: 2 } });
    expect(s.vimResources).toEqual({ servers: 5, ports: 6, networks: 1, serverGroups: 1, publicIps: 1, volumes: 0, volumeGb: 0 });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("scales out and in (drain before terminate), upgrades with surge, deletes everything it made (INV-L4)", () => {
    const w = ccmWorld();
    w.ccm.createCluster(clusterSpec(w, "c1", 1, [pool("workers", 2)]));
    w.sim.run({ untilMs: 30 * MIN });
    expect(w.ccm.scaleNodePool("c1", "workers", 4).ok).toBe(true);
    w.sim.run({ untilMs: 60 * MIN });
    expect(w.ccm.queryCluster("c1").ok && w.ccm.queryCluster("c1")).toMatchObject({ value: { state: "READY", desired: { workers: 4 } } });
    expect(w.ccm.scaleNodePool("c1", "workers", 1).ok).toBe(true);
    w.sim.run({ untilMs: 90 * MIN });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
    expect(w.ccm.upgradeCluster("c1", { kubernetesVersion: "1.30.1", imageId: w.images.next }).ok).toBe(true);
    w.sim.run({ untilMs: 150 * MIN });
    const up = clustersSummary(w.ccm, w.vim).byCluster["c1"]!;
    expect(up.state).toBe("READY");
    expect(up.kubernetesVersion).toBe("1.30.1");
    // The control plane (surge 1) and the pool (maxSurge 1) roll at once, as Cluster API's controllers do.
    expect(up.upgrades).toMatchObject({ started: 1, completed: 1, peakSurge: 2 });
    expect(w.ccm.deleteCluster("c1").ok).toBe(true);
    w.sim.run({ untilMs: 160 * MIN });
    const end = clustersSummary(w.ccm, w.vim).byCluster["c1"]!;
    expect(end.state).toBe("DELETED");
    expect(end.vimResources).toEqual({ servers: 0, ports: 0, networks: 0, serverGroups: 0, publicIps: 0, volumes: 0, volumeGb: 0 });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("refuses bad specs and illegal operations as values", () => {
    const w = ccmWorld();
    const even = w.ccm.createCluster(clusterSpec(w, "c1", 2, [pool("workers", 2, { minReplicas: 3, maxReplicas: 2 })]));
    expect(even.ok ? "" : even.error.message).toMatch(/controlPlane.replicas: a control plane has 1, 3 or 5 members.*pools.0.min: min \(3\) is above max \(2\)/);
    w.ccm.createCluster(clusterSpec(w, "c2", 1, [pool("workers", 2)]));
    const early = w.ccm.upgradeCluster("c2", { kubernetesVersion: "1.30", imageId: w.images.next });
    expect(early.ok ? "" : early.error.kind).toBe("WRONG_STATE");
    const bounds = w.ccm.scaleNodePool("c2", "workers", 11);
    expect(bounds.ok ? "" : bounds.error.kind).toBe("INVALID_ARGUMENT");
    const unknown = w.ccm.scaleNodePool("c2", "gpu", 1);
    expect(unknown.ok ? "" : unknown.error.kind).toBe("NOT_FOUND");
  });
});
