/** The library's loaders: from memory with positions, and from the file system relative to a folder. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { formatInputIssue, loadScenario, loadScenarioText, memoryReader } from "./index.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-lib-load-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
mkdirSync(join(work, "models"));
mkdirSync(join(work, "scenarios"));
writeFileSync(join(work, "models/tiny.yaml"), TINY_MODEL);
const SCENARIO = TINY_SCENARIO.replace("model: model.yaml", "model: ../models/tiny.yaml");
writeFileSync(join(work, "scenarios/tiny.yaml"), SCENARIO);
writeFileSync(join(work, "scenarios/bad.yaml"), SCENARIO.replace("seed: 9", "seed: 9\ncolour: blue"));

describe("loadScenarioText", () => {
  it("loads a scenario from its text, its model from `files` under the name the scenario gives it", () => {
    const loaded = loadScenarioText(SCENARIO, { file: "scenarios/tiny.yaml", files: { "../models/tiny.yaml": TINY_MODEL }, seed: 4 });
    expect(loaded.ok && { name: loaded.value.name, seed: loaded.value.seed }).toEqual({ name: "tiny-run", seed: 4 });
  });

  it("answers problems with issues at file:line:column, the missing model included", () => {
    const bad = loadScenarioText(SCENARIO.replace("seed: 9", "seed: 9\ncolour: blue"), { file: "s.yaml", files: { "../models/tiny.yaml": TINY_MODEL } });
    expect(bad.ok ? [] : bad.issues.map(formatInputIssue)).toEqual(['s.yaml:5:1: colour: unknown field "colour"']);
    const noModel = loadScenarioText(SCENARIO, { file: "scenarios/s.yaml" });
    expect(noModel.ok ? [] : noModel.issues.map(formatInputIssue)).toEqual([
      "scenarios/s.yaml:3:8: model: the model file models/tiny.yaml has errors (listed below)",
      "models/tiny.yaml:1:1: cannot read file: no such file",
    ]);
  });
});

describe("loadScenario", () => {
  it("reads a scenario and its model relative to `cwd`, naming them relative to it in issues", () => {
    const loaded = loadScenario("scenarios/tiny.yaml", { cwd: work });
    expect(loaded.ok && loaded.value.name).toBe("tiny-run");
    const bad = loadScenario("scenarios/bad.yaml", { cwd: work });
    expect(bad.ok ? [] : bad.issues.map(formatInputIssue)).toEqual(['scenarios/bad.yaml:5:1: colour: unknown field "colour"']);
    const missing = loadScenario(join(work, "scenarios/none.yaml"), { cwd: work });
    expect(missing.ok ? [] : missing.issues.map(formatInputIssue)).toEqual(["scenarios/none.yaml:1:1: cannot read file: no such file"]);
  });

  it("reads through a reader when given one, touching no file system", () => {
    const loaded = loadScenario("s/tiny.yaml", { reader: memoryReader({ "s/tiny.yaml": SCENARIO, "models/tiny.yaml": TINY_MODEL }), seed: 11 });
    expect(loaded.ok && loaded.value.seed).toBe(11);
  });
});
