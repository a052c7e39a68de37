/**
 * Sweep axes over fields of the scenario and model documents: paths found (ids, tenants, indices, *),
 * values with units, and every problem placed at the sweep axis or value with what makes it invalid.
 */
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { formatInputIssue } from "../load/input-issue.js";
import { loadScenario } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";
import { locateSweepPath, splitSweepPath } from "./sweep-path.js";
import { unitRangeValues } from "./sweep-grid.js";

const policies = (ref: unknown) => (ref === "spread" || ref === "pack" ? undefined : `unknown policy ${JSON.stringify(ref)}`);

function load(sweep: string) {
  return loadScenario(memoryReader({ "s.yaml": `${TINY_SCENARIO}sweep:\n${sweep}`, "model.yaml": TINY_MODEL }), "s.yaml", policies);
}
const errors = (sweep: string): string[] => {
  const r = load(sweep);
  return r.ok ? [] : r.issues.map(formatInputIssue);
};

describe("sweep field paths", () => {
  it("splits dotted and bracketed paths", () => {
    expect(splitSweepPath("model.zones[az1].racks[*].hosts.0.count")).toEqual(["model", "zones", "az1", "racks", "*", "hosts", "0", "count"]);
    expect(splitSweepPath("workload.streams[web.v2].lifetime")).toEqual(["workload", "streams", "web.v2", "lifetime"]);
    expect(splitSweepPath("a..b")).toBeUndefined();
    expect(splitSweepPath("a[b")).toBeUndefined();
  });

  it("finds fields by id, tenant, index and *, with their kind", () => {
    const scenario = { workload: { streams: [{ tenant: "t1", arrivals: { rate: "30/h" }, lifetime: { mean: "2h" } }] } };
    const model = { zones: [{ id: "az1", racks: [{ id: "r1", hosts: [{ profile: "p16", count: 3 }] }, { id: "r2", hosts: [{ profile: "p16", count: 1 }] }] }] };
    const at = (text: string) => locateSweepPath(text, scenario, model);
    expect(at("workload.streams.t1.arrivals.rate")).toEqual({ ok: true, axis: { root: "scenario", targets: [["workload", "streams", 0, "arrivals", "rate"]], kind: "rate" } });
    expect(at("workload.streams.0.lifetime.mean")).toMatchObject({ ok: true, axis: { kind: "duration" } });
    expect(at("model.zones.az1.racks[*].hosts.p16.count")).toEqual({
      ok: true,
      axis: { root: "model", targets: [["zones", 0, "racks", 0, "hosts", 0, "count"], ["zones", 0, "racks", 1, "hosts", 0, "count"]], kind: "number" },
    });
    expect(at("workload.rateMultiplier")).toMatchObject({ ok: true, axis: { kind: "absent" } });
  });

  it("says what is wrong with a path: unknown field with the fields there, unknown element, not a number", () => {
    const scenario = { workload: { streams: [{ tenant: "t1", arrivals: { kind: "poisson", rate: "30/h" } }] } };
    const message = (text: string) => {
      const r = locateSweepPath(text, scenario, {});
      return r.ok ? "" : r.message;
    };
    expect(message("workload.streams.t1.arival.rate")).toBe('cannot sweep "workload.streams.t1.arival.rate": workload.streams.0 has no field "arival"; its fields: tenant, arrivals');
    expect(message("workload.streams.du.arrivals.rate")).toBe('cannot sweep "workload.streams.du.arrivals.rate": no element of workload.streams is named "du"; its elements: t1 (or give an index, or * for all)');
    expect(message("workload.streams.t1.arrivals")).toBe('cannot sweep "workload.streams.t1.arrivals": it holds a mapping, not a number, duration or rate; numeric fields below it: workload.streams.t1.arrivals.rate');
    expect(message("workload.streams.t1.tenant")).toBe('cannot sweep "workload.streams.t1.tenant": it holds "t1", not a number, duration or rate');
    expect(message("seed")).toMatch(/^seed cannot be swept/);
  });

  it("expands ranges with units in that unit", () => {
    expect(unitRangeValues("10/h", "40/h", "10/h")).toEqual(["10/h", "20/h", "30/h", "40/h"]);
    expect(unitRangeValues("30m", "90m", "30m")).toEqual(["30m", "60m", "90m"]);
    expect(unitRangeValues("10/h", "1/m", "10/h")).toMatch(/^give from, to and step in one unit/);
  });
});

