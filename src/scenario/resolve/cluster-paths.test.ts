import { describe, expect, it } from "vitest";
import { metricPathProblem } from "./metric-paths.js";

describe("clusters.* expectation paths", () => {
  const problem = (path: string): string | undefined => metricPathProblem(path, { zones: ["az1"], clusters: ["edge", "core"] });

  it("accepts the section's numbers for the scenario's clusters and total", () => {
    for (const path of [
      "clusters.edge.timeToReadyMs",
      "clusters.total.quorumLossMs",
      "clusters.total.timeToReadyMsP95",
      "clusters.core.nodes.workers.peak",
      "clusters.core.refusedByVim.surge.NO_VALID_HOST",
      "clusters.edge.upgrades.completed",
      "clusters.total.vimResources.servers",
      "clusters.edge.pods.autoscaleUps",
      "clusters.edge.vimResources.volumes",
      "clusters.total.vimResources.volumeGb",
      "clusters.edge.workerCapacityLost.vcpuHours",
      "clusters.core.workerCapacityLost.share",
      "clusters.total.workerCapacityLost.memoryGbHours",
    ]) {
      expect(problem(path), path).toBeUndefined();
    }
  });

  it("names the clusters and the paths when one is wrong", () => {
    expect(problem("clusters.gpu.timeToReadyMs")).toMatch(/^unknown metric "clusters.gpu.timeToReadyMs"; cluster metrics are clusters.<cluster\|total>.*\(clusters: edge, core\)$/);
    expect(problem("clusters.edge.nodes.workers")).toMatch(/unknown metric/);
    expect(problem("clusters.edge.refusedByVim.boot.NO_VALID_HOST")).toMatch(/unknown metric/);
    expect(problem("clusters.edge.workerCapacityLost.cpuHours")).toMatch(/workerCapacityLost.<vcpuHours\|memoryGbHours/);
  });
});

