import { describe, expect, it } from "vitest";
import { metricPathProblem } from "./metric-paths.js";

describe("offload metric paths", () => {
  it("knows the queueing fields of an offloaded function", () => {
    for (const f of ["offered", "served", "dropped", "inSystemAtEnd", "meanQueueLength", "meanInSystem", "waitingMs", "serviceMs", "utilisation", "latencyMs.p99"]) {
      expect(metricPathProblem(`accelerators.offload.crypto.${f}`, { zones: ["az1"] })).toBeUndefined();
    }
    for (const f of ["refused", "queueLength", "waitingMs.p99", "latencyMs.p42"]) expect(metricPathProblem(`accelerators.offload.crypto.${f}`, { zones: ["az1"] })).toMatch(/unknown metric/);
  });
});
