/**
 * Golden error messages for bad input: each case is a file and the exact lines the user sees
 * (file:line:column: path: message), so a regression in positions or wording fails here.
 */
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { formatInputIssue } from "./input-issue.js";
import { loadModel, loadScenario } from "./load-scenario.js";
import { memoryReader } from "./source-reader.js";

const anyPolicy = () => undefined;

function scenarioErrors(scenario: string, model = TINY_MODEL): string[] {
  const result = loadScenario(memoryReader({ "s.yaml": scenario, "model.yaml": model }), "s.yaml", anyPolicy);
  return result.ok ? [] : result.issues.map(formatInputIssue);
}

function modelErrors(model: string): string[] {
  const result = loadModel(memoryReader({ "model.yaml": model }), "model.yaml");
  return result.ok ? [] : result.issues.map(formatInputIssue);
}

describe("scenario loading", () => {
  it("accepts the tiny scenario and converts units to milliseconds", () => {
    const result = loadScenario(memoryReader({ "s.yaml": TINY_SCENARIO, "model.yaml": TINY_MODEL }), "s.yaml", anyPolicy);
    if (!result.ok) throw new Error(result.issues.map(formatInputIssue).join("\n"));
    const spec = result.value;
    expect(spec.stop.horizonMs).toBe(6 * 3_600_000);
    expect(spec.streams[0]!.lifetime).toEqual({ kind: "exponential", mean: 7_200_000 });
    expect(spec.streams[0]!.bootTime).toEqual({ kind: "constant", value: 30_000 });
    expect(spec.streams[0]!.arrivals).toEqual({ kind: "poisson", ratePerMs: 30 / 3_600_000 });
    expect(spec.model.hosts.map((h) => h.id)).toEqual(["az1-r1-h001", "az1-r1-h002", "az1-r1-h003", "az2-r1-h001", "az2-r1-h002"]);
    expect(spec.output.samplePeriodMs).toBe(1_800_000);
  });

  it("overrides the seed from the command line", () => {
    const result = loadScenario(memoryReader({ "s.yaml": TINY_SCENARIO, "model.yaml": TINY_MODEL }), "s.yaml", anyPolicy, 123);
    expect(result.ok && result.value.seed).toBe(123);
  });

  it("reports malformed YAML with its position", () => {
    expect(scenarioErrors("kind: Scenario\nname: [unclosed\n")).toEqual([
      expect.stringMatching(/^s\.yaml:\d+:\d+: /),
    ]);
  });

  it("reports a duplicate key", () => {
    expect(scenarioErrors("kind: Scenario\nname: a\nname: b\n")[0]).toMatch(/^s\.yaml:3:1: .*[Mm]ap keys must be unique/);
  });

  it("loads a file whose first line points an editor at the JSON Schema (docs/editor.md)", () => {
    expect(scenarioErrors(`# yaml-language-server: $schema=../.vscode/scenario.schema.json\n${TINY_SCENARIO}`)).toEqual([]);
  });

  it("suggests the nearest declared field of the same object for a misspelt key, and nothing for a far one", () => {
    const text = TINY_SCENARIO.replace("bootTime: 30s", "bootTme: 30s").replace("trace: true", "trace: true, colour: red");
    expect(scenarioErrors(text)).toEqual([
      's.yaml:13:7: workload.streams.0.bootTme: unknown field "bootTme"; did you mean "bootTime"?',
      's.yaml:14:43: output.colour: unknown field "colour"',
    ]);
  });

  it("reports an unknown field at the key, with the field path", () => {
    const text = TINY_SCENARIO.replace("seed: 9", "seed: 9\nsed: 10");
    expect(scenarioErrors(text)).toEqual(['s.yaml:5:1: sed: unknown field "sed"; did you mean "seed"?']);
  });

  it("reports unit-less and negative durations", () => {
    const text = TINY_SCENARIO.replace("horizon: 6h", "horizon: 6").replace("bootTime: 30s", "bootTime: -30s");
    expect(scenarioErrors(text)).toEqual([
      's.yaml:5:18: stop.horizon: expected a duration with a unit (ms, s, m, h, d), e.g. "30s"; got "6"',
      's.yaml:13:17: workload.streams.0.bootTime: a duration cannot be negative; got "-30s"',
    ]);
  });

  it("reports an unknown distribution kind listing the valid ones", () => {
    const text = TINY_SCENARIO.replace("kind: exponential, mean: 2h", "kind: exponentail, mean: 2h");
    const errors = scenarioErrors(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^s\.yaml:12:17: workload\.streams\.0\.lifetime: unknown or missing distribution kind; expected kind to be one of: constant, /);
    expect(errors[0]).toContain("exponential");
  });

  it("reports a seed that is not an integer", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("seed: 9", "seed: 9.5"))).toEqual(["s.yaml:4:7: seed: Expected an integer, got 9.5"]);
  });

  it("reports several errors at once, sorted by position", () => {
    const text = TINY_SCENARIO.replace("seed: 9", "seed: x").replace("horizon: 6h", "horizon: 6");
    expect(scenarioErrors(text).map((e) => e.split(": ")[1])).toEqual(["seed", "stop.horizon"]);
  });

  it("reports a missing model file at the model field", () => {
    const result = loadScenario(memoryReader({ "s.yaml": TINY_SCENARIO }), "s.yaml", anyPolicy);
    expect(result.ok ? [] : result.issues.map(formatInputIssue)).toEqual([
      "s.yaml:3:8: model: the model file model.yaml has errors (listed below)",
      "model.yaml:1:1: cannot read file: no such file",
    ]);
  });

  it("reports unknown tenant, flavour and zone references", () => {
    const text = TINY_SCENARIO.replace("tenant: t1", "tenant: t2\n      zone: az9").replace("small: 3", "smal: 3");
    expect(scenarioErrors(text)).toEqual([
      's.yaml:9:15: workload.streams.0.tenant: unknown tenant "t2"; defined tenants: t1',
      's.yaml:10:13: workload.streams.0.zone: unknown zone "az9"; did you mean "az1"? defined zones: az1, az2',
      's.yaml:12:25: workload.streams.0.flavours.smal: unknown flavour "smal"; did you mean "small"? defined flavours: big, small',
    ]);
  });

  it("reports host events with unknown hosts, zones and racks", () => {
    const text = `${TINY_SCENARIO}hostEvents:
  - { at: 1h, hosts: [az1-r1-h009], state: DOWN }
  - { at: 2h, zone: az3, state: MAINTENANCE }
  - { at: 3h, zone: az1, racks: [r7], enabled: false }
  - { at: 4h, zone: az1 }
`;
    expect(scenarioErrors(text)).toEqual([
      's.yaml:16:23: hostEvents.0.hosts.0: unknown host "az1-r1-h009"; host ids look like az1-r1-h001',
      's.yaml:17:21: hostEvents.1.zone: unknown zone "az3"; did you mean "az1"? defined zones: az1, az2',
      's.yaml:18:34: hostEvents.2.racks.0: zone az1 has no rack "r7"; its racks: r1',
      "s.yaml:19:5: hostEvents.3: give state (UP, DOWN, MAINTENANCE) and/or enabled (true, false)",
    ]);
  });

  it("reports a scenario with no way to stop", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("stop: { horizon: 6h }", "stop: {}"))).toEqual([
      "s.yaml:5:7: stop: give stop.horizon (a duration) or stop.arrivals (a count), or both",
    ]);
  });
});

