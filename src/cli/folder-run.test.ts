/**
 * `run FOLDER` where a model sits beside its scenarios (issue 16 item 13): the scenarios run, the
 * model is skipped by its kind; a folder holding only models has no scenario to run (exit 2).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { exitOf } from "../testing/handler-exit.js";
import { runHandler } from "./handlers.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-folder-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
mkdirSync(join(work, "site"));
writeFileSync(join(work, "site", "model.yaml"), TINY_MODEL);
writeFileSync(join(work, "site", "short.yaml"), TINY_SCENARIO.replace("horizon: 6h", "horizon: 1h").replace("trace: true", "trace: false"));
mkdirSync(join(work, "models-only"));
writeFileSync(join(work, "models-only", "model.yaml"), TINY_MODEL);

const run = (folder: string, out: string) =>
  exitOf(runHandler({ scenarios: [join(work, folder)], out: join(work, out), seed: undefined, quiet: true, trace: false, replications: undefined, workers: 1, shard: undefined }));

describe("run FOLDER", () => {
  it("runs the scenarios of a folder and skips the model beside them", async () => {
    expect(await run("site", "out")).toEqual({ code: 0, stderr: "" });
    expect(existsSync(join(work, "out", "tiny-run", "summary.json"))).toBe(true);
  });

  it("a folder of models only has no scenario to run (exit 2, nothing written)", async () => {
    const r = await run("models-only", "none");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no scenario files found");
    expect(existsSync(join(work, "none"))).toBe(false);
  });
});
