/**
 * The README's first study cannot drift from what nfvtwin does: its YAML blocks are the shipped files
 * (models/vran-site.yaml, scenarios/study/du-load.yaml, the sweep's additions in du-sweep.yaml), and
 * the figures it quotes are what a run of them prints.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../scenario/index.js";
import { REPO_ROOT } from "./cli-process.js";
import { loadShipped } from "./shipped-scenario.js";

const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
const shipped = (file: string): string => readFileSync(join(REPO_ROOT, file), "utf8").trimEnd();
/** The first ```yaml block after `marker`. */
function yamlAfter(marker: string): string {
  const at = readme.indexOf(marker);
  expect(at, `README has "${marker}"`).toBeGreaterThanOrEqual(0);
  const m = /```yaml\n([\s\S]*?)\n```/.exec(readme.slice(at));
  return m![1]!;
}

describe("the README's first study", () => {
  it("shows the shipped model and scenario, as a user writes them side by side", () => {
    expect(yamlAfter("**1. The site.**")).toBe(shipped("models/vran-site.yaml"));
    expect(yamlAfter("**2. The load.**")).toBe(shipped("scenarios/study/du-load.yaml").replace("model: ../../models/vran-site.yaml", "model: vran-site.yaml"));
    const sweep = shipped("scenarios/study/du-sweep.yaml");
    for (const line of yamlAfter("**5. Sweep for the answer.**").split("\n")) expect(sweep).toContain(line);
  });

  it("quotes the headline and the binding resource a run prints", () => {
    const result = runScenario(loadShipped("scenarios/study/du-load.yaml"));
    const headline = result.headline;
    expect(readme).toContain(`# ${headline} -> reports/du-load`);
    expect(readme).toContain(`| requests | ${result.summary.requests.measured} | ${result.summary.requests.placed} | ${result.summary.requests.rejected} |`);
    expect(result.summary.bindingResource?.class).toBe("GPU");
    expect(readme).toContain(`Binding resource: GPU (named in ${result.summary.requests.rejected} of ${result.summary.requests.rejected} rejected requests)`);
  });

  it("sweeps the same load as the run it explains", () => {
    const run = loadShipped("scenarios/study/du-load.yaml");
    const sweep = loadShipped("scenarios/study/du-sweep.yaml");
    expect(sweep.streams).toEqual(run.streams);
    expect(sweep.streams.length).toBe(2);
  });
});
