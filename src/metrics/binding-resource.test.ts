/** The binding-resource rule: most-named class in rejections wins, else the highest exact peak. */
import { describe, expect, it } from "vitest";
import { bindingResource, classLoads, type ClassLoad } from "./binding-resource.js";

const load = (c: string, peakUtilisation: number, meanUtilisation = 0): ClassLoad => ({ class: c, peakUtilisation, meanUtilisation });
const none = { measured: 0, named: new Map<string, number>() };

describe("binding resource", () => {
  it("without rejections, the class with the highest peak utilisation binds, accelerators included", () => {
    expect(bindingResource([load("VCPU", 0.5), load("GPU", 0.982), load("MEMORY_MB", 0.7)], none)).toEqual({ class: "GPU", rule: "peak utilisation", reason: "peak utilisation 98.20 %" });
  });

  it("with rejections naming classes, the most-named class binds even when another peaks higher", () => {
    const rejections = { measured: 430, named: new Map([["VCPU", 12], ["MEMORY_MB", 412]]) };
    expect(bindingResource([load("VCPU", 0.99), load("MEMORY_MB", 0.8)], rejections)).toEqual({ class: "MEMORY_MB", rule: "rejections", reason: "named in 412 of 430 rejected requests" });
  });

  it("ties go to the higher peak, then the higher mean, then the name", () => {
    const tied = { measured: 10, named: new Map([["DISK_GB", 5], ["VCPU", 5]]) };
    expect(bindingResource([load("DISK_GB", 0.4), load("VCPU", 0.6)], tied)?.class).toBe("VCPU");
    expect(bindingResource([load("VCPU", 0.6, 0.2), load("DISK_GB", 0.6, 0.3)], none)?.class).toBe("DISK_GB");
    expect(bindingResource([load("VCPU", 0.6, 0.3), load("DISK_GB", 0.6, 0.3)], none)?.class).toBe("DISK_GB");
  });

  it("rejections naming no class (quota) leave the peak rule; a site without capacity has none", () => {
    expect(bindingResource([load("VCPU", 0.3)], { measured: 4, named: new Map() })?.rule).toBe("peak utilisation");
    expect(bindingResource([], none)).toBeUndefined();
  });

  it("classLoads takes the site-wide classes with capacity and accelerator types with handles", () => {
    const u = (capacity: number, peak: number) => ({ capacity, peakUtilisation: peak, meanUtilisation: 0 });
    const loads = classLoads({ all: { VCPU: u(10, 0.5), PCPU: u(0, 0) }, az1: { VCPU: u(5, 1) } }, { utilisation: { all: { GPU: { handles: 4, peakUtilisation: 0.75, meanUtilisation: 0.1 }, NIC: { handles: 0, peakUtilisation: 0, meanUtilisation: 0 } } } });
    expect(loads.map((l) => [l.class, l.peakUtilisation])).toEqual([["VCPU", 0.5], ["GPU", 0.75]]);
  });
});
