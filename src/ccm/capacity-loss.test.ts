/**
 * Worker capacity lost (issue 18 item 5), hand-computed: one m1.small worker (2 vCPU, 4096 MB) of a
 * cluster goes down with its host; the loss runs from the VIM's detection (500 ms after the crash)
 * until the node is Ready again (restart) or its replacement is (remediation).
 */
import { describe, expect, it } from "vitest";
import { ccmWorld, clusterSpec, pool, type CcmWorld } from "../testing/ccm-world.js";
import { clustersSummary } from "./cluster-summary.js";
import { DEFAULT_HEALTH } from "./cluster-spec.js";

const MIN = 60_000;
const HOUR = 60 * MIN;

/** One member in z1, workers in z2 and z3 (one each): the z2 worker's host crashes at 1h. */
function crashZ2Worker(w: CcmWorld, repairAfterMs: number): void {
  w.ccm.createCluster(clusterSpec(w, "c1", 1, [pool("workers", 2, { zones: ["z2", "z3"] })], { controlPlane: { replicas: 1, flavourId: "m1.small", policy: "anti-affinity", zones: ["z1"] } }));
  w.sim.run({ untilMs: HOUR });
  const worker = [...w.ccm.clusters()[0]!.nodes.values()].find((n) => n.zoneId === "z2")!;
  const found = w.vim.compute.query(w.vim.admin, { ids: [worker.computeId] }, ["hostId"]);
  const hostId = found.ok ? String(found.value[0]!["hostId"]) : "";
  const index = [...Array(12).keys()].find((i) => w.nfvi.hostId(i) === hostId)!;
  w.faults.inject({ domain: "host", domainId: hostId, hosts: [index], kind: "crash", repairAfterMs });
}

describe("worker capacity lost", () => {
  it("a worker down 30 min and back after a restart and a 1 min join: 2 vCPU × (30 min − 0.5 s + 1 min)", () => {
    const w = ccmWorld(undefined, { health: { ...DEFAULT_HEALTH, unhealthyTimeoutMs: 10 * HOUR } }, { recovery: "restart" });
    crashZ2Worker(w, 30 * MIN);
    w.sim.run({ untilMs: 2 * HOUR });
    const downMs = 30 * MIN - 500 + MIN;
    // Workers are held from 2 min (after the member joined) to 2 h: 2 × 2 vCPU × 118 min.
    const heldVcpuMs = 2 * 2 * 118 * MIN;
    const s = clustersSummary(w.ccm, w.vim);
    expect(s.byCluster["c1"]!.workerCapacityLost).toEqual({
      vcpuHours: 1.033056, // 2 × 1,859,500 ms / 3,600,000
      memoryGbHours: 2.066111, // 4 GB × 1,859,500 ms / 3,600,000
      gpuHours: 0,
      provisionedVcpuHours: 7.866667,
      share: Math.round(((2 * downMs) / heldVcpuMs) * 1e6) / 1e6,
    });
    expect(s.total.workerCapacityLost.vcpuHours).toBe(1.033056);
  });

  it("a worker remediated after the 5 min unhealthy timeout: lost until its replacement is Ready (boot 1 min + join 1 min), 7 min", () => {
    const w = ccmWorld(undefined, {}, { recovery: "none" });
    crashZ2Worker(w, 10 * HOUR);
    w.sim.run({ untilMs: 3 * HOUR });
    const s = clustersSummary(w.ccm, w.vim).byCluster["c1"]!;
    expect(s.nodesRemediated).toBe(1);
    expect(s.workerCapacityLost).toMatchObject({ vcpuHours: 0.233333, memoryGbHours: 0.466667, gpuHours: 0 });
  });

  it("nothing is lost without failures, and a control-plane failure is not worker capacity", () => {
    const w = ccmWorld(undefined, {}, { recovery: "restart" });
    w.ccm.createCluster(clusterSpec(w, "c1", 3, [pool("workers", 2, { zones: ["z3"] })], { controlPlane: { replicas: 3, flavourId: "m1.small", policy: "anti-affinity", zones: ["z1", "z2", "z3"] } }));
    w.sim.scheduleAt(HOUR, () => void w.faults.inject({ domain: "rack", domainId: "z1/r1", hosts: [0, 1, 2, 3], kind: "crash", repairAfterMs: HOUR }));
    w.sim.run({ untilMs: 3 * HOUR });
    const lost = clustersSummary(w.ccm, w.vim).byCluster["c1"]!.workerCapacityLost;
    expect(lost).toMatchObject({ vcpuHours: 0, memoryGbHours: 0, share: 0 });
    expect(lost.provisionedVcpuHours).toBeGreaterThan(0);
  });
});
