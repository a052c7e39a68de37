/**
 * Trace replay through the real runner: a generated trace's rows arrive exactly at their windowed,
 * scaled times; superposition and thinning scale demand reproducibly; delete events end servers;
 * traces are checked before a run (missing file, bad rows at file:line) or their bad rows skipped.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryLines, writeTrace, type TraceCreate } from "../../ingest/index.js";
import { slotModel, specFrom } from "../../testing/scenario-files.js";
import { checkTraces } from "../load/check-traces.js";
import { loadScenario } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";
import { checkPolicyRef } from "../runner/selector.js";
import { copiesAndKeep, mapTraceStreams } from "../resolve/traces.js";
import { runScenario } from "../runner/runner.js";

const scenario = (trace: string, stop = "stop: { horizon: 10d }") => `kind: Scenario
name: replay
model: model.yaml
${stop}
workload:
  traces:
    - id: tr
      file: trace.csv
      tenant: t
${trace.replace(/^/gm, "      ")}
output: { trace: true }
`;

const run = (trace: string, text: string, stop?: string) => runScenario(specFrom(scenario(trace, stop), slotModel(8, 64)), { openTrace: memoryLines({ "trace.csv": text }) });
const allocationTimes = (r: ReturnType<typeof run>) => r.records.filter((x) => x.op === "allocate").map((x) => x.timeMs);

const create = (timeS: number, lifeS: number | undefined, tenant = "a"): TraceCreate => ({ kind: "create", id: "", timeS, endS: lifeS === undefined ? undefined : timeS + lifeS, vcpus: 1, ramMb: 1, flavour: undefined, tenant, group: "" });

describe("trace replay", () => {
  it("replays exactly the rows within the window, at (time − from) × timeScale", () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 86_400 }), fc.option(fc.integer({ min: 0, max: 3600 }), { nil: undefined })), { maxLength: 40 });
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 50_000 }), fc.constantFrom(1, 0.5, 2), (raw, fromS, spanS, scale) => {
        const events = raw.map(([t, life]) => create(t, life)).sort((a, b) => a.timeS - b.timeS);
        const text = writeTrace("csv", events);
        const result = run(`format: csv\ntimeWindow: { from: ${fromS}s, to: ${fromS + spanS}s }\ntimeScale: ${scale}\nsizeMapping: exactSize`, text);
        const expected = events.filter((e) => e.timeS >= fromS && e.timeS < fromS + spanS).map((e) => Math.round((e.timeS - fromS) * 1000 * scale));
        expect(allocationTimes(result)).toEqual(expected);
        expect(result.summary.requests.arrivals).toBe(expected.length);
      }),
      { numRuns: 25 },
    );
  });

  it("with aliveAtStart, servers alive at the window's start start at 0 with what is left of their lifetime", () => {
    const text = writeTrace("csv", [create(0, 50), create(10, 200), create(20, undefined), create(150, 30)]);
    const r = run("format: csv\ntimeWindow: { from: 100s, aliveAtStart: true }", text);
    expect(allocationTimes(r)).toEqual([0, 0, 50_000]);
    expect(r.records.filter((x) => x.op === "terminate").map((x) => x.timeMs)).toEqual([80_000, 110_000]);
    expect(r.summary.traces?.["tr"]).toMatchObject({ rowsBeforeWindow: 1, rowsAliveAtStart: 2 });
    expect(allocationTimes(run("format: csv\ntimeWindow: { from: 100s }", text))).toEqual([50_000]);
  });

  it("superposed, thinned copies give replicate × sample × rateMultiplier of the demand, the same on every run", () => {
    expect(copiesAndKeep(2, 0.65, 1)).toEqual({ copies: 2, keep: 0.65 });
    expect(copiesAndKeep(1, 1, 1.3)).toEqual({ copies: 2, keep: 0.65 });
    expect(copiesAndKeep(1, 0.5, 0.5)).toEqual({ copies: 1, keep: 0.25 });
    const text = writeTrace("csv", Array.from({ length: 400 }, (_, i) => create(i * 60, 600)));
    const a = run("format: csv\nreplicate: 3\nsample: 0.5", text);
    expect(Math.abs(a.summary.requests.arrivals - 600)).toBeLessThan(5 * Math.sqrt(600 * 0.25));
    expect(run("format: csv\nreplicate: 3\nsample: 0.5", text).summary.requests.arrivals).toBe(a.summary.requests.arrivals);
    expect(a.summary.traces?.["tr"]).toMatchObject({ creates: 400, copies: 3, keepProbability: 0.5, requests: a.summary.requests.arrivals });
  });

  it("a Huawei delete event ends the server it names; the tenant filter keeps only its tenants' rows", () => {
    const huawei = "vmid,cpu,memory,time,type\nv1,1,0,10,0\nv2,1,0,20,0\nv1,1,0,100,1\n";
    const r = run("format: huawei\nsizeMapping: exactSize", huawei);
    const ends = r.records.filter((x) => x.op === "terminate").map((x) => x.timeMs);
    expect(ends).toEqual([100_000]);
    const csv = writeTrace("csv", [create(0, 10, "a"), create(5, 10, "b"), create(6, 10, "a")]);
    const filtered = run("format: csv\ntenants: [a]", csv);
    expect(allocationTimes(filtered)).toEqual([0, 6000]);
    expect(filtered.summary.traces?.["tr"]?.rowsOtherTenants).toBe(1);
  });

  it("maps sizes to the smallest fitting flavour and counts what maps to none", () => {
    const text = writeTrace("csv", [create(0, 10), { ...create(1, 10), vcpus: 99 }]);
    const r = run("format: csv", text);
    expect(r.summary.traces?.["tr"]?.mapping).toEqual([
      { size: "1 vCPU / 1 MB", flavour: "one", rows: 1 },
      { size: "99 vCPU / 1 MB", flavour: "none", rows: 1 },
    ]);
    expect(r.summary.traces?.["tr"]?.rowsUnmapped).toBe(1);
  });

  it("a sweep of workload.rateMultiplier grows a replayed trace: more copies, each thinned, paths resolved at every point", () => {
    const text = scenario("format: csv").replace("output: { trace: true }", "sweep:\n  parameters:\n    - { path: workload.rateMultiplier, values: [1, 1.3, 2] }\noutput: { trace: true }");
    const loaded = loadScenario(memoryReader({ "dir/s.yaml": text, "dir/model.yaml": slotModel(1, 8) }), "dir/s.yaml", checkPolicyRef);
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
    const points = loaded.value.sweep!.points.map((p) => p.spec.traces![0]!);
    expect(points.map((t) => [t.copies, t.keep, t.file])).toEqual([
      [1, 1, "dir/trace.csv"],
      [2, 0.65, "dir/trace.csv"],
      [2, 1, "dir/trace.csv"],
    ]);
  });

  it("the run digest does not depend on where the scenario and its trace are", () => {
    const text = writeTrace("csv", [create(0, 10), create(5, 20)]);
    const at = (folder: string) => {
      const loaded = loadScenario(memoryReader({ [`${folder}/s.yaml`]: scenario("format: csv"), [`${folder}/model.yaml`]: slotModel(1, 8) }), `${folder}/s.yaml`, checkPolicyRef);
      if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join("\n"));
      return runScenario(loaded.value, { openTrace: memoryLines({ [`${folder}/trace.csv`]: text }) }).summary.run.digest;
    };
    expect(at("here")).toBe(at("elsewhere/deeper"));
  });

  it("checks the trace before a run: a missing file where the scenario names it, bad rows at file:line, or skips them", () => {
    const spec = specFrom(scenario("format: csv"), slotModel(1, 8));
    expect(checkTraces(spec, memoryLines({}))).toEqual([{ file: "s.yaml", line: 8, column: 13, path: "workload.traces.0.file", message: "cannot read the trace trace.csv: no such file", severity: "error" }]);
    const bad = "time,vcpus,ramMb,lifetime\n0,1,1,10\n5,x,1,10\n4,1,1,10\n";
    expect(checkTraces(spec, memoryLines({ "trace.csv": bad })).map((i) => `${i.file}:${i.line}: ${i.message}`)).toEqual([
      'trace.csv:3: vcpus is not a positive number: "x"',
    ]);
    const skipping = mapTraceStreams(spec, (t) => ({ ...t, skipBadRows: true }));
    expect(checkTraces(skipping, memoryLines({ "trace.csv": bad }))).toEqual([]);
    const r = runScenario(skipping, { openTrace: memoryLines({ "trace.csv": bad }) });
    expect(r.summary.traces?.["tr"]).toMatchObject({ badRowsSkipped: 1, requests: 2 });
  });
});
