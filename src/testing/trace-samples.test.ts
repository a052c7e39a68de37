/**
 * The shipped sample traces (scenarios/traces/) are what the generator writes, each reads back
 * without a bad row, and the shipped replay scenario meets its expectations.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TRACE_FORMATS, textLineSource, TraceReader } from "../ingest/index.js";
import { fileLines } from "../lib/index.js";
import { nodeReader } from "../cli/node-reader.js";
import { checkPolicyRef, checkTraces, formatInputIssue, loadScenario, runScenario } from "../scenario/index.js";
import { SAMPLE_FILES, sampleTrace } from "./trace-samples.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

describe("sample traces", () => {
  for (const format of TRACE_FORMATS) {
    it(`${SAMPLE_FILES[format]} (${format}) is the generator's and reads 200 servers back`, () => {
      const text = readFileSync(join(ROOT, "scenarios/traces", SAMPLE_FILES[format]), "utf8");
      expect(text).toBe(sampleTrace(format));
      const reader = new TraceReader(textLineSource(text), { format, fromS: 0, toS: undefined, tenants: undefined, skipBadRows: false });
      while (reader.next() !== undefined);
      expect(reader.counts).toMatchObject({ badRows: 0, creates: 200 });
    });
  }

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
