/**
 * The workload generators through the real runner: bursts, schedules, group arrivals, per-stream
 * limits and timed requests, checked on the event log.
 */
import { describe, expect, it } from "vitest";
import type { LogRecord } from "../../domain/index.js";
import { slotModel, specFrom } from "../../testing/scenario-files.js";
import { runScenario } from "../runner/runner.js";

const run = (workload: string, stop = "stop: { horizon: 4h }") =>
  runScenario(
    specFrom(
      `kind: Scenario
name: gen
model: model.yaml
${stop}
placement: { policy: spread }
workload:
${workload}
output: { trace: true }
`,
      slotModel(8, 8),
    ),
  );

const allocations = (records: ReadonlyArray<LogRecord>) => records.filter((r) => r.op === "allocate");

describe("workload driver", () => {
  it("a burst brings its count of arrivals inside its window", () => {
    const result = run(`  streams:
    - tenant: t
      arrivals: { kind: schedule, steps: [{ from: 0s, rate: 0/h }] }
      flavours: { one: 1 }
      lifetime: 30m
      bursts: [{ at: 1h, count: 50, spread: 10m }]
`);
    const times = allocations(result.records).map((r) => r.timeMs);
    expect(times).toHaveLength(50);
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(3_600_000);
      expect(t).toBeLessThan(3_600_000 + 600_000);
    }
  });

  it("a schedule switches rate at its steps", () => {
    const result = run(`  streams:
    - tenant: t
      arrivals: { kind: schedule, steps: [{ from: 0s, rate: 0/h }, { from: 2h, rate: 600/h }] }
      flavours: { one: 1 }
      lifetime: 1m
`);
    const times = allocations(result.records).map((r) => r.timeMs);
    expect(times.every((t) => t >= 7_200_000)).toBe(true);
    // 600/h over 2 h: 1,200 expected, within 5 standard deviations.
    expect(Math.abs(times.length - 1200)).toBeLessThan(5 * Math.sqrt(1200));
  });

  it("group arrivals ask for size servers in a new group each, and maxArrivals stops the stream", () => {
    const result = run(`  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: 60/h }
      flavours: { one: 1 }
      lifetime: 10m
      group: { policy: anti-affinity, size: 3 }
      maxArrivals: 7
`);
    expect(allocations(result.records)).toHaveLength(21);
    expect(result.records.filter((r) => r.entity === "serverGroup")).toHaveLength(7);
    // 7 requests of 3 servers each: counted once as requests, three times as servers.
    expect(result.summary.requests.total).toBe(7);
    expect(result.summary.servers.all.requested).toBe(21);
  });

  it("timed requests come at their times and live their lifetime", () => {
    const result = run(`  requests:
    - { at: 30m, tenant: t, flavour: one, count: 2, lifetime: 1h, bootTime: 1m }
    - { at: 10m, tenant: t, flavour: one }
`);
    const byOp = (op: string) => result.records.filter((r) => r.op === op).map((r) => `${r.id}@${r.timeMs}`);
    expect(byOp("allocate")).toEqual(["vm-1@600000", "vm-2@1800000", "vm-3@1800000"]);
    expect(byOp("spawn.complete")).toEqual(["vm-1@600000", "vm-2@1860000", "vm-3@1860000"]);
    expect(byOp("terminate")).toEqual(["vm-2@5460000", "vm-3@5460000"]);
    expect(result.summary.servers.aliveAtEnd).toBe(1);
  });

  it("stop.arrivals ends the run at that arrival", () => {
    const result = run(
      `  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: 100/h }
      flavours: { one: 1 }
      lifetime: 1h
`,
      "stop: { arrivals: 40 }",
    );
    expect(result.summary.requests.total).toBe(40);
    expect(result.summary.run.stoppedBy).toBe("stopped");
    expect(result.summary.run.simulatedTimeMs).toBe(allocations(result.records).at(-1)!.timeMs);
  });

  it("a run whose workload runs out before stop.arrivals ends instead of sampling forever", () => {
    const result = run(
      `  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: 100/h }
      flavours: { one: 1 }
      lifetime: 10m
      maxArrivals: 5
`,
      "stop: { arrivals: 1000 }",
    );
    expect(result.summary.requests.total).toBe(5);
    expect(result.summary.run.stoppedBy).toBe("empty");
    expect(result.summary.servers.aliveAtEnd).toBe(0);
  });
});
