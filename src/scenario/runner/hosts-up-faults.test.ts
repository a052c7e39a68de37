import { describe, expect, it } from "vitest";
import { faultWorld } from "../../testing/fault-world.js";
import { kOfNAvailability } from "./hosts-up.js";

describe("k-of-n availability from the fault manager", () => {
  it("one rack of 3 hosts: host crashes, a rack outage over one of them and a degraded host, by hand", () => {
    const w = faultWorld({ zones: 1, racks: 1, hostsPerRack: 3 });
    const at = (ms: number, f: () => void) => w.sim.scheduleAt(ms, f);
    const host = (h: number, kind: "crash" | "degraded", repairAfterMs: number) => () => w.faults.inject({ domain: "host", domainId: w.nfvi.hostId(h), hosts: [h], kind, repairAfterMs });
    // h0 down [10 s, 40 s); the rack [30 s, 50 s) (h0 is already down: it comes back at 50 s, with the rack);
    // h2 degraded [60 s, 90 s) stays up.
    at(10_000, host(0, "crash", 30_000));
    at(30_000, () => w.faults.inject({ domain: "rack", domainId: "z1/r1", hosts: [0, 1, 2], kind: "crash", repairAfterMs: 20_000 }));
    at(60_000, host(2, "degraded", 30_000));
    w.sim.run({ untilMs: 100_000 });
    w.faults.finish();
    const { hostsUp, hostAvailability } = kOfNAvailability(w.nfvi.topology, w.faults.availability.hostChanges, 0, 100_000);
    // Up: 3 for 10 + 50 s, 2 for 20 s, 0 for 20 s.
    const rack = { hosts: 3, minUp: 0, atLeast: { "0": 1, "1": 0.8, "2": 0.8, "3": 0.6 } };
    expect(hostsUp).toEqual({ all: rack, z1: rack, "z1/r1": rack });
    // h0 up 60 s, h1 and h2 up 80 s; the fleet mean is the capacity integral's.
    expect(hostAvailability).toEqual({ hosts: 3, mean: 0.733333333, min: 0.6, p1: 0.6, p5: 0.6, p50: 0.8 });
    expect(1 - w.faults.availability.hostDownMs / 100_000 / 3).toBeCloseTo(hostAvailability.mean, 9);
  });
});