describe("model loading", () => {
  it("loads what a real Placement stores with a warning each: ratio 0, a PCPU ratio other than 1, min_unit > max_unit (issue 19)", () => {
    const text = TINY_MODEL.replace("diskGb: 500", "diskGb: 500\n    allocationRatios: { VCPU: 0 }\n    units: { MEMORY_MB: { minUnit: 8, maxUnit: 4 } }");
    const result = loadModel(memoryReader({ "model.yaml": text }), "model.yaml");
    if (!result.ok) throw new Error(result.issues.map(formatInputIssue).join("\n"));
    expect(result.value.warnings.filter((w) => w.includes("profiles.0"))).toEqual([
      "model.yaml:8:31: warning: profiles.0.allocationRatios.VCPU: profile p16: VCPU: allocationRatio 0 leaves no capacity",
      "model.yaml:9:36: warning: profiles.0.units.MEMORY_MB.minUnit: profile p16: MEMORY_MB: minUnit 8 > maxUnit 4: no allocation of this class fits",
    ]);
    expect(modelErrors(TINY_MODEL.replace("diskGb: 500", "diskGb: 500\n    allocationRatios: { VCPU: -1 }"))).toEqual([
      "model.yaml:8:31: profiles.0.allocationRatios.VCPU: Expected a value greater than or equal to 0, got -1",
    ]);
  });

  it("rejects reserved above total", () => {
    const text = TINY_MODEL.replace("diskGb: 500", "diskGb: 500\n    reserved: { MEMORY_MB: 70000 }");
    expect(modelErrors(text)).toEqual([
      "model.yaml:8:28: profiles.0.reserved.MEMORY_MB: reserved MEMORY_MB (70000) is greater than the total (65536)",
    ]);
  });

  it("rejects duplicate ids and unknown profiles", () => {
    const text = TINY_MODEL.replace("- { id: big,", "- { id: small,").replace("hosts: [{ profile: p16, count: 2 }]", "hosts: [{ profile: p32, count: 2 }]");
    expect(modelErrors(text)).toEqual([
      'model.yaml:16:28: zones.1.racks.0.hosts.0.profile: unknown host profile "p32"; defined profiles: p16',
      'model.yaml:19:11: flavours.1.id: duplicate id "small" (first defined at flavours.0)',
    ]);
  });

  it("warns about a flavour that fits no host profile", () => {
    const text = TINY_MODEL.replace("{ id: big, vcpus: 16", "{ id: big, vcpus: 32");
    const result = loadModel(memoryReader({ "model.yaml": text }), "model.yaml");
    expect(result.ok && result.value.warnings).toEqual([
      'model.yaml:19:11: warning: flavours.1.id: flavour "big" fits no host profile even on an empty host',
    ]);
  });
});

describe("formatInputIssue", () => {
  it("keeps an issue on one line when its path or message echoes a line break from the input", () => {
    const line = formatInputIssue({ file: "a.yaml", line: 3, column: 5, path: "profiles.0.line\nbreak", message: 'unknown field "line\nbreak\r"', severity: "error" });
    expect(line).toBe('a.yaml:3:5: profiles.0.line\\nbreak: unknown field "line\\nbreak\\r"');
    expect(line.split("\n")).toHaveLength(1);
  });
});
