/**
 * The fuzzer's fixed budget (issue 15, items 14 and 10): a few hundred cases of mutated and generated
 * inputs through `validate` and `run`, on a fixed seed. Violations listed in known-findings.ts (defects
 * being fixed elsewhere) are tolerated; any other fails the test with its replay command.
 * `npm run fuzz -- --long` runs 10,000 cases; NFVTWIN_FUZZ_CASES / NFVTWIN_FUZZ_SEED change this one.
 */
import { describe, expect, it } from "vitest";
import { runCommandCaptured } from "../../cli/run-command.js";
import { preparedBases } from "./bases.js";
import { runFuzz } from "./fuzz.js";
import { knownFinding } from "./known-findings.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CASES = Number(process.env["NFVTWIN_FUZZ_CASES"] ?? 300);
/** About 0.15 s of CPU per case; the wall time depends on the machine's load, hence the generous limit. */
const TEST_TIMEOUT_MS = 600_000;
const SEED = Number(process.env["NFVTWIN_FUZZ_SEED"] ?? 20260515);

describe("fuzzing the command line", () => {
  it("every prepared base scenario is valid input (so a refusal comes from the mutations)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nfvtwin-bases-"));
    try {
      const refused: string[] = [];
      for (const base of preparedBases()) {
        writeFileSync(join(dir, "scenario.yaml"), base.scenario);
        writeFileSync(join(dir, "model.yaml"), base.model);
        const r = await runCommandCaptured(["validate", join(dir, "scenario.yaml")]);
        if (r.exitCode !== 0) refused.push(`${base.source}: ${r.stderr}`);
      }
      expect(refused).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`${CASES} cases of seed ${SEED} keep the contract`, async () => {
    const outcomes = await runFuzz({ seed: SEED, cases: CASES, timeoutMs: 30_000 });
    const unknown = outcomes.flatMap((o) =>
      o.violations.filter((v) => knownFinding(v) === undefined).map((v) => `case ${o.index} (${o.origin}): ${v.check}: ${v.detail}\n  replay: npm run fuzz -- --seed ${SEED} --case ${o.index}`),
    );
    expect(unknown).toEqual([]);
    // The harness must still reach both sides of the contract: accepted runs and refusals.
    const runExits = outcomes.map((o) => o.exitCodes[o.exitCodes.length - 1]);
    expect(runExits.filter((c) => c === 0 || c === 1).length).toBeGreaterThan(CASES / 10);
    expect(runExits.filter((c) => c === 2).length).toBeGreaterThan(CASES / 10);
  }, TEST_TIMEOUT_MS);
});
