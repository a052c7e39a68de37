/**
 * The `faults:` section end to end: bad input with positions (exit 2 at the CLI), the same seed
 * giving the same storm, and a single server's availability against the closed form
 * MTBF / (MTBF + MTTR).
 */
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { specFrom } from "../../testing/scenario-files.js";
import { formatInputIssue } from "../load/input-issue.js";
import { loadScenario } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";
import { runScenario } from "../runner/runner.js";

function errors(faults: string): string[] {
  const text = TINY_SCENARIO.replace("output:", `${faults}\noutput:`);
  const r = loadScenario(memoryReader({ "s.yaml": text, "model.yaml": TINY_MODEL }), "s.yaml", () => undefined);
  return r.ok ? [] : r.issues.map(formatInputIssue);
}

describe("faults: bad input is reported with positions", () => {
  it("an accelerator failure process on hosts without accelerators, accType on another domain, a hang of a device", () => {
    const faults = [
      "faults:",
      "  processes:",
      "    - { domain: accelerator, accType: GPU, timeToFailure: 30d, timeToRepair: 1h }",
      "    - { domain: host, accType: GPU, timeToFailure: 30d, timeToRepair: 1h }",
      "    - { domain: accelerator, kind: hang, timeToFailure: 30d, timeToRepair: 1h }",
    ].join("\n");
    const found = errors(faults).join("\n");
    expect(found).toMatch(/faults\.processes\.0\.accType: no accelerator device of type GPU on the selected hosts; types there: none/);
    expect(found).toMatch(/faults\.processes\.1\.accType: accType applies to domain accelerator/);
    expect(found).toMatch(/faults\.processes\.2\.kind: an accelerator device fails by crashing only/);
    expect(found).toMatch(/faults\.processes\.2\.domain: no accelerator device on the selected hosts/);
  });

  it("a repair time that can be negative, an unknown rack and zone, a share above 100 %", () => {
    const faults = [
      "faults:",
      "  processes:",
      "    - { domain: host, timeToFailure: 30d, timeToRepair: { kind: normal, mean: 2h, sd: 3h } }",
      "  storms:",
      "    - { at: 1h, domain: rack, zone: az1, racks: [r9], timeToRepair: 1h }",
      "    - { at: 1h, domain: zone, zone: az7, timeToRepair: 1h }",
      "    - { at: 2h, domain: host, zone: az1, share: 1.5, timeToRepair: 1h }",
    ].join("\n");
    expect(errors(faults)).toEqual([
      "s.yaml:16:57: faults.processes.0.timeToRepair: time to repair can be negative: a normal distribution needs min (e.g. min: 0s), or use lognormal, weibull or exponential",
      "s.yaml:18:7: faults.storms.0: the storm selects no host",
      's.yaml:18:50: faults.storms.0.racks.0: zone az1 has no rack "r9"; its racks: r1',
      "s.yaml:19:7: faults.storms.1: the storm selects no host",
      's.yaml:19:37: faults.storms.1.zone: unknown zone "az7"; did you mean "az1"? defined zones: az1, az2',
      "s.yaml:20:49: faults.storms.2.share: share must be in (0, 1] (a share of the selected hosts, 1 = 100 %); got 1.5",
    ]);
  });

  it("rejects unknown fields and domains in the section (strict schema)", () => {
    const out = errors("faults:\n  storms:\n    - { at: 1h, domain: planet, timeToRepair: 1h, colour: red }");
    expect(out.some((line) => line.includes("faults.storms.0.domain"))).toBe(true);
    expect(out.some((line) => line.includes('unknown field "colour"'))).toBe(true);
  });
});

const STORM = `${TINY_SCENARIO.replace("stop: { horizon: 6h }", "stop: { horizon: 12h }")}faults:
  recovery: { policy: evacuate, concurrency: 3, rebuildTime: { kind: exponential, mean: 2m } }
  storms:
    - { at: 3h, domain: host, share: 0.6, within: 1m, timeToRepair: { kind: lognormal, mean: 2h, sd: 1h } }
`;

describe("fault storms are reproducible", () => {
  it("same seed, same storm (digest and availability); another seed, another storm", () => {
    const a = runScenario(specFrom(STORM, TINY_MODEL));
    const b = runScenario(specFrom(STORM, TINY_MODEL));
    const c = runScenario(specFrom(STORM, TINY_MODEL, 77));
    expect(a.summary.run.digest).toBe(b.summary.run.digest);
    expect(a.summary.availability).toEqual(b.summary.availability);
    expect(a.summary.availability!.faults.injected).toBe(3);
    expect(c.summary.run.digest).not.toBe(a.summary.run.digest);
  });

  it("a scenario without faults has no availability section", () => {
    expect(runScenario(specFrom(TINY_SCENARIO, TINY_MODEL)).summary.availability).toBeUndefined();
  });
});

