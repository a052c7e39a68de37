/**
 * Node volumes (issue 18 item 1): made through the VIM's storage operations like any tenant's, tagged
 * with the cluster, attached to the node's VM, counted against the tenant's quota and the zone's
 * storage, replaced with their machine (remediation, upgrade), deleted on scale-in and with the
 * cluster (INV-L4); a refused volume is a counted allocation refusal, never a crash.
 */
import { describe, expect, it } from "vitest";
import { ccmWorld, clusterSpec, pool, type CcmWorld } from "../testing/ccm-world.js";
import { CLUSTER_TAG } from "./cluster-spec.js";
import { clustersSummary } from "./cluster-summary.js";
import { checkClusterInvariants } from "./invariants.js";

const MIN = 60_000;
const HOUR = 60 * MIN;

const withVolumes = (w: CcmWorld, id: string, workers = 2) =>
  clusterSpec(w, id, 3, [pool("workers", workers, { volumeGb: 50, zones: ["z1", "z2", "z3"] })], {
    controlPlane: { replicas: 3, flavourId: "m1.small", policy: "anti-affinity", zones: ["z1", "z2", "z3"], etcdVolumeGb: 20 },
  });

const volumeIds = (w: CcmWorld, id: string): string[] => {
  const v = w.vim.storage.query(w.vim.admin, { metadata: { [CLUSTER_TAG]: id } });
  return v.ok ? v.value.map((x) => x.storageId) : [];
};

