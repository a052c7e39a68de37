/**
 * The shipped fault scenarios (scenarios/faults) on the small lab model run with every expectation
 * met, and their reports carry the availability section (report.md and report.html); the year on
 * the regional site is left to npm start and the `faults` benchmark (seconds per run).
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeReader } from "../cli/node-reader.js";
import { loadChartKit, renderRunFiles } from "../report/index.js";
import { checkPolicyRef, formatInputIssue, loadScenario, runScenario } from "../scenario/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const reader = nodeReader(ROOT);
const kit = await loadChartKit();

function load(file: string) {
  const r = loadScenario(reader, join(ROOT, file), checkPolicyRef);
  if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
  return r.value;
}

describe("scenarios/faults", () => {
  for (const name of ["rack-power-loss", "zone-outage", "flapping-host"]) {
    it(`${name} meets its expectations and reports availability`, () => {
      const result = runScenario(load(`scenarios/faults/${name}.yaml`));
      expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
      const files = renderRunFiles(result, kit);
      expect(files.get("report.md")).toContain("## Availability");
      expect(files.get("report.md")).toMatch(/Doctor: fault → consumer notified \| MET/);
      expect(files.get("report.html")).toContain("<h2>Availability</h2>");
    });
  }

  it("the rack power loss correlates every alarm to the PDU's root-cause alarm", () => {
    const a = runScenario(load("scenarios/faults/rack-power-loss.yaml")).summary.availability!;
    expect(a.alarms.raisedByType).toMatchObject({ PDU: 1, COMPUTE_HOST: 10 });
    expect(a.servers.lost).toBe(0);
    expect(a.evacuations.succeeded).toBe(a.evacuations.started);
  });
});
