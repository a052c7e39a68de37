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

  it("captures a usage error: the error first, then the usage line and where the help is, all on stderr (exit 2)", async () => {
    const r = await runCommandCaptured(["run", "--no-such-flag"]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")).toEqual([
      "nfvtwin run: Unrecognized flag: --no-such-flag in command nfvtwin run",
      "",
      "usage: nfvtwin run [flags] <scenario...>",
      "run `nfvtwin run --help` for the full help",
      "",
    ]);
  });

  it("a value an integer flag cannot take is refused as not an integer, the error on the first line (exit 2)", async () => {
    for (const value of ["abc", "1.5"]) {
      const r = await runCommandCaptured(["run", join(work, "good.yaml"), "--seed", value, "--out", join(work, "never")]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr.split("\n")[0]).toBe(`nfvtwin run: --seed takes an integer, got "${value}"`);
    }
    const every = await runCommandCaptured(["run", join(work, "good.yaml"), "--check-invariants=often", "--out", join(work, "never")]);
    expect(every.stderr.split("\n")[0]).toBe('nfvtwin run: --check-invariants takes an integer, got "often"');
    const heap = await runCommandCaptured(["explain", join(work, "good.yaml"), "--max-heap-mb", "0"]);
    expect(heap.stderr.split("\n")[0]).toBe("nfvtwin explain: --max-heap-mb must be at least 1, got 0");
    expect(existsSync(join(work, "never"))).toBe(false);
  });

  it("offers --help, --version and --completions, not effect's --log-level and --wizard (which did nothing, and crashed)", async () => {
    for (const path of [[], ["run"], ["explain"]]) {
      const help = await runCommandCaptured([...path, "--help"]);
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toContain("--completions");
      expect(help.stdout).not.toMatch(/--log-level|--wizard/);
    }
    for (const flag of [["--log-level", "debug"], ["--wizard"]]) {
      const r = await runCommandCaptured(["run", ...flag, join(work, "good.yaml"), "--out", join(work, "never")]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr.split("\n")[0]).toBe(`nfvtwin run: Unrecognized flag: ${flag[0]} in command nfvtwin run`);
    }
    expect(existsSync(join(work, "never"))).toBe(false);
  });
});
