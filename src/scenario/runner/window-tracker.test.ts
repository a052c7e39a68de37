import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RESOURCE_CLASSES } from "../../domain/index.js";
import { runScenario } from "./runner.js";
import { slotModel, specFrom } from "../../testing/scenario-files.js";
import { windowAvailability } from "./window-tracker.js";
import { loadShipped } from "../../testing/shipped-scenario.js";

/**
 * Two hosts of 4 vCPU (8 in all). Two servers from 0 to 2h; four from 1h30m on; five one-server
 * requests at 2h30m (four fit, one is refused); host az1-r1-h001 fails at 3h for 30 minutes (no
 * recovery: its servers stay where they are). VCPU used: 2 on [0, 1h30m), 6 to 2h, 4 to 2h30m, 8 on.
 */
const SCENARIO = `kind: Scenario
name: windows-exact
model: model.yaml
seed: 1
stop: { horizon: 4h }
defaultBootTime: 0ms
workload:
  requests:
    - { at: 0h, tenant: t, flavour: one, count: 2, lifetime: 2h }
    - { at: 1h30m, tenant: t, flavour: one, count: 4 }
    - { at: 2h30m, tenant: t, flavour: one }
    - { at: 2h30m, tenant: t, flavour: one }
    - { at: 2h30m, tenant: t, flavour: one }
    - { at: 2h30m, tenant: t, flavour: one }
    - { at: 2h30m, tenant: t, flavour: one }
windows:
  busy: { from: 1h, to: 3h }
  late: { from: 3h, to: 4h }
faults:
  recovery: { policy: none }
  storms:
    - { at: 3h, domain: host, hosts: [az1-r1-h001], timeToRepair: 30m }
  windows: true
expect:
  - { metric: windows.busy.requests.rejectionRate, max: 0.1 }
  - { metric: windows.busy.servers.rejectionRate, max: 0.1 }
  - { metric: windows.storm-0.availability.hostAvailability, min: 0.5 }
`;

const H = 3_600_000;

describe("time windows: exact values on a hand-computed world", () => {
  const r = runScenario(specFrom(SCENARIO, slotModel(2, 4)));
  const w = r.summary.windows!;

  it("counts the requests decided within a window, servers and requests apart", () => {
    expect(Object.keys(w)).toEqual(["busy", "late", "storm-0"]);
    expect(w["busy"]!.requests).toEqual({ measured: 6, placed: 5, rejected: 1, rejectionRate: 0.166666667 });
    expect(w["busy"]!.servers).toEqual({ requested: 9, placed: 8, rejected: 1, rejectionRate: 0.111111111 });
    expect(w["late"]!.requests.measured).toBe(0);
  });

  it("integrates use over the window: (2·0.5 + 6·0.5 + 4·0.5 + 8·0.5) vCPU·h over 2 h", () => {
    expect(w["busy"]!.utilisation["VCPU"]).toEqual({ meanCapacity: 8, meanUsed: 5, peakUsed: 8, meanUtilisation: 0.625, peakUtilisation: 1 });
    expect(w["late"]!.utilisation["VCPU"]).toEqual({ meanCapacity: 8, meanUsed: 8, peakUsed: 8, meanUtilisation: 1, peakUtilisation: 1 });
  });

  it("gives the share of host time up, and the storm its own window from its fault to its repair", () => {
    // busy: 2 servers × 1 h + 4 × 1.5 h + 4 × 0.5 h in service, none down.
    expect(w["busy"]!.availability).toEqual({ hostAvailability: 1, meanShareDown: 0, peakHostsDown: 0, tenants: { t: { availability: 1, downtimeMs: 0, exposureMs: 10 * H } } });
    // late: 8 servers × 1 h in service; the 4 on the failed host are down to the end (no recovery).
    expect(w["late"]!.availability).toEqual({ hostAvailability: 0.75, meanShareDown: 0.25, peakHostsDown: 1, tenants: { t: { availability: 0.5, downtimeMs: 4 * H, exposureMs: 8 * H } } });
    expect(w["storm-0"]).toMatchObject({ source: "storm", fromMs: 3 * H, toMs: 3.5 * H, availability: { hostAvailability: 0.5, meanShareDown: 0.5, peakHostsDown: 1, tenants: { t: { availability: 0.5, downtimeMs: 2 * H, exposureMs: 4 * H } } } });
  });

  it("judges expectations on window paths", () => {
    expect(r.expectations.map((e) => [e.metric, e.passed, e.value])).toEqual([
      ["windows.busy.requests.rejectionRate", false, 0.166666667],
      ["windows.busy.servers.rejectionRate", false, 0.111111111],
      ["windows.storm-0.availability.hostAvailability", true, 0.5],
    ]);
  });

  it("changes nothing else in the run: summary, digest and time series as without windows", () => {
    const plain = SCENARIO.replace(/windows:\n {2}busy.*\n.*\n/, "").replace("  windows: true\n", "").replace(/expect:\n(.*\n)*/, "");
    const without = runScenario(specFrom(plain, slotModel(2, 4)));
    const { windows: _w, ...rest } = r.summary;
    expect(without.summary.windows).toBeUndefined();
    expect(JSON.stringify({ ...rest, warnings: [] })).toBe(JSON.stringify({ ...without.summary, warnings: [] }));
    expect(r.timeseries).toEqual(without.timeseries);
  });
});