describe("node volumes", () => {
  it("an etcd volume per member and a data volume per worker: tagged, attached in the VM's zone, counted in the quota, replaced on upgrade, gone after scale-in and delete", () => {
    const w = ccmWorld();
    expect(w.ccm.createCluster(withVolumes(w, "c1", 3)).ok).toBe(true);
    w.sim.run({ untilMs: HOUR });
    const ready = clustersSummary(w.ccm, w.vim).byCluster["c1"]!;
    expect(ready.state).toBe("READY");
    expect(ready.vimResources).toMatchObject({ servers: 6, volumes: 6, volumeGb: 3 * 20 + 3 * 50 });
    for (const n of w.ccm.queryCluster("c1").ok ? w.ccm.clusters()[0]!.nodes.values() : []) {
      const v = w.vim.storage.query(w.vim.admin, { ids: [n.volumeId!] });
      expect(v.ok && v.value[0]).toMatchObject({ status: "in-use", zoneId: n.zoneId, attachments: [{ computeId: n.computeId }], metadata: { [CLUSTER_TAG]: "c1", "ccm.node": n.name } });
    }
    const usage = w.vim.quotas.query(w.vim.admin, "t1");
    expect(usage.ok && usage.value[0]).toMatchObject({ usage: { volumes: 6, gigabytes: 210 } });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
    const before = volumeIds(w, "c1");
    expect(w.ccm.upgradeCluster("c1", { kubernetesVersion: "1.30.1", imageId: w.images.next }).ok).toBe(true);
    w.sim.run({ untilMs: 3 * HOUR });
    expect(clustersSummary(w.ccm, w.vim).byCluster["c1"]!).toMatchObject({ state: "READY", vimResources: { volumes: 6, volumeGb: 210 } });
    // New machines, new volumes: none of the old ones is left.
    expect(volumeIds(w, "c1").filter((id) => before.includes(id))).toEqual([]);
    expect(w.ccm.scaleNodePool("c1", "workers", 1).ok).toBe(true);
    w.sim.run({ untilMs: 4 * HOUR });
    expect(clustersSummary(w.ccm, w.vim).byCluster["c1"]!.vimResources).toMatchObject({ volumes: 4, volumeGb: 110 });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
    expect(w.ccm.deleteCluster("c1").ok).toBe(true);
    w.sim.run({ untilMs: 5 * HOUR });
    const end = clustersSummary(w.ccm, w.vim);
    expect(end.byCluster["c1"]!.vimResources).toMatchObject({ servers: 0, volumes: 0, volumeGb: 0 });
    expect(w.vim.storage.query(w.vim.admin).ok && w.vim.storage.query(w.vim.admin)).toMatchObject({ value: [] });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("a remediated node gets a new volume; the failed node's volume goes with its VM", () => {
    const w = ccmWorld(undefined, {}, { recovery: "none" });
    w.ccm.createCluster(withVolumes(w, "c1", 3));
    w.sim.run({ untilMs: HOUR });
    const worker = w.ccm.clusters()[0]!.nodes.get("c1-workers-4")!;
    const host = w.vim.compute.query(w.vim.admin, { ids: [worker.computeId] }, ["hostId"]);
    const hostId = host.ok ? String(host.value[0]!["hostId"]) : "";
    const index = [...Array(12).keys()].find((i) => w.nfvi.hostId(i) === hostId)!;
    w.faults.inject({ domain: "host", domainId: hostId, hosts: [index], kind: "crash", repairAfterMs: 10 * HOUR });
    w.sim.run({ untilMs: 2 * HOUR });
    const s = clustersSummary(w.ccm, w.vim).byCluster["c1"]!;
    expect(s.nodesRemediated).toBeGreaterThanOrEqual(1);
    expect(volumeIds(w, "c1")).not.toContain(worker.volumeId);
    expect(s.vimResources).toMatchObject({ volumes: 6, volumeGb: 210 });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("a volume refused by the tenant's quota is a counted refusal of the node; the cluster does not crash", () => {
    const w = ccmWorld();
    // Room for the three etcd volumes and one worker volume: the second worker's is refused.
    expect(w.vim.quotas.update(w.vim.admin, "t1", { volumes: 4 }).ok).toBe(true);
    w.ccm.createCluster({ ...withVolumes(w, "c1", 2), onPartialFailure: "keep" });
    w.sim.run({ untilMs: HOUR });
    const s = clustersSummary(w.ccm, w.vim).byCluster["c1"]!;
    expect(s.state).toBe("PROVISIONING");
    expect(s.refusedByVim["create"]?.["QUOTA_EXCEEDED"]).toBeGreaterThan(0);
    // The refused node's VM and port were undone: only the nodes that got a volume hold anything.
    expect(s.vimResources).toMatchObject({ servers: 4, volumes: 4, ports: 5 });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("a zone whose storage is full refuses the volume (EXHAUSTED); rollback undoes the cluster and leaves no volume (INV-L4)", () => {
    const w = ccmWorld(undefined, {}, {}, 45);
    w.ccm.createCluster(withVolumes(w, "c1", 1));
    w.sim.run({ untilMs: HOUR });
    const s = clustersSummary(w.ccm, w.vim).byCluster["c1"]!;
    expect(s.state).toBe("FAILED");
    expect(Object.keys(s.refusedByVim["create"] ?? {})).toEqual(["EXHAUSTED"]);
    expect(s.vimResources).toMatchObject({ servers: 0, volumes: 0, volumeGb: 0 });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("INV-L4 counts volumes: a volume tagged with a deleted cluster is reported", () => {
    const w = ccmWorld();
    w.ccm.createCluster(clusterSpec(w, "c1", 1, [pool("workers", 1)]));
    w.sim.run({ untilMs: HOUR });
    w.ccm.deleteCluster("c1");
    w.sim.run({ untilMs: 2 * HOUR });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
    const leaked = w.vim.storage.create({ userId: "ccm.t1" }, { zoneId: "z1", sizeOfStorageGb: 7, metadata: { [CLUSTER_TAG]: "c1" } });
    expect(leaked.ok).toBe(true);
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual(["INV-L1: volume vol-1 tagged with cluster c1 is no node's", "INV-L4: cluster c1 is DELETED but the VIM still holds 1 volumes, 7 volumeGb"]);
  });

  it("refuses a volume size that is not a whole number of GB", () => {
    const w = ccmWorld();
    const r = w.ccm.createCluster(clusterSpec(w, "c1", 1, [pool("workers", 1, { volumeGb: 1.5 })], { controlPlane: { replicas: 1, flavourId: "m1.small", policy: "anti-affinity", zones: [], etcdVolumeGb: -1 } }));
    expect(r.ok ? "" : r.error.message).toMatch(/controlPlane.etcdVolumeGb: .*got -1.*pools.0.volumeGb: .*got 1.5/);
  });
});