describe("sweeps over fields, resolved", () => {
  it("gives each point its own resolved stream rate, model and lifetime", () => {
    const r = load(`  parameters:
    - { path: workload.streams.t1.arrivals.rate, range: { from: 30/h, to: 90/h, step: 60/h } }
    - { path: model.zones.az1.racks.r1.hosts.p16.count, values: [1, 4] }
    - { path: workload.rateMultiplier, values: [1, 2] }
  maximise: workload.streams.t1.arrivals.rate
`);
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    const sweep = r.value.sweep!;
    expect(sweep.direction).toBe("max");
    expect(sweep.points.map((p) => p.values)).toEqual([[ "30/h", 1, 1 ], [ "30/h", 1, 2 ], [ "30/h", 4, 1 ], [ "30/h", 4, 2 ], [ "90/h", 1, 1 ], [ "90/h", 1, 2 ], [ "90/h", 4, 1 ], [ "90/h", 4, 2 ]]);
    const rate = (i: number) => { const a = sweep.points[i]!.spec.streams[0]!.arrivals; return a.kind === "poisson" ? a.ratePerMs * 3_600_000 : NaN; };
    expect([0, 1, 4, 5].map(rate).map((x) => Math.round(x))).toEqual([30, 60, 90, 180]);
    expect(sweep.points.map((p) => p.spec.model.hosts.length)).toEqual([3, 3, 6, 6, 3, 3, 6, 6]);
    // Common random numbers: the stream keeps its id (its RNG stream name) at every point.
    expect(new Set(sweep.points.map((p) => p.spec.streams[0]!.id))).toEqual(new Set(["t1#0"]));
    expect(sweep.points.every((p) => p.spec.seed === r.value.seed && p.spec.sweep === undefined)).toBe(true);
  });

  it("places an unknown path at the axis path and a value of the wrong unit at the value", () => {
    expect(
      errors(`  parameters:
    - { path: workload.streams.du.arrivals.rate, values: [10/h] }
    - { path: workload.streams.t1.lifetime.mean, values: [1h, 30/h] }
    - { path: workload.streams.t1.tenant, values: [1] }
`),
    ).toEqual([
      's.yaml:17:15: sweep.parameters.0.path: cannot sweep "workload.streams.du.arrivals.rate": no element of workload.streams is named "du"; its elements: t1 (or give an index, or * for all)',
      's.yaml:18:63: sweep.parameters.1.values.1: expected a duration with a unit (ms, s, m, h, d), e.g. "30s"; got "30/h" (workload.streams.t1.lifetime.mean is a duration)',
      's.yaml:19:15: sweep.parameters.2.path: cannot sweep "workload.streams.t1.tenant": it holds "t1", not a number, duration or rate',
    ]);
  });

  it("places a value that makes a point invalid at that value, quoting the problem and where it arises", () => {
    expect(
      errors(`  parameters:
    - { path: model.zones.az1.racks.r1.hosts.*.count, values: [2, 0] }
    - { path: workload.rateMultiplier, values: [1, -2] }
`),
    ).toEqual([
      "s.yaml:17:67: sweep.parameters.0.values.1: model.zones.az1.racks.r1.hosts.*.count=0 makes point 3 (model.zones.az1.racks.r1.hosts.*.count=0, workload.rateMultiplier=1) invalid: model.yaml:12:40: zones.0.racks.0.hosts.0.count: Expected a value greater than 0, got 0",
      "s.yaml:18:52: sweep.parameters.1.values.1: workload.rateMultiplier=-2 makes point 2 (model.zones.az1.racks.r1.hosts.*.count=2, workload.rateMultiplier=-2) invalid: s.yaml:8:3: workload.rateMultiplier: Expected a value greater than 0, got -2",
    ]);
  });
});
