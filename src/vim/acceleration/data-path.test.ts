import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStreams, integerMsSampler, Simulation } from "../../kernel/index.js";
import { DataPathQueue } from "./data-path.js";

/** Poisson arrivals at rate λ into one queue with exponential service of mean 1/μ, for `horizonMs`. */
function mm1(meanInterMs: number, meanServiceMs: number, horizonMs: number, seed: number) {
  const sim = new Simulation();
  const streams = createStreams(seed);
  const service = integerMsSampler({ kind: "exponential", mean: meanServiceMs }, streams.stream("test/service"));
  const gap = integerMsSampler({ kind: "exponential", mean: meanInterMs }, streams.stream("test/arrivals"));
  const latencies: number[] = [];
  const q = new DataPathQueue(sim, service, { onServed: (_i, latencyMs) => latencies.push(latencyMs) });
  const arrive = (s: Simulation) => {
    q.submit(null);
    s.schedule(gap(), arrive);
  };
  sim.schedule(0, arrive);
  sim.run({ untilMs: horizonMs });
  const areas = q.areasUntil(horizonMs);
  return { latencies, utilisation: q.busyMs / horizonMs, meanInSystem: areas.systemMs / horizonMs, meanWaiting: areas.waitingMs / horizonMs };
}

describe("accelerator data path queue", () => {
  it("matches M/M/1: mean sojourn 1/(μ−λ) and utilisation ρ = λ/μ (exponential service)", () => {
    // λ = 1/200 per ms, μ = 1/100 per ms → ρ = 0.5, W = 1/(μ−λ) = 200 ms. Integer-ms rounding of the
    // draws (round to nearest, ≥ 0) biases each mean by well under 1 ms.
    const { latencies, utilisation, meanInSystem, meanWaiting } = mm1(200, 100, 20_000_000, 7);
    const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
    expect(latencies.length).toBeGreaterThan(90_000);
    expect(Math.abs(mean - 200) / 200).toBeLessThan(0.05);
    expect(Math.abs(utilisation - 0.5)).toBeLessThan(0.02);
    // Time-average numbers: in the system L = ρ/(1−ρ) = 1, waiting Lq = ρ²/(1−ρ) = 0.5.
    expect(Math.abs(meanInSystem - 1)).toBeLessThan(0.08);
    expect(Math.abs(meanWaiting - 0.5)).toBeLessThan(0.06);
  });

  it("Little's law, exactly: a queue that starts and ends empty integrates to the sum of the sojourns and waits", () => {
    const requests = fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 20 }), serviceMs: fc.integer({ min: 0, max: 30 }) }), { maxLength: 40 });
    fc.assert(
      fc.property(requests, (rs) => {
        const sim = new Simulation();
        const services = rs.map((r) => r.serviceMs);
        let sojournMs = 0;
        let waitMs = 0;
        const q = new DataPathQueue(sim, () => services.shift()!, { onServed: (_i, latencyMs, serviceMs) => ((sojournMs += latencyMs), (waitMs += latencyMs - serviceMs)) });
        let atMs = 0;
        for (const r of rs) sim.scheduleAt((atMs += r.gapMs), () => q.submit(null));
        sim.run();
        expect(q.length).toBe(0);
        expect(q.offered).toBe(rs.length);
        // ∫ L dt = Σ W (so L = λW over any span); ∫ Lq dt = Σ Wq.
        expect(q.areasUntil(sim.nowMs + 7)).toEqual({ systemMs: sojournMs, waitingMs: waitMs });
      }),
      { numRuns: 200 },
    );
  });

  it("serves in arrival order and a closed queue takes nothing more", () => {
    const sim = new Simulation();
    const served: unknown[] = [];
    const q = new DataPathQueue(sim, () => 5, { onServed: (i) => served.push(i.payload) });
    q.submit("a");
    q.submit("b");
    q.submit("c");
    expect(q.length).toBe(3);
    sim.run({ untilMs: 6 });
    // 0–5: a in service, b and c waiting; 5–6: b in service, c waiting.
    expect(q.areasUntil(6)).toEqual({ waitingMs: 11, systemMs: 17 });
    expect(q.close()).toBe(1);
    q.submit("d");
    sim.run();
    expect(served).toEqual(["a", "b"]);
    // Closed at 6 with c dropped, b done at 10: nothing waits after 6, one in service until 10.
    expect(q.areasUntil(sim.nowMs)).toEqual({ waitingMs: 11, systemMs: 21 });
    expect(q.offered).toBe(3);
  });
});
