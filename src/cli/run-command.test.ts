/** One command in-process: the exit code and what it printed, with nothing on the process's own streams. */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { runCommandCaptured } from "./run-command.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-run-command-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, "model.yaml"), TINY_MODEL);
writeFileSync(join(work, "good.yaml"), TINY_SCENARIO.replace("horizon: 6h", "horizon: 1h"));
writeFileSync(join(work, "bad.yaml"), TINY_SCENARIO.replace("seed: 9", "seed: 9\ncolour: blue"));

describe("runCommandCaptured", () => {
  it("runs a scenario and captures its headline (exit 0)", async () => {
    const r = await runCommandCaptured(["run", join(work, "good.yaml"), "--out", join(work, "out"), "--workers", "1"]);
    expect(r).toMatchObject({ exitCode: 0, stderr: "" });
    expect(r.stdout).toMatch(/^tiny-run: \d+ requests/);
    expect(existsSync(join(work, "out/tiny-run/report.md"))).toBe(true);
  });

  it("captures a refusal with its position (exit 2)", async () => {
    const r = await runCommandCaptured(["validate", join(work, "bad.yaml")]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:5:1: colour: unknown field "colour"\n$/);
  });

  it("captures a usage error and its help (exit 2)", async () => {
    const r = await runCommandCaptured(["run", "--no-such-flag"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--no-such-flag");
    expect(r.stdout).toContain("USAGE");
  });
});
