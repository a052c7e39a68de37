/**
 * Issue 15 items 5-8: input that validates must run. Each case validated before the fix and then
 * failed at run time (ENAMETOOLONG, a crash, exit 3 "resolved model did not build", or a run that
 * never ends); now the loader refuses it with `file:line:column: path: message` naming the limit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { buildNfvi } from "../runner/build-nfvi.js";
import { runScenario } from "../runner/runner.js";
import { formatInputIssue } from "./input-issue.js";
import { loadModel, loadScenario } from "./load-scenario.js";
import { memoryReader } from "./source-reader.js";

const anyPolicy = () => undefined;

function scenarioErrors(scenario: string, model = TINY_MODEL): string[] {
  const result = loadScenario(memoryReader({ "s.yaml": scenario, "model.yaml": model }), "s.yaml", anyPolicy);
  return result.ok ? [] : result.issues.map(formatInputIssue);
}

const withProfileLine = (line: string): string => TINY_MODEL.replace("    diskGb: 500\n", `    diskGb: 500\n    ${line}\n`);
const hourly = (first: string): string => `[${[first, ...Array.from({ length: 23 }, () => "1")].join(", ")}]`;

describe("issue 15 item 5: scenario names", () => {
  it("refuses a name longer than 100 characters (it names the report folder)", () => {
    const text = TINY_SCENARIO.replace("name: tiny-run", `name: ${"a".repeat(240)}`);
    expect(scenarioErrors(text)).toEqual(["s.yaml:2:7: name: a scenario name is at most 100 characters (it names the report folder); got 240"]);
  });

  it("accepts 100 characters and refuses folder-unsafe names", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("name: tiny-run", `name: ${"a".repeat(100)}`))).toEqual([]);
    for (const bad of ['"a/b"', '"a\\\\b"', '".."', '"-x"', '"."', '"a\\0b"']) {
      expect(scenarioErrors(TINY_SCENARIO.replace("name: tiny-run", `name: ${bad}`))[0]).toMatch(/^s\.yaml:2:7: name: expected an identifier/);
    }
  });
});

describe("issue 15 item 6: flavour mixes", () => {
  it("refuses an empty flavour mix at its position", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("{ small: 3, big: 1 }", "{}"))).toEqual([
      "s.yaml:11:17: workload.streams.0.flavours: give at least one flavour with its weight, e.g. { small: 1 }",
    ]);
  });

  it("refuses a weight that is not finite (1e400 parses as Infinity)", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("{ small: 3, big: 1 }", "{ small: 1e400, big: 1 }"))).toEqual([
      "s.yaml:11:26: workload.streams.0.flavours.small: Expected a finite number, got Infinity",
    ]);
  });
});

describe("issue 15 item 7: every check of the model builder runs at load", () => {
  it("refuses a ratio override whose capacity exceeds 2^30 at the scenario's override", () => {
    const text = `${TINY_SCENARIO}overrides: { allocationRatios: { VCPU: 100000000 } }\n`;
    expect(scenarioErrors(text)).toEqual([
      "s.yaml:15:40: overrides.allocationRatios.VCPU: profile p16: VCPU: capacity (16 − 0) × 100000000 = 1600000000 must not exceed 1073741824 (2^30)",
    ]);
  });

  it("refuses a fractional reserved amount in the model", () => {
    expect(scenarioErrors(TINY_SCENARIO, withProfileLine("reserved: { VCPU: 1.5 }"))).toEqual([
      "s.yaml:3:8: model: the model file model.yaml has errors (listed below)",
      "model.yaml:8:23: profiles.0.reserved.VCPU: Expected an integer, got 1.5",
    ]);
  });

  it("refuses a huge ratio in the model at the profile's ratio", () => {
    const result = loadModel(memoryReader({ "model.yaml": withProfileLine("allocationRatios: { VCPU: 1e30 }") }), "model.yaml");
    expect(result.ok ? [] : result.issues.map(formatInputIssue)).toEqual([
      "model.yaml:8:31: profiles.0.allocationRatios.VCPU: VCPU: capacity (16 − 0) × 1e+30 = 1.6e+31 must not exceed 1073741824 (2^30)",
    ]);
  });

  it("refuses a host bigger than 2^30 units at its size field", () => {
    const result = loadModel(memoryReader({ "model.yaml": TINY_MODEL.replace("memoryMb: 65536", "memoryMb: 2000000000") }), "model.yaml");
    expect(result.ok ? [] : result.issues.map(formatInputIssue)).toEqual([
      "model.yaml:6:15: profiles.0.memoryMb: MEMORY_MB: total 2000000000 must not exceed 1073741824 (2^30)",
    ]);
  });

  it("refuses more accelerator devices and handles than a model can hold", () => {
    const line = (count: number, handles: number) => `accelerators: [{ name: vf, type: NIC, vendor: x, model: y, handles: ${handles}, count: ${count} }]`;
    const errors = (text: string) => {
      const result = loadModel(memoryReader({ "model.yaml": text }), "model.yaml");
      return result.ok ? [] : result.issues.map(formatInputIssue);
    };
    expect(errors(withProfileLine(line(1024, 4096)))).toEqual([
      "model.yaml:8:19: profiles.0.accelerators: the model would have 20,971,520 accelerator attach handles (hosts × devices × handles); at most 10,000,000",
    ]);
    expect(errors(withProfileLine(line(2000, 5000)))).toEqual([
      "model.yaml:8:73: profiles.0.accelerators.0.handles: at most 4,096 handles per device; got 5,000",
      "model.yaml:8:86: profiles.0.accelerators.0.count: at most 1,024 devices; got 2,000",
    ]);
  });

  it("places a variant's and a sweep value's bad ratio at the value", () => {
    const variants = `${TINY_SCENARIO}variants:\n  - name: a\n  - name: b\n    overrides: { allocationRatios: { VCPU: 1e9 } }\n`;
    expect(scenarioErrors(variants)).toEqual([
      "s.yaml:18:44: variants.1.overrides.allocationRatios.VCPU: profile p16: VCPU: capacity (16 − 0) × 1000000000 = 16000000000 must not exceed 1073741824 (2^30)",
    ]);
    const sweep = `${TINY_SCENARIO}sweep:\n  parameters:\n    - { path: overrides.allocationRatios.VCPU, values: [2, 1e9] }\n`;
    expect(scenarioErrors(sweep)).toEqual([
      "s.yaml:17:60: sweep.parameters.0.values.1: profile p16: VCPU: capacity (16 − 0) × 1000000000 = 16000000000 must not exceed 1073741824 (2^30)",
    ]);
  });
});

describe("issue 15 item 8: rates, counts and periods keep a run finite", () => {
  it("refuses an hourly factor that makes the rate infinite", () => {
    const text = TINY_SCENARIO.replace("{ kind: poisson, rate: 30/h }", `{ kind: daily, rate: 30/h, hourly: ${hourly("1e308")} }`);
    expect(scenarioErrors(text)).toEqual(["s.yaml:10:53: workload.streams.0.arrivals.hourly.0: at most 1,000,000 (a relative factor); got 1.00e308"]);
  });

  it("refuses a rate above 1,000,000/s", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("rate: 30/h", "rate: 99999999999999999999/s"))).toEqual([
      's.yaml:10:40: workload.streams.0.arrivals.rate: at most 1,000,000/s (3,600,000,000/h); got "99999999999999999999/s"',
    ]);
  });

  it("refuses more than 100,000,000 expected server requests, naming the count", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("rate: 30/h", "rate: 10000/s"))).toEqual([
      "s.yaml:10:17: workload.streams.0.arrivals: the workload asks for 216,000,000 servers on average over the 6h horizon (rate × horizon × group size, all streams and requests); at most 100,000,000 per run",
    ]);
  });

  it("refuses more than 1,000,000 samples per run and names the shortest period", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("samplePeriod: 30m", "samplePeriod: 1ms"))).toEqual([
      "s.yaml:14:25: output.samplePeriod: 6h sampled every 1ms is 21,600,000 samples; at most 1,000,000 samples per run: use a samplePeriod of at least 22ms",
    ]);
  });

  it("refuses too many replications and hosts", () => {
    expect(scenarioErrors(`${TINY_SCENARIO}replications: 1000000\n`)).toEqual(["s.yaml:15:15: replications: at most 10,000 replications; got 1,000,000"]);
    const variants = Array.from({ length: 11 }, (_, i) => `  - name: v${i}\n`).join("");
    expect(scenarioErrors(`${TINY_SCENARIO}replications: 10000\nvariants:\n${variants}`)).toEqual([
      "s.yaml:15:15: replications: 10,000 replications × 11 variants is 110,000 runs; at most 100,000 runs per scenario",
    ]);
    expect(scenarioErrors(`${TINY_SCENARIO}overrides: { hostCount: { p16: 100000000 } }\n`)).toEqual([
      "s.yaml:15:32: overrides.hostCount.p16: at most 1,000,000 hosts; got 100,000,000",
    ]);
    expect(scenarioErrors(`${TINY_SCENARIO}overrides: { hostCount: { p16: 600000 } }\n`)).toEqual([
      "s.yaml:15:32: overrides.hostCount.p16: the model would have 1,200,000 hosts; at most 1,000,000 hosts",
    ]);
  });
});

describe("issue 15: a scenario that loads runs", () => {
  // Numbers a fuzzer or a typo produces: small, fractional, huge, beyond float range, negative.
  // Mostly small valid values, so that about a quarter of the scenarios load and run.
  const wild = fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 10 },
    { arbitrary: fc.double({ min: 0, max: 5, noNaN: true }), weight: 1 },
    { arbitrary: fc.constantFrom(0, 1e6, 1e9, 2 ** 31, 1e30, 1e308, "1e400", "-1e400", ".nan", ".inf", -1, 0.5, 1.5), weight: 1 },
  );
  const text = (v: number | string) => String(v);

  it("either refuses with positions or builds and runs a short horizon without throwing", () => {
    let ran = 0;
    fc.assert(
      fc.property(fc.record({ rate: wild, factor: wild, ratio: wild, reserved: wild, hosts: wild, size: wild, weight: wild, periodMinutes: wild }), (v) => {
        const scenario = TINY_SCENARIO.replace("rate: 30/h", `rate: ${text(v.rate)}/m`)
          .replace("{ small: 3, big: 1 }", `{ small: ${text(v.weight)} }`)
          .replace("samplePeriod: 30m, trace: true", `samplePeriod: ${text(v.periodMinutes)}m`)
          .replace("      bootTime: 30s\n", `      bootTime: 30s\n      group: { policy: soft-affinity, size: ${text(v.size)} }\n`)
          .concat(`overrides: { allocationRatios: { MEMORY_MB: ${text(v.ratio)} }, hostCount: { p16: ${text(v.hosts)} } }\n`)
          .replace("{ kind: poisson,", `{ kind: daily, hourly: [${Array.from({ length: 24 }, () => text(v.factor)).join(", ")}],`);
        const model = withProfileLine(`reserved: { DISK_GB: ${text(v.reserved)} }`);
        const result = loadScenario(memoryReader({ "s.yaml": scenario, "model.yaml": model }), "s.yaml", anyPolicy);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(formatInputIssue(issue)).toMatch(/^(s|model)\.yaml:\d+:\d+: \S/);
          return;
        }
        buildNfvi(result.value.model);
        runScenario({ ...result.value, stop: { ...result.value.stop, horizonMs: 300_000 } });
        ran++;
      }),
      { numRuns: 40 },
    );
    expect(ran).toBeGreaterThan(0);
  });
});

describe("issue 15: what repeats until the horizon is bounded", () => {
  it("refuses fault processes, flapping storms and PM periods that would not end", () => {
    const faults = `${TINY_SCENARIO}faults:\n  processes:\n    - { domain: host, timeToFailure: 1ms, timeToRepair: 1ms }\n  storms:\n    - { at: 1h, domain: host, kind: flapping, timeToRepair: 1s, flaps: 1000000, flapInterval: 1s }\n`;
    expect(scenarioErrors(faults)).toEqual([
      "s.yaml:17:38: faults.processes.0.timeToFailure: 5 components failing every 2ms over 6h is 54,000,000 failures; at most 1,000,000 failures per run",
      "s.yaml:19:72: faults.storms.0.flaps: 5 components × 1,000,000 flaps is 5,000,000 failures; at most 1,000,000 failures per run",
    ]);
    const pm = `${TINY_SCENARIO}performance:\n  jobs:\n    - { objectType: HOST, metrics: [VCpuUsageMean], collectionPeriod: 1ms, reportingPeriod: 1ms }\n`;
    expect(scenarioErrors(pm)).toEqual(["s.yaml:17:71: performance.jobs.0.collectionPeriod: 6h collected every 1ms is 21,600,000 collections; at most 1,000,000 per job"]);
  });

  it("refuses operation streams and sweep ranges that would not end", () => {
    const ops = `${TINY_SCENARIO}operations:\n  streams:\n    - { rate: 1000000/s, do: operate, operation: REBOOT }\n`;
    expect(scenarioErrors(ops)).toEqual([
      "s.yaml:17:15: operations.streams.0.rate: the stream asks for 21,600,000,000 actions on average; at most 100,000,000 per run (lower the rate, or give until or maxActions)",
    ]);
    const sweep = `${TINY_SCENARIO}sweep:\n  parameters:\n    - { path: overrides.allocationRatios.VCPU, range: { from: 1, to: 1e300, step: 1e-300 } }\n`;
    expect(scenarioErrors(sweep)).toEqual(["s.yaml:17:55: sweep.parameters.0.range: the range has more than 1e308 values; a sweep has at most 10,000 points"]);
    const wide = sweep.replace("to: 1e300, step: 1e-300", "to: 1000000, step: 0.001");
    expect(scenarioErrors(wide)).toEqual(["s.yaml:17:55: sweep.parameters.0.range: the range has 999,999,001 values; a sweep has at most 10,000 points"]);
  });

  it("refuses an arrival-stopped run that would last beyond 100 years", () => {
    const text = TINY_SCENARIO.replace("stop: { horizon: 6h }", "stop: { arrivals: 100000 }").replace("rate: 30/h", "rate: 1/d");
    expect(scenarioErrors(text)).toEqual([
      "s.yaml:5:19: stop.arrivals: 100,000 arrivals at the streams' mean rate take 100000d on average; a run covers at most 36500d (100 years): give stop.horizon or higher rates",
    ]);
  });
});
