import { describe, expect, it } from "vitest";
import { rackDomainIds } from "./availability-paths.js";
import { metricPathProblem } from "./metric-paths.js";

describe("k-of-n metric paths", () => {
  const zones = ["az1", "az2"];
  const racks = rackDomainIds([{ id: "az1", racks: ["r01", "r02"] }, { id: "az2", racks: ["r01"] }]);

  it("names racks zone/rack", () => {
    expect(racks).toEqual(["az1/r01", "az1/r02", "az2/r01"]);
  });

  it("knows hostsUp of the site, a zone or a rack, and the per-host shares", () => {
    const ok = ["availability.hostsUp.az1.atLeast.18", "availability.hostsUp.all.atLeast.0", "availability.hostsUp.az2/r01.atLeast.3", "availability.hostsUp.az1.minUp", "availability.hostsUp.all.hosts", "availability.hostAvailability.p5", "availability.hostAvailability.mean"];
    for (const path of ok) expect(metricPathProblem(path, { zones, racks })).toBeUndefined();
  });

  it("refuses an unknown domain, a k that is not a plain count, and unknown fields", () => {
    const bad = [
      "availability.hostsUp.az9.atLeast.1",
      "availability.hostsUp.az2/r02.atLeast.1",
      "availability.hostsUp.r01.atLeast.1",
      "availability.hostsUp.az1.atLeast.-1",
      "availability.hostsUp.az1.atLeast.01",
      "availability.hostsUp.az1.atLeast.1.5",
      "availability.hostsUp.az1.atLeast",
      "availability.hostsUp.az1.atMost.1",
      "availability.hostsUp.az1",
      "availability.hostAvailability.p99",
      "availability.hostAvailability",
    ];
    for (const path of bad) expect(metricPathProblem(path, { zones, racks }), path).toMatch(/unknown metric/);
  });
});
