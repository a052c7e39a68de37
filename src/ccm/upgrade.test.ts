import { describe, expect, it } from "vitest";
import { ccmWorld, clusterSpec, pool } from "../testing/ccm-world.js";
import { clustersSummary } from "./cluster-summary.js";

const MIN = 60_000;

/** One control-plane member (m1.small) and five m1.large workers: a host (64 GB) fits two m1.large (31 GB), or one beside the member. */
function upgradeOn(hosts: number) {
  const w = ccmWorld({ zones: 1, racks: 1, hostsPerRack: hosts });
  w.ccm.createCluster(clusterSpec(w, "c", 1, [pool("workers", 5, { flavourId: "m1.large" })], { controlPlane: { replicas: 1, flavourId: "m1.small", policy: "anti-affinity", zones: [] } }));
  w.sim.run({ untilMs: 30 * MIN });
  expect(w.ccm.upgradeCluster("c", { kubernetesVersion: "1.30.1", imageId: w.images.next }).ok).toBe(true);
  w.sim.run({ untilMs: 120 * MIN });
  return clustersSummary(w.ccm, w.vim).byCluster["c"]!;
}

describe("rolling upgrade surge needs free capacity", () => {
  it("on a full site the surge is refused (NO_VALID_HOST, retried every minute) and the upgrade never completes", () => {
    const s = upgradeOn(3);
    expect(s.state).toBe("UPDATING");
    expect(s.surgesRefused).toBeGreaterThan(10);
    expect(s.refusedByVim["surge"]).toEqual({ NO_VALID_HOST: s.surgesRefused });
    expect(s.upgrades.completed).toBe(0);
    expect(s.nodes["workers"]).toMatchObject({ atEnd: 5, desired: 5 });
  });

  it("with one host of headroom the same upgrade completes", () => {
    const s = upgradeOn(4);
    expect(s.state).toBe("READY");
    expect(s.surgesRefused).toBe(0);
    expect(s.upgrades.completed).toBe(1);
    expect(s.upgrades.lastDurationMs).toBeGreaterThan(0);
  });
});

describe("createCluster on a site without room", () => {
  it("all-or-nothing (rollback): the refused node undoes the cluster, FAILED, nothing held (INV-L4)", () => {
    const w = ccmWorld({ zones: 1, racks: 1, hostsPerRack: 2 });
    w.ccm.createCluster(clusterSpec(w, "c", 1, [pool("workers", 5, { flavourId: "m1.large" })], { controlPlane: { replicas: 1, flavourId: "m1.small", policy: "anti-affinity", zones: [] } }));
    w.sim.run({ untilMs: 30 * MIN });
    const s = clustersSummary(w.ccm, w.vim).byCluster["c"]!;
    expect(s.state).toBe("FAILED");
    expect(s.refusedByVim).toEqual({ create: { NO_VALID_HOST: 1 } });
    expect(s.vimResources).toEqual({ servers: 0, ports: 0, networks: 0, serverGroups: 0, publicIps: 0, volumes: 0, volumeGb: 0 });
  });

  it("keep: what fits stays and the rest is retried, the cluster PROVISIONING", () => {
    const w = ccmWorld({ zones: 1, racks: 1, hostsPerRack: 2 });
    w.ccm.createCluster(clusterSpec(w, "c", 1, [pool("workers", 5, { flavourId: "m1.large" })], { onPartialFailure: "keep", controlPlane: { replicas: 1, flavourId: "m1.small", policy: "anti-affinity", zones: [] } }));
    w.sim.run({ untilMs: 30 * MIN });
    const s = clustersSummary(w.ccm, w.vim).byCluster["c"]!;
    expect(s.state).toBe("PROVISIONING");
    expect(s.nodes["workers"]).toMatchObject({ atEnd: 3, desired: 5 });
    expect(s.refusedByVim["create"]!["NO_VALID_HOST"]).toBeGreaterThan(10);
  });
});

describe("control-plane upgrade keeps quorum", () => {
  // Regression (found by properties.test.ts): a one-member control plane's old member was drained
  // as soon as its replacement was created, before it joined: 30 s without quorum.
  it("a one-member control plane drains its old member only after the new one joined", () => {
    const w = ccmWorld();
    w.ccm.createCluster(clusterSpec(w, "c", 1, [pool("w", 1, { minReplicas: 0, maxReplicas: 1, maxSurge: 0, maxUnavailable: 1 })], { controlPlane: { replicas: 1, flavourId: "m1.small", policy: "anti-affinity", zones: [] } }));
    w.sim.scheduleAt(5 * MIN, () => void w.ccm.upgradeCluster("c", { kubernetesVersion: "1.30.1", imageId: w.images.next }));
    w.sim.run({ untilMs: 30 * MIN });
    const s = clustersSummary(w.ccm, w.vim).byCluster["c"]!;
    expect(s.upgrades.completed).toBe(1);
    expect(s.quorumLossMs).toBe(0);
  });
});
