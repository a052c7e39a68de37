/**
 * The shipped reservation scenarios meet the expectations their comments promise, their summaries
 * carry the reservations section (occupancy sampled), and a scenario without reservations has none.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeReader } from "../cli/node-reader.js";
import { checkPolicyRef, formatInputIssue, loadScenario, runScenario } from "../scenario/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const reader = nodeReader(ROOT);

function run(file: string) {
  const r = loadScenario(reader, join(ROOT, file), checkPolicyRef);
  if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
  return runScenario(r.value);
}

describe("reservation scenarios", () => {
  for (const name of ["back-to-back-leases", "burst-vs-reserved", "expire-unused"]) {
    it(`${name} meets its expectations`, () => {
      const result = run(`scenarios/reservation/${name}.yaml`);
      expect(result.expectations.length).toBeGreaterThan(0);
      expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
      const occupancy = result.summary.reservations?.occupancy ?? [];
      expect(occupancy.length).toBeGreaterThan(1);
      expect(occupancy.some((o) => o.reservedVcpu > 0)).toBe(true);
      for (const o of occupancy) expect(o.boundVcpu).toBeLessThanOrEqual(o.reservedVcpu);
    });
  }

  it("runs the same twice (same digest) and leaves scenarios without reservations without the section", () => {
    const a = run("scenarios/reservation/back-to-back-leases.yaml");
    const b = run("scenarios/reservation/back-to-back-leases.yaml");
    expect(a.summary.run.digest).toBe(b.summary.run.digest);
    expect(run("scenarios/demo/hello-lab.yaml").summary.reservations).toBeUndefined();
  });
});
