/** The sweep table's key metrics cover every class some point has capacity of, and no other. */
import { describe, expect, it } from "vitest";
import type { SweepResult } from "../scenario/index.js";
import { sweepKeyMetrics } from "./sweep-classes.js";

const m = (mean: number) => ({ mean, halfWidth95: 0, n: 1 });
/** Just the points' metrics, which is all sweepKeyMetrics reads. */
const sweepOf = (...points: Array<Record<string, number>>): SweepResult =>
  ({ points: points.map((p) => ({ metrics: Object.fromEntries(Object.entries(p).map(([k, v]) => [k, m(v)])) })) }) as unknown as SweepResult;

describe("sweep key metrics", () => {
  it("lists PCPU and accelerator types with capacity, resource classes first, and leaves out classes no point has", () => {
    const result = sweepOf(
      { "requests.rejectionRate": 0.1, "utilisation.all.VCPU.capacity": 10, "utilisation.all.VCPU.meanUtilisation": 0.5, "utilisation.all.PCPU.capacity": 0, "utilisation.all.PCPU.meanUtilisation": 0, "accelerators.utilisation.all.GPU.handles": 4, "accelerators.utilisation.all.GPU.meanUtilisation": 0.9, "accelerators.utilisation.all.NIC.handles": 0, "accelerators.utilisation.all.NIC.meanUtilisation": 0 },
      { "requests.rejectionRate": 0.2, "utilisation.all.VCPU.capacity": 20, "utilisation.all.VCPU.meanUtilisation": 0.3, "utilisation.all.PCPU.capacity": 8, "utilisation.all.PCPU.meanUtilisation": 0.2, "utilisation.all.DISK_GB.capacity": 0, "utilisation.all.DISK_GB.meanUtilisation": 0 },
    );
    expect(sweepKeyMetrics(result)).toEqual(["requests.rejectionRate", "utilisation.all.VCPU.meanUtilisation", "utilisation.all.PCPU.meanUtilisation", "accelerators.utilisation.all.GPU.meanUtilisation"]);
  });
});
