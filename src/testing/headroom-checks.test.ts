/**
 * The N+1 check on every utilisation sample (issue 16, item 1): the share of checks with every
 * domain survivable and the worst check, by hand on a tiny world, and against independent runs
 * stopped at each sample time and checked once at their end.
 */
import { describe, expect, it } from "vitest";
import { runScenario, type RunResult } from "../scenario/index.js";
import { specFrom } from "./scenario-files.js";

/** Two zones of two racks of one host: 48 GB allocatable, twelve 4 GB servers per host. */
const MODEL = `kind: InfrastructureModel
name: tiny
profiles:
  - id: small
    cpu: { sockets: 1, coresPerSocket: 8, threadsPerCore: 2 }
    memoryMb: 65536
    diskGb: 1920
    reserved: { VCPU: 0, MEMORY_MB: 16384, DISK_GB: 0 }
zones:
  - id: az1
    racks:
      - { id: r01, hosts: [{ profile: small, count: 1 }] }
      - { id: r02, hosts: [{ profile: small, count: 1 }] }
  - id: az2
    racks:
      - { id: r01, hosts: [{ profile: small, count: 1 }] }
      - { id: r02, hosts: [{ profile: small, count: 1 }] }
flavours:
  - { id: B1.medium, family: basic, vcpus: 2, ramMb: 4096, diskGb: 40 }
tenants:
  - { id: t }
`;

const headroomOf = (r: RunResult) => r.summary.availability!.headroom;

