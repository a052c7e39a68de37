/** summary.json against its JSON Schema: the shipped scenarios' summaries conform, and the check can fail. */
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeReader } from "../cli/node-reader.js";
import { checkPolicyRef, loadScenario, runScenario } from "../scenario/index.js";
import { fileLines } from "../lib/index.js";
import { loadChartKit, renderRunFiles, SUMMARY_JSON_SCHEMA } from "../report/index.js";
import { TINY_MODEL, TINY_SCENARIO } from "./fixtures.js";
import { schemaViolations } from "./json-schema-check.js";
import { specFrom } from "./scenario-files.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const reader = nodeReader(ROOT);
/** Models this large take seconds per run; their summaries have the same shape as the small ones'. */
const MAX_HOSTS = 200;

const scenarioFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? scenarioFiles(join(dir, e.name)) : e.name.endsWith(".yaml") ? [join(dir, e.name)] : []));

/** summary.json as written (bytes parsed back), not the in-memory object. */
const writtenSummary = (files: Map<string, string>): unknown => JSON.parse(files.get("summary.json")!);

const kit = await loadChartKit();

describe("summary.json schema (nfvtwin.summary/2)", () => {
  for (const file of scenarioFiles(join(ROOT, "scenarios")).sort()) {
    const loaded = loadScenario(reader, file, checkPolicyRef);
    if (!loaded.ok || loaded.value.model.hosts.length > MAX_HOSTS) continue;
    it(`${reader.display(file)}: summary.json conforms`, () => {
      const spec = loaded.value.variants[0]?.spec ?? loaded.value;
      expect(schemaViolations(writtenSummary(renderRunFiles(runScenario(spec, { openTrace: fileLines }), kit)), SUMMARY_JSON_SCHEMA)).toEqual([]);
    });
  }

  it("the check finds a missing field, a wrong type and an unknown key", () => {
    const summary = writtenSummary(renderRunFiles(runScenario(specFrom(TINY_SCENARIO, TINY_MODEL)), kit)) as Record<string, Record<string, unknown>>;
    delete summary["run"]!["digest"];
    summary["requests"]!["placed"] = "many";
    summary["extra"] = {};
    expect(schemaViolations(summary, SUMMARY_JSON_SCHEMA)).toEqual(["$.requests.placed: expected integer, got string", "$.run: missing digest", "$: unexpected extra"]);
  });
});
