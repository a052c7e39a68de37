import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeTrace } from "./formats.js";
import { textLineSource } from "./line-source.js";
import type { TraceCreate, TraceEvent, TraceFormatName } from "./trace-event.js";
import { TraceReader } from "./trace-reader.js";

/** Every event a pass reads from `text`, or the first bad row. */
function readAll(format: TraceFormatName, text: string): TraceEvent[] {
  const reader = new TraceReader(textLineSource(text), { format, fromS: 0, toS: undefined, tenants: undefined, skipBadRows: false });
  const out: TraceEvent[] = [];
  for (let step = reader.next(); step !== undefined; step = reader.next()) {
    if ("bad" in step) throw new Error(`line ${step.line}: ${step.bad}`);
    out.push(step.event);
  }
  return out;
}

const ids = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 20 });
const name = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);

/** Creates sorted by time, with sizes the format can express. */
function creates(sizes: fc.Arbitrary<{ vcpus: number; ramMb: number | undefined }>, withEnd: boolean, withTenant: boolean) {
  return ids.chain((idList) =>
    fc.tuple(...idList.map((id) => fc.record({ id: fc.constant(id), timeS: fc.integer({ min: 0, max: 1_000_000 }), life: fc.integer({ min: 0, max: 100_000 }), size: sizes, tenant: name, group: name }))).map((rows) =>
      rows
        .sort((a, b) => a.timeS - b.timeS)
        .map(
          (r): TraceCreate => ({
            kind: "create", id: r.id, timeS: r.timeS, endS: withEnd ? r.timeS + r.life : undefined, vcpus: r.size.vcpus, ramMb: r.size.ramMb, flavour: undefined,
            tenant: withTenant ? r.tenant : "", group: withTenant ? r.group : "",
          }),
        ),
    ),
  );
}

const bucketSizes = fc.record({ vcpus: fc.constantFrom(2, 4, 8, 24, 32), ramMb: fc.constantFrom(2, 4, 8, 32, 64, 128).map((g) => g * 1024) });
const gbSizes = fc.record({ vcpus: fc.integer({ min: 1, max: 64 }), ramMb: fc.integer({ min: 0, max: 100 }).map((g) => g * 1024) });
const anySizes = fc.record({ vcpus: fc.integer({ min: 1, max: 64 }), ramMb: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }) });

describe("trace formats round-trip: generate events, write the text, read it back", () => {
  const cases: Array<[TraceFormatName, fc.Arbitrary<TraceEvent[]>]> = [
    ["azure-v2", creates(bucketSizes, true, true)],
    ["alibaba", creates(gbSizes, false, true).map((es) => es.map((e) => ({ ...e, group: e.tenant, cpuMilli: e.vcpus * 1000 })))],
    ["swf", creates(anySizes, true, true).map((es) => es.map((e, i) => ({ ...e, id: String(i + 1), tenant: String(i % 3), group: String(i % 2) })))],
    ["csv", creates(anySizes, true, true)],
    [
      "huawei",
      creates(gbSizes, false, false).map((es) => {
        // A delete for every other server, after its create, the whole list sorted by time (creates first on ties).
        const deletes = es.filter((_, i) => i % 2 === 0).map((e): TraceEvent => ({ kind: "delete", id: e.id, timeS: e.timeS + 10 }));
        return [...es, ...deletes].sort((a, b) => a.timeS - b.timeS || (a.kind === b.kind ? 0 : a.kind === "create" ? -1 : 1));
      }),
    ],
  ];
  for (const [format, events] of cases) {
    it(format, () => {
      fc.assert(fc.property(events, (es) => {
          expect(readAll(format, writeTrace(format, es))).toEqual(es);
        }), { numRuns: 40 });
    });
  }
});

describe("bad rows name their line", () => {
  const reader = (format: TraceFormatName, text: string, skipBadRows = false) => new TraceReader(textLineSource(text), { format, fromS: 0, toS: undefined, tenants: undefined, skipBadRows });
  it.each<[TraceFormatName, string, RegExp]>([
    ["azure-v2", "a,b,c,1,2,0,0,0,Unknown,2\n", /expected 11 comma-separated columns/],
    ["azure-v2", "a,b,c,x,2,0,0,0,Unknown,2,2\n", /vmcreated is not a number/],
    ["azure-v2", "a,b,c,5,2,0,0,0,Unknown,2,2\n", /vmdeleted 2 is before vmcreated 5/],
    ["azure-v2", "a,b,c,1,2,0,0,0,Unknown,3,2\n", /unknown core bucket "3"/],
    ["azure-v2", "a,b,c,1,2,0,0,0,Unknown,2,constructor\n", /unknown memory bucket "constructor"/],
    ["huawei", "vmid,cpu,memory,time,type\nv1,two,4,0,0\n", /cpu is not a positive number/],
    ["swf", "; c\n1 0 0 10 1 -1 -1 1 -1 -1 1 1 1 -1 -1 -1 -1\n", /expected 18 whitespace-separated fields/],
    ["csv", "time,vcpus,end\n5,2,3\n", /end 3 is before time 5/],
    ["csv", "time,cores\n", /unknown column "cores"/],
    ["alibaba", "c1,m1,0,app,started,abc,100,5\n", /cpu_request is not a positive number/],
    ["azure-packing", "1,7,3,0,0.5,,1:0.5:0.5\n", /needs the trace's machine: \{ vcpus, memoryGb \}/],
  ])("%s: %s", (format, text, message) => {
    const step = reader(format, text).next();
    expect(step !== undefined && "bad" in step ? step.bad : "").toMatch(message);
  });
  it.each<[string, RegExp]>([
    ["1,7,3,0,x,,1:0.5:0.5", /starttime is not a number of days/],
    ["1,7,3,0,0.5,0.25,1:0.5:0.5", /endtime 0.25 is before starttime 0.5/],
    ["1,7,3,0,0.5,,1:1.5:0.5", /must be fractions of a machine/],
    ["1,7,3,0,0.5,,", /vmTypeId 3: no vmType row/],
    ["1,7,3,0,0.5", /expected 7 fields/],
  ])("azure-packing row %s", (text, message) => {
    const r = new TraceReader(textLineSource(text), { format: "azure-packing", machine: { id: undefined, vcpus: 8, memoryGb: 32 }, fromS: 0, toS: undefined, tenants: undefined, skipBadRows: false });
    const step = r.next();
    expect(step !== undefined && "bad" in step ? step.bad : "").toMatch(message);
  });

  it("reports the line of a row out of time order, and --skip-bad-rows counts it instead", () => {
    const text = "time,vcpus\n10,1\n5,1\n20,1\n";
    const strict = reader("csv", text);
    expect(strict.next()).toMatchObject({ line: 2 });
    expect(strict.next()).toEqual({ bad: "rows must be sorted by time: 5 comes after 10", line: 3 });
    const lenient = reader("csv", text, true);
    const times: number[] = [];
    for (let s = lenient.next(); s !== undefined; s = lenient.next()) if ("event" in s) times.push(s.event.timeS);
    expect(times).toEqual([10, 20]);
    expect(lenient.counts.badRows).toBe(1);
  });
});
