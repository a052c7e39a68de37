/**
 * The shipped sample traces (scenarios/traces/) are what the generator writes, each reads back
 * without a bad row, and the shipped replay scenario meets its expectations.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TRACE_FORMATS, textLineSource, TraceReader, type TraceEvent } from "../ingest/index.js";
import { fileLines, loadSqliteEngine, sqliteLines } from "../lib/index.js";
import { nodeReader } from "../cli/node-reader.js";
import { checkPolicyRef, checkTraces, formatInputIssue, loadScenario, runScenario } from "../scenario/index.js";
import { generateCreates, SAMPLE_FILES, SAMPLE_PACKING_MACHINE, sampleTrace } from "./trace-samples.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

describe("sample traces", () => {
  for (const format of TRACE_FORMATS.filter((f) => f !== "azure-packing")) {
    it(`${SAMPLE_FILES[format]} (${format}) is the generator's and reads 200 servers back`, () => {
      const text = readFileSync(join(ROOT, "scenarios/traces", SAMPLE_FILES[format]), "utf8");
      expect(text).toBe(sampleTrace(format));
      const reader = new TraceReader(textLineSource(text), { format, fromS: 0, toS: undefined, tenants: undefined, skipBadRows: false });
      while (reader.next() !== undefined);
      expect(reader.counts).toMatchObject({ badRows: 0, creates: 200 });
    });
  }

  it(`${SAMPLE_FILES["azure-packing"]} (azure-packing, SQLite) holds the generator's 200 servers`, async () => {
    await loadSqliteEngine();
    const lines = sqliteLines(join(ROOT, "scenarios/traces", SAMPLE_FILES["azure-packing"]));
    if ("error" in lines) throw new Error(lines.error);
    const reader = new TraceReader(lines, { format: "azure-packing", machine: SAMPLE_PACKING_MACHINE, fromS: 0, toS: undefined, tenants: undefined, skipBadRows: false });
    const read: TraceEvent[] = [];
    for (let s = reader.next(); s !== undefined; s = reader.next()) if ("event" in s) read.push(s.event);
    expect(reader.counts).toMatchObject({ badRows: 0, creates: 200 });
    // Days back to seconds: equal up to float dust. Rows are read by starttime, then vmId.
    const seconds = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 1000) / 1000);
    const norm = (e: TraceEvent) => (e.kind === "create" ? { ...e, timeS: seconds(e.timeS), endS: seconds(e.endS), group: "" } : e);
    expect(read.map(norm)).toEqual(generateCreates(19, 200, 2).map(norm));
  });

  it("scenarios/site/trace-replay.yaml meets its expectations", () => {
    const reader = nodeReader(ROOT);
    const loaded = loadScenario(reader, join(ROOT, "scenarios/site/trace-replay.yaml"), checkPolicyRef);
    if (!loaded.ok) throw new Error(loaded.issues.map(formatInputIssue).join("\n"));
    expect(checkTraces(loaded.value, fileLines)).toEqual([]);
    const result = runScenario(loaded.value, { openTrace: fileLines });
    expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
    expect(result.summary.traces?.["azure"]?.mapping.length).toBeGreaterThan(0);
  });
});
