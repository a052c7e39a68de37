import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AvailabilityTracker } from "../../vim/index.js";
import { hostAvailabilitySummary, hostsUpSummary, hostsUpTimes, type HostChange, type UpDomain } from "./hosts-up.js";

/** One rack of 3 hosts over [0, 100] ms: h0 down [10, 40), h1 down [30, 50), h2 down from 80 to the end. */
const RACK: UpDomain[] = [{ id: "az1/r1", hosts: [0, 1, 2] }];
const CHANGES: HostChange[] = [
  [10, 0, 1],
  [30, 1, 1],
  [40, 0, 0],
  [50, 1, 0],
  [80, 2, 1],
];

describe("k-of-n availability (exact, from state changes)", () => {
  it("one rack of 3 hosts: time with exactly j up, at-least-k shares and the fewest hosts up, by hand", () => {
    // Up: 3 on [0,10) and [50,80) = 40 ms; 2 on [10,30), [40,50), [80,100) = 50 ms; 1 on [30,40) = 10 ms.
    const t = hostsUpTimes(3, RACK, CHANGES, 0, 100);
    expect(t.exactlyMs[0]).toEqual([0, 10, 50, 40]);
    expect(hostsUpSummary(t.exactlyMs[0]!, t.spanMs)).toEqual({ hosts: 3, minUp: 1, atLeast: { "0": 1, "1": 1, "2": 0.9, "3": 0.4 } });
    // Up shares 0.7, 0.8, 0.8.
    expect(t.hostUpMs).toEqual([70, 80, 80]);
    expect(hostAvailabilitySummary(t.hostUpMs, t.spanMs)).toEqual({ hosts: 3, mean: 0.766666667, min: 0.7, p1: 0.7, p5: 0.7, p50: 0.8 });
  });

  it("measures only inside the interval: [20, 90] sees 3 up for 30 ms, 2 for 30 ms, 1 for 10 ms", () => {
    const t = hostsUpTimes(3, RACK, CHANGES, 20, 90);
    expect(t.spanMs).toBe(70);
    expect(t.exactlyMs[0]).toEqual([0, 10, 30, 30]);
    expect(t.hostUpMs).toEqual([50, 50, 60]);
  });

  it("no failure: every share is 1 and the fewest up is all of them; an empty interval reads 1", () => {
    expect(hostsUpSummary(hostsUpTimes(2, [{ id: "all", hosts: [0, 1] }], [], 0, 50).exactlyMs[0]!, 50)).toEqual({ hosts: 2, minUp: 2, atLeast: { "0": 1, "1": 1, "2": 1 } });
    expect(hostsUpSummary([0, 0], 0)).toEqual({ hosts: 1, minUp: 1, atLeast: { "0": 1, "1": 1 } });
  });

  it("a host failing twice is a broken invariant", () => {
    expect(() => hostsUpTimes(1, [], [[1, 0, 1], [2, 0, 1]], 0, 10)).toThrow(/failed twice/);
  });
});

/** Hosts in up to 3 racks, each with its own sorted distinct toggle times (fail, repair, fail, ...). */
const world = fc
  .array(fc.record({ rack: fc.integer({ min: 0, max: 2 }), toggles: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }) }), { minLength: 1, maxLength: 7 })
  .chain((hosts) => fc.record({ hosts: fc.constant(hosts), fromMs: fc.integer({ min: 0, max: 30 }), lengthMs: fc.integer({ min: 0, max: 40 }) }));

function changesOf(hosts: ReadonlyArray<{ toggles: number[] }>): HostChange[] {
  const out: HostChange[] = [];
  hosts.forEach((h, i) => [...h.toggles].sort((a, b) => a - b).forEach((t, j) => out.push([t, i, j % 2 === 0 ? 1 : 0])));
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function domainsOf(hosts: ReadonlyArray<{ rack: number }>): UpDomain[] {
  const racks = [0, 1, 2].map((r) => ({ id: `z/r${r}`, hosts: hosts.flatMap((h, i) => (h.rack === r ? [i] : [])) }));
  return [{ id: "all", hosts: hosts.map((_h, i) => i) }, ...racks];
}

/** The reference: look at every millisecond (integer times), count the hosts up. */
function perMillisecond(hosts: ReadonlyArray<{ toggles: number[] }>, domain: UpDomain, fromMs: number, toMs: number): number[] {
  const exactly = new Array<number>(domain.hosts.length + 1).fill(0);
  const isDown = (h: number, t: number): boolean => hosts[h]!.toggles.filter((x) => x <= t).length % 2 === 1;
  for (let t = fromMs; t < toMs; t++) exactly[domain.hosts.filter((h) => !isDown(h, t)).length]!++;
  return exactly;
}

describe("k-of-n availability: properties", () => {
  it("equals a per-millisecond count; shares fall with k, atLeast.0 = 1, exactly-j times sum to the span", () => {
    fc.assert(
      fc.property(world, ({ hosts, fromMs, lengthMs }) => {
        const domains = domainsOf(hosts);
        const toMs = fromMs + lengthMs;
        const t = hostsUpTimes(hosts.length, domains, changesOf(hosts), fromMs, toMs);
        domains.forEach((d, i) => {
          expect(t.exactlyMs[i]).toEqual(perMillisecond(hosts, d, fromMs, toMs));
          expect(t.exactlyMs[i]!.reduce((a, b) => a + b, 0)).toBe(t.spanMs);
          const s = hostsUpSummary(t.exactlyMs[i]!, t.spanMs);
          expect(s.atLeast["0"]).toBe(1);
          for (let k = 1; k <= d.hosts.length; k++) expect(s.atLeast[String(k)]).toBeLessThanOrEqual(s.atLeast[String(k - 1)]!);
          expect(s.atLeast[String(s.minUp)]).toBe(1);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("the fleet mean (1 − capacity.meanShareDown from the tracker's integral) is the mean of the per-host shares", () => {
    fc.assert(
      fc.property(world, ({ hosts, lengthMs }) => {
        const endMs = 60 + lengthMs;
        const changes = changesOf(hosts);
        const tracker = new AvailabilityTracker();
        for (const [at, h, failed] of changes) tracker.hostsChanged(at, failed === 1 ? 1 : -1, h);
        tracker.finish(endMs);
        expect(tracker.hostChanges).toEqual(changes);
        const t = hostsUpTimes(hosts.length, domainsOf(hosts), changes, 0, endMs);
        const fleetMean = 1 - tracker.hostDownMs / endMs / hosts.length;
        expect(hostAvailabilitySummary(t.hostUpMs, t.spanMs).mean).toBeCloseTo(fleetMean, 8);
      }),
      { numRuns: 200 },
    );
  });
});
