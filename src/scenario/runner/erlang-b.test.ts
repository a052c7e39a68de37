/**
 * Correctness against theory (issue 3): one zone of identical hosts at ratio 1, a 1-vCPU flavour,
 * Poisson arrivals and exponential lifetimes form an Erlang loss system, so the measured rejection
 * rate must match Erlang-B. The tolerance comes from the run itself: independent replications give a
 * Student-t confidence interval at 99.9 %, which must contain the Erlang-B value.
 */
import { describe, expect, it } from "vitest";
import { erlangB, tQuantile999 } from "../../testing/erlang.js";
import { slotModel, specFrom } from "../../testing/scenario-files.js";
import { runScenario } from "./runner.js";

const HOSTS = 10;
const VCPUS = 10;
const LOAD_ERLANG = 92; // c = 100 servers: Erlang-B ≈ 0.05
const REPLICATIONS = 8;
const ARRIVALS = 40_000;

const scenario = (policy: string) => `kind: Scenario
name: erlang-small
model: model.yaml
stop: { arrivals: ${ARRIVALS} }
warmup: { arrivalsFraction: 0.1 }
placement: { policy: ${policy} }
workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: ${LOAD_ERLANG}/h }
      flavours: { one: 1 }
      lifetime: { kind: exponential, mean: 1h }
`;

describe("Erlang loss system", () => {
  for (const policy of ["first-fit", "spread"]) {
    it(`rejection rate matches Erlang-B within a 99.9 % confidence interval (${policy})`, () => {
      const expected = erlangB(HOSTS * VCPUS, LOAD_ERLANG);
      const rates: number[] = [];
      for (let r = 0; r < REPLICATIONS; r++) {
        const result = runScenario(specFrom(scenario(policy), slotModel(HOSTS, VCPUS), 1000 + r));
        rates.push(result.summary.requests.rejectionRate);
      }
      const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
      const sd = Math.sqrt(rates.reduce((a, b) => a + (b - mean) ** 2, 0) / (rates.length - 1));
      const halfWidth = (tQuantile999(rates.length - 1) * sd) / Math.sqrt(rates.length);
      // The test must have power: the interval is narrower than a third of the value it checks.
      expect(halfWidth).toBeLessThan(expected / 3);
      expect(Math.abs(mean - expected), `mean ${mean}, Erlang-B ${expected}, ±${halfWidth}`).toBeLessThanOrEqual(halfWidth);
    });
  }

  it("Erlang-B of the shipped erlang-loss scenario is 0.0100", () => {
    expect(erlangB(16_000, 16_085.85)).toBeCloseTo(0.01, 4);
  });
});
