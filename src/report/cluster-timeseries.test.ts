import { describe, expect, it } from "vitest";
import type { TimeseriesRow } from "../scenario/index.js";
import { timeseriesCsv } from "./csv.js";
import { clusterNodeSeries, pendingPodSeries } from "./html/run-series.js";

const row = (timeMs: number, zone: string, clusters?: Record<string, number>): TimeseriesRow => ({
  timeMs,
  zone,
  serversAlive: zone === "all" ? 3 : undefined,
  rejectedRequests: zone === "all" ? 0 : undefined,
  used: { VCPU: 1 },
  capacity: { VCPU: 4 },
  stranded: { VCPU: 0 },
  ...(clusters === undefined ? {} : { clusters }),
});

describe("cluster columns of the time series", () => {
  it("runs with clusters get nodes per pool and pending pods, on the site-wide rows only", () => {
    const rows = [row(0, "all", { "nodes/control-plane": 1, "nodes/workers": 2, pendingPods: 5 }), row(0, "az1"), row(3_600_000, "all", { "nodes/control-plane": 1, "nodes/workers": 4, pendingPods: 0 })];
    const [header, first, zone, second] = timeseriesCsv(rows).trimEnd().split("\n");
    expect(header).toBe("timeMs,zone,serversAlive,rejectedRequests,VCPU_used,VCPU_capacity,VCPU_utilisation,VCPU_stranded,clusters_nodes_control-plane,clusters_nodes_workers,clusters_pendingPods");
    expect(first!.endsWith(",1,2,5")).toBe(true);
    expect(zone!.endsWith(",,,")).toBe(true);
    expect(second!.endsWith(",1,4,0")).toBe(true);
    expect(clusterNodeSeries(rows).map((s) => [s.name, s.points.map((p) => p[1])])).toEqual([["control-plane", [1, 1]], ["workers", [2, 4]]]);
    expect(pendingPodSeries(rows)[0]!.points).toEqual([[0, 5], [1, 0]]);
  });

  it("runs without clusters keep their columns", () => {
    const header = timeseriesCsv([row(0, "all")]).split("\n")[0];
    expect(header).toBe("timeMs,zone,serversAlive,rejectedRequests,VCPU_used,VCPU_capacity,VCPU_utilisation,VCPU_stranded");
    expect(clusterNodeSeries([row(0, "all")])).toEqual([]);
    expect(pendingPodSeries([row(0, "all")])).toEqual([]);
  });
});