describe("N+1 checks over a run", () => {
  it("by hand: a zone survives while the other zone has room for its servers, then not", () => {
    // Samples at 0, 10, 20, 30, 40, 50 min and the end (60 min): 7 checks. 24 servers at 25 min
    // (6 per host, spread): a zone's 12 fit the other zone's 2 × 6 free slots. 4 more at 45 min
    // (7 per host): 14 against 10 slots, 4 unplaced per zone; a rack's 7 still fit the other 3 hosts.
    const scenario = `kind: Scenario
name: tiny-headroom
model: model.yaml
seed: 1
stop: { horizon: 1h }
placement: { policy: spread }
workload:
  requests:
    - { at: 25m, tenant: t, flavour: B1.medium, count: 24, name: a }
    - { at: 45m, tenant: t, flavour: B1.medium, count: 4, name: b }
faults:
  detection: { delay: 500ms }
  recovery: { policy: evacuate }
  storms:
    - { at: 2h, domain: host, hosts: [az1-r01-h001], kind: crash, timeToRepair: 1m }
output: { samplePeriod: 10m }
expect:
  - { metric: availability.headroom.zones.survivableShare, min: 0.7, max: 0.72 }
  - { metric: availability.headroom.racks.worst.survivable, min: 4 }
`;
    const spec = specFrom(scenario, MODEL);
    // Without the option the resolved spec, and so the run digest, is as before it existed.
    expect(Object.keys(spec.faults!)).not.toContain("headroomCheckEveryMs");
    const result = runScenario(spec);
    expect(result.expectations.map((e) => [e.metric, e.passed])).toEqual([
      ["availability.headroom.zones.survivableShare", true],
      ["availability.headroom.racks.worst.survivable", true],
    ]);
    const h = headroomOf(result);
    expect(h.zones).toMatchObject({ checks: 7, survivableShare: 0.714285714, survivable: 0 });
    expect(h.zones.worst).toEqual({
      timeMs: 3_000_000,
      survivable: 0,
      shortfalls: [
        { id: "az1", servers: 14, unplaced: 4, short: { "insufficient MEMORY_MB": 4 } },
        { id: "az2", servers: 14, unplaced: 4, short: { "insufficient MEMORY_MB": 4 } },
      ],
    });
    expect(h.racks).toMatchObject({ checks: 7, survivableShare: 1, survivable: 4, worst: { timeMs: 0, survivable: 4, shortfalls: [] } });
  });

  it("faults.headroomCheck.every: a check on the first sample at least that long after the last, and one at the end", () => {
    const scenario = (every: string) => `kind: Scenario
name: tiny-headroom-every
model: model.yaml
seed: 1
stop: { horizon: 1h }
placement: { policy: spread }
workload:
  requests:
    - { at: 25m, tenant: t, flavour: B1.medium, count: 24, name: a }
    - { at: 45m, tenant: t, flavour: B1.medium, count: 4, name: b }
faults:
  storms:
    - { at: 2h, domain: host, hosts: [az1-r01-h001], kind: crash, timeToRepair: 1m }
  headroomCheck: { every: ${every} }
output: { samplePeriod: 10m }
`;
    // Checks at 0, 20 and 40 min (survivable) and at the end, 60 min (not).
    const h = headroomOf(runScenario(specFrom(scenario("20m"), MODEL)));
    expect(h.zones).toMatchObject({ checks: 4, survivableShare: 0.75, survivable: 0, worst: { timeMs: 3_600_000, survivable: 0 } });
    // A period longer than the run: the first sample and the end.
    expect(headroomOf(runScenario(specFrom(scenario("1d"), MODEL))).zones).toMatchObject({ checks: 2, survivableShare: 0.5 });
  });

  it("every sample's check equals an end-of-run check of the same run stopped at that time", () => {
    // Arrivals, departures and a rack outage with evacuations: the headroom changes from sample to sample.
    const scenario = (horizon: string): string => `kind: Scenario
name: moving-headroom
model: model.yaml
seed: 7
stop: { horizon: ${horizon} }
placement: { policy: spread }
workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: 24/h }
      flavours: { B1.medium: 1 }
      lifetime: { kind: exponential, mean: 1h }
      bootTime: 30s
      group: { policy: anti-affinity, size: 2 }
faults:
  detection: { delay: 500ms }
  recovery: { policy: evacuate, concurrency: 5, rebuildTime: 2m }
  storms:
    - { at: 50m, domain: rack, zone: az2, racks: [r01], timeToRepair: 40m }
output: { samplePeriod: 20m }
`;
    const SAMPLES = 6;
    const whole = headroomOf(runScenario(specFrom(scenario(`${20 * SAMPLES}m`), MODEL)));
    // At 0 no server exists yet: every domain is survivable.
    const ends = [{ racks: { survivable: 4, unplaced: 0 }, zones: { survivable: 2, unplaced: 0 }, timeMs: 0, h: undefined as ReturnType<typeof headroomOf> | undefined }];
    for (let i = 1; i <= SAMPLES; i++) {
      const h = headroomOf(runScenario(specFrom(scenario(`${20 * i}m`), MODEL)));
      const unplaced = (s: typeof h.racks): number => s.shortfalls.reduce((n, d) => n + d.unplaced, 0);
      ends.push({ racks: { survivable: h.racks.survivable, unplaced: unplaced(h.racks) }, zones: { survivable: h.zones.survivable, unplaced: unplaced(h.zones) }, timeMs: 20 * i * 60_000, h });
    }
    for (const kind of ["racks", "zones"] as const) {
      const total = whole[kind].total;
      const all = ends.filter((e) => e[kind].survivable === total).length;
      // The worst: fewest survivable, then most unplaced, then the earliest.
      const worst = [...ends].sort((a, b) => a[kind].survivable - b[kind].survivable || b[kind].unplaced - a[kind].unplaced || a.timeMs - b.timeMs)[0]!;
      expect(whole[kind].checks).toBe(SAMPLES + 1);
      expect(whole[kind].survivableShare).toBeCloseTo(all / (SAMPLES + 1), 8);
      expect(whole[kind].worst.timeMs).toBe(worst.timeMs);
      expect(whole[kind].worst.survivable).toBe(worst[kind].survivable);
      expect(whole[kind].worst.shortfalls).toEqual(worst.h?.[kind].shortfalls ?? []);
    }
    // The last check is the end state.
    expect(whole.zones.shortfalls).toEqual(ends[SAMPLES]!.h!.zones.shortfalls);
    // The run exercised both outcomes (else the comparison proves little).
    expect(ends.some((e) => e.zones.survivable < 2)).toBe(true);
    expect(ends.some((e) => e.zones.survivable === 2 && e.timeMs > 0)).toBe(true);
  });
});
