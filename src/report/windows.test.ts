import { describe, expect, it } from "vitest";
import { bindingClass } from "./windows.js";

const use = (meanCapacity: number, meanUtilisation: number, peakUtilisation: number) => ({ meanCapacity, meanUsed: 0, peakUsed: 0, meanUtilisation, peakUtilisation });
const window = {
  source: "scenario",
  fromMs: 0,
  toMs: 1,
  measuredFromMs: 0,
  measuredToMs: 1,
  requests: { measured: 0, placed: 0, rejected: 0, rejectionRate: 0 },
  servers: { requested: 0, placed: 0, rejected: 0, rejectionRate: 0 },
  utilisation: { VCPU: use(8, 0.5, 0.9), MEMORY_MB: use(64, 0.5, 0.95), PCPU: use(0, 0, 0) },
};

describe("bindingClass", () => {
  it("is the highest mean utilisation, then the highest peak, classes without capacity left out", () => {
    expect(bindingClass(window)).toEqual({ name: "MEMORY_MB", mean: 0.5, peak: 0.95 });
    expect(bindingClass({ ...window, utilisation: { PCPU: use(0, 0, 0) } })).toBeUndefined();
  });

  it("counts accelerator types with handles among the resources", () => {
    const accelerators = { GPU: { handles: 16, meanBound: 12, peakBound: 16, meanUtilisation: 0.75, peakUtilisation: 1 }, FPGA: { handles: 0, meanBound: 0, peakBound: 0, meanUtilisation: 0.99, peakUtilisation: 0 } };
    expect(bindingClass({ ...window, accelerators })).toEqual({ name: "GPU", mean: 0.75, peak: 1 });
  });
});
