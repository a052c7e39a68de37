/**
 * Azure Packing 2020 (SQLite) round trip: a tiny database built with sql.js in the test is read back
 * row by row in starttime order (negative start = alive before the collection, NULL end = alive at
 * its end, sizes = fractions × the machine), checked with bad rows at their row, and replayed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TraceReader, type LineSource, type TraceEvent } from "../ingest/index.js";
import { checkTraces } from "../scenario/index.js";
import { runScenario } from "../scenario/index.js";
import { packingDatabase, type PackingRow } from "../testing/packing-db.js";
import { slotModel, specFrom } from "../testing/scenario-files.js";
import { loadSqliteEngine, sqliteLines, traceLines } from "./sqlite-lines.js";

const dir = mkdtempSync(join(tmpdir(), "nfvtwin-packing-"));
const MACHINE = { id: undefined, vcpus: 40, memoryGb: 512 };
const vm = (vmId: number, vmTypeId: number, startDays: number, endDays: number | null, tenantId = 7): PackingRow => ({ vmId, tenantId, vmTypeId, priority: vmId % 2, startDays, endDays });
const TYPES = [
  { vmTypeId: 1, machineId: 2, core: 0.05, memory: 0.015625 },
  { vmTypeId: 1, machineId: 1, core: 0.1, memory: 0.03125 },
  { vmTypeId: 2, machineId: 1, core: 0.5, memory: 0.5 },
];

let good = "";
beforeAll(async () => {
  await loadSqliteEngine();
  // Inserted out of order: the reader sorts by starttime, then vmId.
  const bytes = await packingDatabase([vm(3, 2, 0.5, null), vm(1, 1, -0.25, 1), vm(2, 1, 0.25, 0.5, 8), vm(4, 1, 0.5, 0.75)], TYPES);
  good = join(dir, "packing.sqlite");
  writeFileSync(good, bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = (file: string) => `kind: Scenario
name: packing
model: model.yaml
stop: { horizon: 2d }
workload:
  traces:
    - { id: p, file: ${file}, format: azure-packing, tenant: t, sizeMapping: exactSize, machine: { vcpus: 40, memoryGb: 512 }, timeWindow: { aliveAtStart: true } }
output: { trace: true }
`;

function readAll(lines: LineSource, machine = MACHINE, aliveAtStart = false): TraceEvent[] {
  const reader = new TraceReader(lines, { format: "azure-packing", machine, fromS: 0, toS: undefined, tenants: undefined, skipBadRows: false, aliveAtStart });
  const out: TraceEvent[] = [];
  for (let s = reader.next(); s !== undefined; s = reader.next()) {
    if ("bad" in s) throw new Error(`row ${s.line}: ${s.bad}`);
    out.push(s.event);
  }
  return out;
}

const open = (path: string): LineSource => {
  const lines = sqliteLines(path);
  if ("error" in lines) throw new Error(lines.error);
  return lines;
};

describe("azure-packing traces (SQLite through sql.js)", () => {
  it("reads the vm rows in starttime order, in seconds, sized on the lowest machineId unless one is chosen", () => {
    const created = (id: string, timeS: number, endS: number | undefined, vcpus: number, ramMb: number, tenant = "7"): TraceEvent => ({ kind: "create", id, timeS, endS, vcpus, ramMb, flavour: undefined, tenant, group: "" });
    expect(readAll(open(good), MACHINE, true)).toEqual([
      created("1", -21_600, 86_400, 4, 16_384),
      created("2", 21_600, 43_200, 4, 16_384, "8"),
      created("3", 43_200, undefined, 20, 262_144),
      created("4", 43_200, 64_800, 4, 16_384),
    ]);
    // Machine 2 for type 1 (type 2 has no row on machine 2: a bad row).
    const lines = open(good);
    const reader = new TraceReader(lines, { format: "azure-packing", machine: { id: 2, vcpus: 40, memoryGb: 512 }, fromS: 0, toS: undefined, tenants: undefined, skipBadRows: false });
    expect(reader.next()).toMatchObject({ event: { id: "2", vcpus: 2, ramMb: 8192 } });
    expect(reader.next()).toEqual({ bad: "vmTypeId 2: no vmType row for machineId 2", line: 3 });
    lines.close();
  });

  it("refuses what is not such a database, and a row whose type is unknown, at its row", async () => {
    writeFileSync(join(dir, "text.sqlite"), "vmId,starttime\n");
    expect(sqliteLines(join(dir, "text.sqlite"))).toMatchObject({ error: expect.stringMatching(/^not an Azure Packing SQLite database/) });
    expect(sqliteLines(join(dir, "missing.sqlite"))).toEqual({ error: "no such file" });
    writeFileSync(join(dir, "orphan.sqlite"), await packingDatabase([vm(1, 1, 0, 1), vm(2, 9, 0.1, 1)], TYPES));
    expect(() => readAll(open(join(dir, "orphan.sqlite")))).toThrow("row 2: vmTypeId 9: no vmType row");
    // The pre-run check names the row (its position in starttime order) as a text trace's line.
    const spec = specFrom(scenario("orphan.sqlite"), slotModel(4, 64));
    expect(checkTraces(spec, (_, format) => traceLines(join(dir, "orphan.sqlite"), format)).map((i) => `${i.file}:${i.line}: ${i.message}`)).toEqual(["orphan.sqlite:2: vmTypeId 9: no vmType row"]);
  });

  it("replays through the runner: the pre-run check passes, requests arrive at the rows' times", () => {
    const spec = specFrom(scenario("packing.sqlite"), slotModel(4, 64));
    const openTrace = (_: string, format?: Parameters<typeof traceLines>[1]) => traceLines(good, format);
    expect(checkTraces(spec, openTrace)).toEqual([]);
    const result = runScenario(spec, { openTrace });
    expect(result.records.filter((r) => r.op === "allocate").map((r) => r.timeMs)).toEqual([0, 21_600_000, 43_200_000, 43_200_000]);
    expect(result.summary.traces?.["p"]).toMatchObject({ creates: 4, rowsAliveAtStart: 1, requests: 4 });
  });
});
