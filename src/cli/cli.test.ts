/**
 * The command line as a user meets it: exit codes, one clear line per bad input with its position,
 * no stack trace, and nothing written to the output folder when any input is bad. Commands run
 * in-process (run-command.ts, from the scratch folder as the working directory); the first test runs
 * the real entry point in a child process, which proves the same contract for main.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { runCliProcess } from "../testing/cli-process.js";
import { runCommandCaptured } from "./run-command.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `nfvtwin ARGS` in this process, with `work` as the working directory for its duration. */
async function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cwd = process.cwd();
  process.chdir(work);
  try {
    const r = await runCommandCaptured(args);
    return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  } finally {
    process.chdir(cwd);
  }
}

/** The same through the built entry's source in a child process. */
function cliProcess(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = runCliProcess([...args], work);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

writeFileSync(join(work, "model.yaml"), TINY_MODEL);
writeFileSync(join(work, "good.yaml"), TINY_SCENARIO);
writeFileSync(join(work, "bad.yaml"), TINY_SCENARIO.replace("seed: 9", "seed: 9\ncolour: blue").replace("horizon: 6h", "horizon: -6h"));
writeFileSync(join(work, "strict.yaml"), TINY_SCENARIO.replace("name: tiny-run", "name: strict-run") + "expect:\n  - { metric: requests.rejectionRate, max: 0.5 }\n  - { metric: servers.bootTimeMs.p99, max: 10s }\n");
writeFileSync(
  join(work, "confident.yaml"),
  TINY_SCENARIO.replace("name: tiny-run", "name: confident-run").replace("trace: true", "trace: false") +
    "expect:\n  - { metric: servers.meanAlive, min: 33, confidence: 0.99 }\nprecision: { relativeHalfWidth: 0.01, metrics: [servers.meanAlive] }\n",
);
writeFileSync(join(work, "broken.yaml"), "kind: Scenario\nname: [oops\n");

describe("nfvtwin CLI", () => {
  it("runs a scenario and writes its report folder (exit 0)", async () => {
    const r = cliProcess("run", "good.yaml", "--out", "out");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tiny-run: \d+ requests, \d+ placed/);
    expect(readdirSync(join(work, "out/tiny-run")).sort()).toEqual(["events.jsonl", "nfvtwin-report.json", "report.html", "report.md", "summary.json", "timeseries.csv"]);
    const summary = JSON.parse(readFileSync(join(work, "out/tiny-run/summary.json"), "utf8"));
    expect(summary.requests.rejectionRate).toBeTypeOf("number");
    expect(readdirSync(join(work, "out")).filter((n) => n.startsWith(".nfvtwin"))).toEqual([]);
  });

  it("--seed changes the run, the same seed reproduces it byte for byte", async () => {
    await cli("run", "good.yaml", "--out", "s1", "--seed", "5", "--quiet");
    await cli("run", "good.yaml", "--out", "s2", "--seed", "5", "--quiet");
    await cli("run", "good.yaml", "--out", "s3", "--seed", "6", "--quiet");
    const events = (d: string) => readFileSync(join(work, d, "tiny-run/events.jsonl"), "utf8");
    expect(events("s1")).toBe(events("s2"));
    expect(events("s1")).not.toBe(events("s3"));
  });

  it("bad input: every problem on one line with file:line:column and path, exit 2, nothing written", async () => {
    const r = await cli("run", "good.yaml", "bad.yaml", "--out", "bad-out");
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      'bad.yaml:5:1: colour: unknown field "colour"',
      'bad.yaml:6:18: stop.horizon: a duration cannot be negative; got "-6h"',
    ]);
    expect(existsSync(join(work, "bad-out"))).toBe(false);
  });

  it("a failed expectation is exit 1, says which and by how much, and still writes the report", async () => {
    const r = await cli("run", "strict.yaml", "--out", "strict-out");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("strict.yaml: expectation failed: servers.bootTimeMs.p99 <= 10s: got 30000 (20000 above the maximum)");
    expect(r.stderr).not.toContain("rejectionRate");
    const summary = JSON.parse(readFileSync(join(work, "strict-out/strict-run/summary.json"), "utf8"));
    expect(summary.expectations.map((e: { passed: boolean }) => e.passed)).toEqual([true, false]);
  });

  it("a confidence is judged on the interval with replications, warned about without; too-wide intervals warn on stderr", async () => {
    const single = await cli("run", "confident.yaml", "--out", "conf-1");
    expect(single.code).toBe(0);
    expect(single.stderr).toBe('confident.yaml: warning: expectation "servers.meanAlive >= 33 at 99 % confidence": a confidence needs replications (2 or more); judged on the single run\'s value\n');
    const reps = await cli("run", "confident.yaml", "--out", "conf-3", "--replications", "3");
    expect(reps.code).toBe(1);
    expect(reps.stderr).toMatch(/confident\.yaml: warning: precision: servers\.meanAlive ± [\d.]+ at 99 % over 3 replications is [\d.]+ % of its mean [\d.]+ \(wanted at most 1 % of the mean\); about \d+ replications would be needed\n/);
    expect(reps.stderr).toMatch(/expectation failed: servers\.meanAlive >= 33 at 99 % confidence: got mean [\d.]+, 99 % interval \[[\d.-]+, [\d.]+\] over 3 replications \(lower end [\d.]+ below the minimum\)/);
    expect(JSON.parse(readFileSync(join(work, "conf-3/confident-run/replications.json"), "utf8")).warnings).toHaveLength(1);
  });

  it("--replications runs independent seeds and writes the aggregate with each run beside it", async () => {
    const a = await cli("run", "good.yaml", "--out", "reps-a", "--replications", "3", "--quiet");
    const b = await cli("run", "good.yaml", "--out", "reps-b", "--replications", "3", "--quiet");
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(readdirSync(join(work, "reps-a/tiny-run")).sort()).toEqual(["nfvtwin-report.json", "rep-01", "rep-02", "rep-03", "replications.csv", "replications.json", "report.html", "report.md"]);
    const agg = JSON.parse(readFileSync(join(work, "reps-a/tiny-run/replications.json"), "utf8"));
    expect(agg.seeds).toHaveLength(3);
    expect(agg.seeds[0]).toBe(9);
    expect(agg.metrics["requests.rejectionRate"].n).toBe(3);
    const csv = (d: string) => readFileSync(join(work, d, "tiny-run/replications.csv"), "utf8");
    expect(csv("reps-a")).toBe(csv("reps-b"));
    expect((await cli("run", "good.yaml", "--out", "reps-c", "--replications", "0")).code).toBe(2);
  });

  it("writes the same bytes with 1, 2 and 4 worker threads", async () => {
    const tree = (dir: string): Record<string, string> => {
      const out: Record<string, string> = {};
      const walk = (d: string, prefix: string) => {
        for (const e of readdirSync(join(work, d), { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
          else out[`${prefix}${e.name}`] = readFileSync(join(work, d, e.name), "utf8");
        }
      };
      walk(dir, "");
      return out;
    };
    for (const w of ["1", "2", "4"]) expect((await cli("run", "good.yaml", "--out", `workers-${w}`, "--replications", "4", "--workers", w, "--quiet")).code).toBe(0);
    const one = tree("workers-1");
    expect(Object.keys(one)).toContain("tiny-run/rep-04/events.jsonl");
    expect(tree("workers-2")).toEqual(one);
    expect(tree("workers-4")).toEqual(one);
    expect((await cli("run", "good.yaml", "--out", "workers-0", "--workers", "0")).code).toBe(2);
  });

  it("malformed YAML and a missing file are exit 2 without a stack trace", async () => {
    const r = await cli("validate", "broken.yaml", "missing.yaml");
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^broken\.yaml:\d+:\d+: .*\]/);
    expect(lines[1]).toBe("missing.yaml:1:1: cannot read file: no such file");
    expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("a seed that is not an integer is a usage error (exit 2)", async () => {
    const r = await cli("run", "good.yaml", "--seed", "1.5", "--out", "x");
    expect(r.code).toBe(2);
    expect(existsSync(join(work, "x"))).toBe(false);
  });

  it("validate accepts good files (exit 0)", async () => {
    const r = await cli("validate", "good.yaml", "model.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ok good.yaml (Scenario)\nok model.yaml (InfrastructureModel)\n");
  });

  it("schema prints JSON Schema documents", async () => {
    const r = await cli("schema", "scenario");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.title).toBe("nfvtwin scenario file");
    expect(doc.properties.stop).toBeDefined();
  });

  it("explain shows the filter trail and scores of one request", async () => {
    const r = await cli("explain", "good.yaml", "--request", "3");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^request 3 at [\dhms. ]+: tenant t1/);
    expect(r.stdout).toContain("filters:");
  });

  it("explain --rejected lists the refused requests by the number --request takes; a request past the last is counted in requests", async () => {
    const r = await cli("explain", "good.yaml", "--rejected");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("34 of 190 requests were rejected; explain one with --request N");
    expect(lines[1]).toBe("request 29 at 1h 20m 05.146s: tenant t1, flavour big, 1 server: NO_VALID_HOST: 0/5 hosts available: 5 insufficient MEMORY_MB");
    expect(lines).toHaveLength(35);
    const one = await cli("explain", "good.yaml", "--request", "29");
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^request 29 at 1h 20m 05.146s: tenant t1/);
    expect(one.stdout).toContain("insufficient MEMORY_MB");
    const past = await cli("explain", "good.yaml", "--request", "500");
    expect(past).toMatchObject({ code: 2, stderr: "nfvtwin: the scenario makes only 190 requests (arrivals, of one or more servers each); request 500 does not exist\n" });
    expect((await cli("explain", "good.yaml")).code).toBe(2);
  });

  it("--version and --help work", async () => {
    expect((await cli("--version")).stdout.trim()).toBe("nfvtwin v0.1.0");
    const help = await cli("run", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--seed");
    // `run --help` names every file a report folder can hold.
    for (const file of ["summary.json", "timeseries.csv", "report.md", "report.html", "junit.xml", "explain.json", "events.jsonl", "nfvtwin-report.json", "replications.json", "replications.csv", "comparison.json", "comparison.csv", "sweep.json", "sweep.csv", "shard.json"]) {
      expect(help.stdout).toContain(file);
    }
  });
});
