import { describe, expect, it } from "vitest";
import { allocateServers, faultWorld } from "../../testing/fault-world.js";
import { MetricSource } from "./metric-source.js";
import { PmService } from "./pm-service.js";
import type { PmNotification } from "./pm-types.js";

const MIN = 60_000;

function world() {
  const w = faultWorld({ zones: 1, racks: 1, hostsPerRack: 2 }, { recovery: "none" });
  const pm = new PmService(w.sim, new MetricSource(w.nfvi, w.compute), w.log);
  const seen: PmNotification[] = [];
  pm.subscribe((n) => seen.push(n));
  return { ...w, pm, seen };
}

describe("PM jobs (INV-K2)", () => {
  it("collect at multiples of the collection period, report at multiples of the reporting period, nothing after the boundary or deletion", () => {
    const w = world();
    allocateServers(w, 3);
    const job = w.pm.createPmJob({ objectType: "HOST", performanceMetrics: ["VCpuUsageMean", "VMemoryUsageMean"], collectionPeriodMs: 5 * MIN, reportingPeriodMs: 15 * MIN, reportingBoundaryMs: 60 * MIN });
    expect(job.ok).toBe(true);
    const other = w.pm.createPmJob({ objectType: "ZONE", performanceMetrics: ["VDiskUsageMean"], collectionPeriodMs: MIN, reportingPeriodMs: 2 * MIN });
    w.sim.schedule(10 * MIN, () => void w.pm.deletePmJob(other.ok ? other.value.pmJobId : ""));
    w.sim.run({ untilMs: 3 * 60 * MIN });
    const reports = w.pm.reports(job.ok ? job.value.pmJobId : "");
    expect(reports.map((r) => r.periodEndMs)).toEqual([15, 30, 45, 60].map((m) => m * MIN));
    for (const r of reports) {
      for (const e of r.entries) {
        expect(e.performanceValues.map((v) => v.timeStampMs % (5 * MIN))).toEqual([0, 0, 0]);
        expect(e.performanceValues.every((v) => v.timeStampMs > r.periodStartMs && v.timeStampMs <= r.periodEndMs)).toBe(true);
      }
    }
    expect(reports[0]!.entries).toHaveLength(4);
    expect(w.pm.reports(other.ok ? other.value.pmJobId : "").map((r) => r.periodEndMs)).toEqual([2, 4, 6, 8].map((m) => m * MIN));
    expect(w.pm.createPmJob({ objectType: "VM", performanceMetrics: ["VCpuUsageMean"], collectionPeriodMs: 2 * MIN, reportingPeriodMs: 3 * MIN }).ok).toBe(false);
  });
});

describe("thresholds (INV-K3)", () => {
  it("notify once per crossing with its direction, never after deletion; a VM's value drops when its host fails", () => {
    const w = world();
    const zone = w.pm.createThreshold({ objectType: "ZONE", objectInstanceId: "z1", performanceMetric: "VMemoryUsageMean", thresholdValue: 0.25, hysteresis: 0.02, checkPeriodMs: MIN });
    const servers: number[] = [];
    w.sim.schedule(5 * MIN, () => void servers.push(...allocateServers(w, 10)));
    // Still above: no second UP.
    w.sim.schedule(10 * MIN, () => void servers.push(...allocateServers(w, 2)));
    w.sim.schedule(20 * MIN, () => servers.splice(0, 12).forEach((no) => w.compute.terminate(no)));
    w.sim.run({ untilMs: 30 * MIN });
    const crossings = w.seen.filter((n) => n.kind === "ThresholdCrossedNotification");
    expect(crossings.map((n) => n.kind === "ThresholdCrossedNotification" && [n.crossingDirection, n.timeMs])).toEqual([
      ["UP", 5 * MIN],
      ["DOWN", 20 * MIN],
    ]);
    expect(w.pm.deleteThreshold(zone.ok ? zone.value.thresholdId : "").ok).toBe(true);
    const vm = allocateServers(w, 1)[0]!;
    const t = w.pm.createThreshold({ objectType: "VM", objectInstanceId: `vm-${vm}`, performanceMetric: "VCpuUsageMean", thresholdValue: 0.5, hysteresis: 0, checkPeriodMs: MIN });
    expect(t.ok).toBe(true);
    w.sim.schedule(2 * MIN, () => {
      const h = w.compute.server(vm)!.hostIndex;
      w.faults.inject({ domain: "host", domainId: w.nfvi.hostId(h), hosts: [h], kind: "crash", repairAfterMs: 60 * MIN });
    });
    allocateServers(w, 12);
    w.sim.run({ untilMs: 40 * MIN });
    const after = w.seen.filter((n) => n.kind === "ThresholdCrossedNotification").slice(2);
    expect(after.map((n) => n.kind === "ThresholdCrossedNotification" && [n.objectInstanceId, n.crossingDirection])).toEqual([[`vm-${vm}`, "DOWN"]]);
  });
});
