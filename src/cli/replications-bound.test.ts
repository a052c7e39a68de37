/**
 * `--replications` obeys the loader's limits (scenario/schema/limits.ts): at most MAX_REPLICATIONS,
 * and at most MAX_RUNS runs per scenario once variants multiply them; both exit 2 before anything runs.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { exitOf } from "../testing/handler-exit.js";
import { runHandler } from "./handlers.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-reps-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, "model.yaml"), TINY_MODEL);
writeFileSync(join(work, "tiny.yaml"), TINY_SCENARIO);
const variants = Array.from({ length: 11 }, (_, k) => `  - { name: v${k}, placement: { policy: ${k % 2 === 0 ? "spread" : "pack"} } }`).join("\n");
writeFileSync(join(work, "variants.yaml"), `${TINY_SCENARIO.replace("name: tiny-run", "name: eleven")}variants:\n${variants}\n`);

async function refusal(file: string, replications: number): Promise<readonly string[]> {
  const out = join(work, `out-${replications}`);
  const r = await exitOf(runHandler({ scenarios: [join(work, file)], out, seed: undefined, quiet: true, trace: false, replications, workers: 1, shard: undefined }));
  expect(existsSync(out)).toBe(false);
  expect(r.code).toBe(2);
  return r.stderr.split("\n");
}

describe("run --replications", () => {
  it("refuses more than 10,000 replications", async () => {
    expect(await refusal("tiny.yaml", 10_001)).toEqual(["nfvtwin: --replications must be at most 10,000, got 10001"]);
  });

  it("refuses a plan of more than 100,000 runs (11 variants × 10,000 replications) before running", async () => {
    expect(await refusal("variants.yaml", 10_000)).toEqual(["nfvtwin: --replications 10000 makes 110,000 runs of scenario eleven; at most 100,000 runs per scenario"]);
  });
});