describe("availability of one server against MTBF / (MTBF + MTTR)", () => {
  it("is within 1.5 percentage points over ~1,000 failure cycles", () => {
    const scenario = `kind: Scenario
name: one-vm
model: model.yaml
seed: 5
stop: { horizon: 11000d }
workload:
  requests:
    - { at: 0s, tenant: t1, flavour: small }
faults:
  recovery: { policy: restart }
  processes:
    - { domain: host, timeToFailure: { kind: exponential, mean: 10d }, timeToRepair: { kind: exponential, mean: 1d } }
operations: { durations: { reboot.hard: 0s } }
output: { samplePeriod: 100d }
`;
    const r = runScenario(specFrom(scenario, TINY_MODEL));
    const tenant = r.summary.availability!.tenants["t1"]!;
    expect(Math.abs(tenant.availability - 10 / 11)).toBeLessThan(0.015);
    expect(r.summary.availability!.servers.incidents).toBeGreaterThan(800);
  });
});

describe("cascades and maintenance windows", () => {
  it("a cascade fails hosts that evacuations pushed over the threshold", () => {
    const base = `${TINY_SCENARIO.replace("stop: { horizon: 6h }", "stop: { horizon: 12h }").replace("rate: 30/h", "rate: 20/h").replace("mean: 2h", "mean: 24h")}faults:
  storms:
    - { at: 3h, domain: host, hosts: [az1-r1-h001], timeToRepair: 1h }
`;
    const withCascade = `${base}  cascade: { utilisationAbove: 0.1, probability: 1, delay: 1m, timeToRepair: 30m }\n`;
    const plain = runScenario(specFrom(base, TINY_MODEL)).summary.availability!;
    const cascaded = runScenario(specFrom(withCascade, TINY_MODEL)).summary.availability!;
    expect(plain.faults.injected).toBe(1);
    expect(cascaded.faults.injected).toBeGreaterThan(1);
    expect(cascaded.capacity.peakHostsDown).toBeGreaterThan(plain.capacity.peakHostsDown);
  });

  it("a maintenance window becomes MAINTENANCE with a drain, then UP", () => {
    const spec = specFrom(`${TINY_SCENARIO}faults:\n  maintenance:\n    - { at: 1h, duration: 2h, zone: az2, drain: LIVE_MIGRATION }\n`, TINY_MODEL);
    expect(spec.hostEvents).toEqual([
      { atMs: 3_600_000, hosts: ["az2-r1-h001", "az2-r1-h002"], state: "MAINTENANCE", enabled: undefined, drain: "migrate.live" },
      { atMs: 10_800_000, hosts: ["az2-r1-h001", "az2-r1-h002"], state: "UP", enabled: undefined, drain: undefined },
    ]);
  });
});

describe("failure processes per profile", () => {
  it("select the hosts of the named profiles; an unknown profile is an error with its position", () => {
    const model = TINY_MODEL.replace("hosts: [{ profile: p16, count: 2 }]", "hosts: [{ profile: p8, count: 2 }]").replace(
      "zones:",
      "  - id: p8\n    cpu: { sockets: 1, coresPerSocket: 8 }\n    memoryMb: 32768\n    diskGb: 250\nzones:",
    );
    const spec = specFrom(`${TINY_SCENARIO}faults:\n  processes:\n    - { domain: host, profiles: [p8], timeToFailure: 30d, timeToRepair: 1h }\n`, model);
    expect(spec.faults!.processes[0]!.components.map((c) => c.id)).toEqual(["az2-r1-h001", "az2-r1-h002"]);
    expect(errors("faults:\n  processes:\n    - { domain: host, profiles: [gpu], timeToFailure: 30d, timeToRepair: 1h }")).toEqual([
      's.yaml:16:34: faults.processes.0.profiles.0: no host has profile "gpu"; profiles in use: p16',
    ]);
  });
});

describe("degraded capacity from a scenario", () => {
  it("a degraded storm shrinks capacity and raises MINOR alarms; a share outside (0, 1) is an error", () => {
    const text = `${TINY_SCENARIO}faults:\n  storms:\n    - { at: 1h, domain: host, hosts: [az1-r1-h001], kind: degraded, capacityShare: 0.3, timeToRepair: 1h }\n`;
    const a = runScenario(specFrom(text, TINY_MODEL)).summary.availability!;
    expect(a.faults.injected).toBe(1);
    expect(a.alarms.raisedByType).toEqual({ COMPUTE_HOST: 1 });
    expect(a.servers.incidents).toBe(0);
    expect(errors("faults:\n  storms:\n    - { at: 1h, domain: host, kind: degraded, capacityShare: 1.2, timeToRepair: 1h }")).toEqual([
      "s.yaml:16:62: faults.storms.0.capacityShare: capacityShare must be in (0, 1) (the share of the capacity a degraded host keeps); got 1.2",
    ]);
  });
});
