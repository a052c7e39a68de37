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
  return { latencies, utilisation: q.busyMs / horizonMs };
}

describe("accelerator data path queue", () => {
  it("matches M/M/1: mean sojourn 1/(μ−λ) and utilisation ρ = λ/μ (exponential service)", () => {
    // λ = 1/200 per ms, μ = 1/100 per ms → ρ = 0.5, W = 1/(μ−λ) = 200 ms. Integer-ms rounding of the
    // draws (round to nearest, ≥ 0) biases each mean by well under 1 ms.
    const { latencies, utilisation } = mm1(200, 100, 20_000_000, 7);
    const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
    expect(latencies.length).toBeGreaterThan(90_000);
    expect(Math.abs(mean - 200) / 200).toBeLessThan(0.05);
    expect(Math.abs(utilisation - 0.5)).toBeLessThan(0.02);
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
    expect(q.close()).toBe(1);
    q.submit("d");
    sim.run();
    expect(served).toEqual(["a", "b"]);
  });
});
