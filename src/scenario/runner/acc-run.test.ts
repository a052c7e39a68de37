/**
 * Accelerators in a whole run: the summary section appears only with a model that has accelerators,
 * the run is deterministic, its digest does not depend on keeping the trace, reprogramming happens
 * only on idle devices, and a device fault fails the builds binding on it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { specFrom } from "../../testing/scenario-files.js";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { runScenario } from "./runner.js";

const MODEL = readFileSync(new URL("../../../models/accel-site.yaml", import.meta.url), "utf8");

const scenario = (extra: string, trace = false) => `kind: Scenario
name: acc
model: model.yaml
seed: 3
stop: { horizon: 6h }
workload:
  streams:
    - tenant: ran
      arrivals: { kind: poisson, rate: 3/h }
      flavours: { A1.ipsec: 1, A1.fec: 1 }
      lifetime: { kind: exponential, mean: 2h }
    - tenant: media
      arrivals: { kind: poisson, rate: 2/h }
      flavours: { G1.infer: 1 }
      lifetime: { kind: exponential, mean: 2h }
defaultBootTime: 1m
output: { trace: ${trace} }
accelerators:
${extra}`;

const PLAN = `  onload: [{ at: 1h, image: fec-v2, from: ipsec-v1, devices: 3 }]
  faults: [{ at: 2h, device: az1-r01-h005/gpu0, repairAfter: 30m }]
  offload: [{ function: crypto, rate: 5/s, serviceTime: { kind: exponential, mean: 100ms } }]
`;

describe("a run with accelerators", () => {
  it("is deterministic and its digest does not depend on keeping the trace", () => {
    const a = runScenario(specFrom(scenario(PLAN), MODEL));
    const b = runScenario(specFrom(scenario(PLAN), MODEL));
    const traced = runScenario(specFrom(scenario(PLAN, true), MODEL));
    expect(JSON.stringify(a.summary)).toBe(JSON.stringify(b.summary));
    expect(traced.summary.run.digest).toBe(a.summary.run.digest);
    expect(traced.summary.run.logRecords).toBe(a.summary.run.logRecords);
  });

  it("summarises utilisation, reprogramming and offload latency", () => {
    const s = runScenario(specFrom(scenario(PLAN, true), MODEL));
    const acc = s.summary.accelerators!;
    expect(acc.devices).toBe(22);
    expect(acc.reprogramming).toMatchObject({ onloads: 3, programmingTimeMs: 3 * 120_000 });
    expect(acc.utilisation["all"]!["FPGA"]!.peakBound).toBeGreaterThan(0);
    expect(acc.offload["crypto"]!.served).toBeGreaterThan(0);
    const latency = acc.offload["crypto"]!.latencyMs;
    expect(latency.min).toBeLessThanOrEqual(latency.p50);
    // Queueing: every offered request is served, dropped at release or still in a data path; a
    // sojourn is its wait plus its service; the mean number in service is the busy share.
    const o = acc.offload["crypto"]!;
    expect(o.offered).toBe(o.served + o.dropped + o.inSystemAtEnd);
    expect(o.waitingMs + o.serviceMs).toBeCloseTo(latency.mean, 6);
    expect(o.serviceMs).toBeGreaterThan(80);
    expect(o.serviceMs).toBeLessThan(120);
    expect(o.meanInSystem).toBeGreaterThan(o.meanQueueLength);
    expect(o.meanInSystem - o.meanQueueLength).toBeCloseTo(o.utilisation, 2);
    // Every onload started on a device with no bound handle (INV-F5), read back from the trace.
    const bound = new Map<string, number>();
    for (const r of s.records) {
      if (r.entity === "accelerator" && r.op === "onload.start") expect((r.before as { usageState: string }).usageState).toBe("NOT_IN_USE");
      if (r.entity === "arq") bound.set(r.id, (bound.get(r.id) ?? 0) + 1);
    }
    expect(bound.size).toBeGreaterThan(0);
  });

  it("tracks the smallest offload sojourn (not a constant 0): a constant service time is its floor", () => {
    const plan = PLAN.replace("{ kind: exponential, mean: 100ms }", "{ kind: constant, value: 100ms }");
    const latency = runScenario(specFrom(scenario(plan), MODEL)).summary.accelerators!.offload["crypto"]!.latencyMs;
    expect(latency.count).toBeGreaterThan(0);
    expect(latency.min).toBeGreaterThanOrEqual(100);
    expect(latency.min).toBeLessThanOrEqual(latency.p50);
    expect(latency.max).toBeGreaterThanOrEqual(latency.min);
  });

  it("a repaired host's devices are rediscovered: a device disabled there comes back with its alarm cleared", () => {
    const text = scenario(`  faults: [{ at: 1h, device: az1-r01-h001/fpga0 }]
`, true).replace(
      "accelerators:",
      "faults:\n  detection: { delay: 500ms }\n  recovery: { policy: evacuate }\n  storms:\n    - { at: 2h, domain: host, hosts: [az1-r01-h001], kind: crash, timeToRepair: 30m }\naccelerators:",
    );
    const s = runScenario(specFrom(text, MODEL));
    const changes = s.records.filter((r) => r.entity === "accelerator" && r.id === "az1-r01-h001/fpga0").map((r) => [r.timeMs, r.op]);
    expect(changes).toEqual([
      [3_600_000, "disable"],
      [2 * 3_600_000 + 30 * 60_000, "enable"],
    ]);
  });

  it("explanations include the accelerator filter and its countable reasons", () => {
    const text = scenario(PLAN).replace("output: { trace: false }", "output: { trace: false, explainRequests: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }");
    const s = runScenario(specFrom(text, MODEL));
    expect(s.explanations.length).toBeGreaterThan(0);
    for (const x of s.explanations) expect(x.filters.map((f) => f.filter)).toContain("accelerator");
    const fpgaOnly = s.explanations.find((x) => x.flavour === "A1.ipsec")!;
    expect(fpgaOnly.filters.find((f) => f.filter === "accelerator")!.hostsAfter).toBeLessThanOrEqual(6); // only the 6 FPGA hosts
  });

  it("has no accelerators section, and no accelerator records, without accelerators", () => {
    const s = runScenario(specFrom(TINY_SCENARIO, TINY_MODEL));
    expect(s.summary.accelerators).toBeUndefined();
    expect(s.records.some((r) => r.entity === "arq" || r.entity === "accelerator")).toBe(false);
  });
});
