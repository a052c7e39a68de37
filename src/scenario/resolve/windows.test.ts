/**
 * `windows:` and `faults.windows` at load time: good input resolves (sorted, automatic windows named
 * storm-<n> and maintenance-<n>), bad input is reported with file:line:column and the field's path,
 * and expectations and sweeps may name a window's metrics (with precise errors when they cannot).
 */
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { formatInputIssue } from "../load/input-issue.js";
import { loadScenario } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";
import { metricPathProblem } from "./metric-paths.js";

function load(extra: string, scenario = TINY_SCENARIO) {
  const text = scenario.replace("output:", `${extra}\noutput:`);
  return loadScenario(memoryReader({ "s.yaml": text, "model.yaml": TINY_MODEL }), "s.yaml", () => undefined);
}
const errors = (extra: string, scenario?: string): string[] => {
  const r = load(extra, scenario);
  return r.ok ? [] : r.issues.map(formatInputIssue);
};

describe("windows: good input", () => {
  it("resolves written and automatic windows, sorted by name", () => {
    const r = load(["windows:", "  outage: { from: 2h, to: 3h }", "  early: { from: 0s, to: 30m }", "faults:", "  storms:", "    - { at: 2h, domain: rack, zone: az1, racks: [r1], timeToRepair: 1h }", "  maintenance:", "    - { at: 4h, duration: 1h, hosts: [az2-r1-h001] }", "  windows: true"].join("\n"));
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    expect(r.value.windows).toEqual([
      { name: "early", source: "scenario", fromMs: 0, toMs: 1_800_000 },
      { name: "maintenance-0", source: "maintenance", fromMs: 14_400_000, toMs: 18_000_000 },
      { name: "outage", source: "scenario", fromMs: 7_200_000, toMs: 10_800_000 },
      { name: "storm-0", source: "storm", fromMs: 7_200_000, toMs: undefined, storm: 0 },
    ]);
  });

  it("leaves a scenario without windows as it was (no windows key in its RunSpec)", () => {
    const r = load("");
    expect(r.ok && !("windows" in r.value)).toBe(true);
  });
});

describe("windows: bad input is reported with positions", () => {
  it("a window that ends before it starts, after the horizon, a name with a dot, an unknown field", () => {
    expect(errors(["windows:", "  odd: { from: 0s, to: 1h, at: 2h }"].join("\n"))).toEqual(['s.yaml:15:28: windows.odd.at: unknown field "at"']);
    expect(errors(["windows:", "  back: { from: 3h, to: 2h }", "  long: { from: 5h, to: 7h }", "  a.b: { from: 0s, to: 1h }"].join("\n"))).toEqual([
      "s.yaml:15:25: windows.back.to: a window ends after it starts: to (2h) must be after from (3h)",
      "s.yaml:16:25: windows.long.to: the window ends after the run: to (7h) must be at most stop.horizon (6h)",
      "s.yaml:17:8: windows.a.b: expected a window name (letters, digits, '_', '-', ':'; no '.', at most 100 characters), got \"a.b\": expectations name a window as windows.<name>.…",
    ]);
  });

  it("a window inside a timed warm-up, a name taken by an automatic window, windows: true without storms", () => {
    const warm = TINY_SCENARIO.replace("placement:", "warmup: { duration: 1h }\nplacement:");
    expect(errors(["windows:", "  early: { from: 0s, to: 1h }"].join("\n"), warm)).toEqual([
      "s.yaml:16:10: windows.early: the window ends before the warm-up does (warmup.duration 1h): nothing in it is measured",
    ]);
    const clash = ["windows:", "  storm-0: { from: 0s, to: 1h }", "faults:", "  storms:", "    - { at: 2h, domain: host, hosts: [az1-r1-h001], timeToRepair: 1h }", "  windows: true"].join("\n");
    expect(errors(clash)).toEqual(['s.yaml:15:12: windows.storm-0: "storm-0" names the automatic window of faults.storms.0 (faults.windows: true); choose another name']);
    const none = ["faults:", "  processes:", "    - { domain: host, timeToFailure: 30d, timeToRepair: 1h }", "  windows: true"].join("\n");
    expect(errors(none)[0]).toMatch(/^s\.yaml:17:12: faults\.windows: windows: true gives a window per storm and per maintenance window, and this section has neither/);
  });

  it("expectations name a window's metrics; an unknown window or field is named precisely", () => {
    const ok = ["windows:", "  outage: { from: 2h, to: 3h }", "expect:", "  - { metric: windows.outage.requests.rejectionRate, max: 0.1 }", "  - { metric: windows.outage.utilisation.VCPU.peakUtilisation, max: 1 }"].join("\n");
    expect(errors(ok)).toEqual([]);
    const bad = ["windows:", "  outage: { from: 2h, to: 3h }", "expect:", "  - { metric: windows.outgae.requests.rejectionRate, max: 0.1 }", "  - { metric: windows.outage.rejectionRate, max: 0.1 }"].join("\n");
    const found = errors(bad);
    expect(found[0]).toBe('s.yaml:17:15: expect.0.metric: unknown window "outgae" in metric "windows.outgae.requests.rejectionRate"; windows: outage');
    expect(found[1]).toMatch(/^s\.yaml:18:15: expect\.1\.metric: unknown metric "windows\.outage\.rejectionRate"; window metrics: windows\.<name>\.requests\.<measured\|placed\|rejected\|rejectionRate>, windows\.<name>\.servers\.<requested\|placed\|rejected\|rejectionRate>/);
  });
});

describe("window metric paths", () => {
  it("accepts every documented field of a known window, and nothing of an unknown one", () => {
    for (const ok of ["windows.w.fromMs", "windows.w.measuredToMs", "windows.w.servers.rejected", "windows.w.utilisation.PCPU.meanCapacity", "windows.w.availability.hostAvailability", "windows.w.accelerators.GPU.peakUtilisation", "windows.w.availability.tenants.t1.availability"]) {
      expect(metricPathProblem(ok, { zones: ["az1"], windows: ["w"] })).toBeUndefined();
    }
    for (const bad of ["windows.w", "windows.w.requests", "windows.w.utilisation.GPU.meanUsed", "windows.w.availability.tenants", "windows.w.accelerators.TPU.meanBound", "windows.x.fromMs"]) expect(metricPathProblem(bad, { zones: ["az1"], windows: ["w"] })).toBeDefined();
    expect(metricPathProblem("windows.w.fromMs", { zones: ["az1"] })).toMatch(/the scenario has none \(give windows: or faults\.windows: true\)/);
  });
});