describe("windowAvailability", () => {
  it("integrates the failed-host steps within [from, to), steps at the start included", () => {
    const steps: Array<readonly [number, number]> = [[10, 1], [20, 2], [30, 0]];
    expect(windowAvailability(steps, 4, 0, 40)).toEqual({ hostAvailability: 0.8125, meanShareDown: 0.1875, peakHostsDown: 2 });
    expect(windowAvailability(steps, 4, 20, 30)).toEqual({ hostAvailability: 0.5, meanShareDown: 0.5, peakHostsDown: 2 });
    expect(windowAvailability(steps, 4, 30, 30)).toEqual({ hostAvailability: 1, meanShareDown: 0, peakHostsDown: 0 });
  });
});

/** A random small world with a window over the whole run: the window's numbers are the whole run's. */
const worldArb = fc.record({
  hosts: fc.integer({ min: 1, max: 3 }),
  vcpus: fc.integer({ min: 2, max: 6 }),
  ratePerHour: fc.integer({ min: 1, max: 30 }),
  lifetimeMin: fc.integer({ min: 5, max: 240 }),
  horizonMin: fc.integer({ min: 30, max: 360 }),
  warmupMin: fc.constantFrom(0, 0, 20),
  storm: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1_000 }),
});

function wholeRunScenario(o: typeof worldArb extends fc.Arbitrary<infer T> ? T : never): string {
  return `kind: Scenario
name: windows-whole
model: model.yaml
seed: ${o.seed}
stop: { horizon: ${o.horizonMin}m }
${o.warmupMin > 0 ? `warmup: { duration: ${o.warmupMin}m }\n` : ""}workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: ${o.ratePerHour}/h }
      flavours: { one: 1 }
      lifetime: { kind: exponential, mean: ${o.lifetimeMin}m }
windows:
  whole: { from: 0s, to: ${o.horizonMin}m }
${o.storm ? "faults:\n  storms:\n    - { at: 10m, domain: host, hosts: [az1-r1-h001], timeToRepair: { kind: exponential, mean: 30m } }\n" : ""}`;
}

describe("a window over the whole measured run", () => {
  it("equals the whole run's requests, utilisation (every class), host availability and tenants' SLA availability", () => {
    fc.assert(
      fc.property(worldArb, (o) => {
        if (o.warmupMin >= o.horizonMin) return;
        const s = runScenario(specFrom(wholeRunScenario(o), slotModel(o.hosts, o.vcpus))).summary;
        const w = s.windows!["whole"]!;
        const { measured, placed, rejected, rejectionRate } = s.requests;
        expect(w.requests).toMatchObject({ measured, placed, rejected, rejectionRate });
        expect([w.measuredFromMs, w.measuredToMs]).toEqual([s.run.warmupEndMs, s.run.simulatedTimeMs]);
        for (const rc of RESOURCE_CLASSES) {
          const { meanUsed, peakUsed, meanUtilisation, peakUtilisation } = s.utilisation["all"]![rc]!;
          expect(w.utilisation[rc]).toMatchObject({ meanUsed, peakUsed, meanUtilisation, peakUtilisation });
        }
        if (o.storm && o.warmupMin === 0) {
          expect(w.availability?.meanShareDown).toBe(s.availability!.capacity.meanShareDown);
          expect(w.availability?.tenants).toEqual(s.availability!.tenants);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("a window's tenants", () => {
  it("include a tenant whose only servers never served, as the whole run's do (fast-check seed 1113482333)", () => {
    const o = { hosts: 1, vcpus: 2, ratePerHour: 2, lifetimeMin: 5, horizonMin: 30, warmupMin: 0 as const, storm: true, seed: 1 };
    const s = runScenario(specFrom(wholeRunScenario(o), slotModel(o.hosts, o.vcpus))).summary;
    expect(s.availability!.tenants).toEqual({ t: { availability: 1, downtimeMs: 0, exposureMs: 0 } });
    expect(s.windows!["whole"]!.availability?.tenants).toEqual(s.availability!.tenants);
  });
});

describe("a window over the whole run of a site with accelerators and device faults", () => {
  it("equals the whole run's bound handles per type, utilisation and requests", () => {
    const spec = loadShipped("scenarios/faults/accelerator-faults.yaml");
    const s = runScenario({ ...spec, windows: [{ name: "whole", source: "scenario", fromMs: 0, toMs: spec.stop.horizonMs! }] }).summary;
    const w = s.windows!["whole"]!;
    expect(Object.keys(w.accelerators!).sort()).toEqual(Object.keys(s.accelerators!.utilisation["all"]!).sort());
    for (const [type, u] of Object.entries(s.accelerators!.utilisation["all"]!)) expect(w.accelerators![type]).toEqual(u);
    expect(w.accelerators!["GPU"]!.peakBound).toBeGreaterThan(0);
    for (const rc of RESOURCE_CLASSES) expect(w.utilisation[rc]).toMatchObject({ meanUsed: s.utilisation["all"]![rc]!.meanUsed, peakUtilisation: s.utilisation["all"]![rc]!.peakUtilisation });
    expect(w.requests).toMatchObject({ measured: s.requests.measured, placed: s.requests.placed, rejected: s.requests.rejected, rejectionRate: s.requests.rejectionRate });
    expect(w.servers).toMatchObject({ requested: s.servers.requested, placed: s.servers.placed, rejected: s.servers.rejected, rejectionRate: s.servers.rejectionRate });
  });
});
