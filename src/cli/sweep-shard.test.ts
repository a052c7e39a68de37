/**
 * Sweeps and shards: the same bytes for 1, 2 and 4 workers (through the command line); shard + merge
 * equal to a single run byte for byte, and bad shard arguments and bad merges exit 2 with nothing
 * written (through the handlers in this process, which spares a process start per command).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exitOf } from "../testing/handler-exit.js";
import { afterAll, describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { mergeHandler, runHandler } from "./handlers.js";
import { runCliProcess } from "../testing/cli-process.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-sweep-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `nfvtwin ...args` from sources (through tsx) in the scratch folder. */
function cli(...args: string[]): { code: number | null; stderr: string } {
  const r = runCliProcess([...args], work);
  return { code: r.status, stderr: r.stderr };
}

/** Every file below `dir` (relative to the scratch folder): relative path → text. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name), "utf8");
    }
  };
  walk(join(work, dir), "");
  return out;
}
const at = (name: string) => join(work, name);


const run = (file: string, out: string, extra: { shard?: string; seed?: number } = {}) =>
  exitOf(runHandler({ scenarios: [at(file)], out: at(out), seed: extra.seed, quiet: true, trace: false, replications: undefined, workers: 1, shard: extra.shard }));
const merge = (out: string, ...dirs: string[]) => exitOf(mergeHandler({ out: at(out), shards: dirs.map(at), quiet: true }));

// 2 host counts × 2 ratios × 2 replications: 8 plan items, with event logs (trace) to carry through shards.
const SWEEP = `${TINY_SCENARIO.replace("name: tiny-run", "name: tiny-sweep")}replications: 2
expect:
  - { metric: requests.rejectionRate, max: 0.05 }
sweep:
  parameters:
    - { path: overrides.hostCount.p16, values: [1, 2] }
    - { path: overrides.allocationRatios.VCPU, range: { from: 1, to: 4, step: 3 } }
`;
writeFileSync(join(work, "model.yaml"), TINY_MODEL);
writeFileSync(join(work, "sweep.yaml"), SWEEP);
writeFileSync(join(work, "other.yaml"), TINY_SCENARIO);
writeFileSync(join(work, "empty.yaml"), SWEEP.replace("values: [1, 2]", "range: { from: 3, to: 1, step: 1 }"));

describe("sweeps", () => {
  it("write the same bytes with 1, 2 and 4 workers, and choose a point", async () => {
    for (const workers of [1, 2, 4]) {
      const r = await exitOf(runHandler({ scenarios: [at("sweep.yaml")], out: at(`w${workers}`), seed: undefined, quiet: true, trace: false, replications: undefined, workers, shard: undefined }));
      expect(r.code).toBeLessThan(2);
    }
    const one = tree("w1");
    expect(Object.keys(one)).toEqual(expect.arrayContaining(["tiny-sweep/sweep.json", "tiny-sweep/sweep.csv", "tiny-sweep/report.md", "tiny-sweep/junit.xml", "tiny-sweep/point-004/rep-02/events.jsonl"]));
    expect(one["tiny-sweep/sweep.csv"]!.split("\n").filter((l) => l !== "")).toHaveLength(5);
    const json = JSON.parse(one["tiny-sweep/sweep.json"]!) as { points: Array<{ values: Record<string, number> }> };
    expect(json.points.map((p) => [p.values["overrides.hostCount.p16"], p.values["overrides.allocationRatios.VCPU"]])).toEqual([[1, 1], [1, 4], [2, 1], [2, 4]]);
    expect(tree("w2")).toEqual(one);
    expect(tree("w4")).toEqual(one);
  });

  it("an empty range is exit 2 with its position, nothing written (through the command line)", () => {
    const r = cli("run", "empty.yaml", "--out", "empty-out");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^empty\.yaml:\d+:\d+: sweep\.parameters\.0\.range: empty range: from 3 is above to 1$/);
    expect(existsSync(join(work, "empty-out"))).toBe(false);
  });
});

describe("shards and merge", () => {
  it("1/2 + 2/2 and 1/3 + 2/3 + 3/3 merge into the single run's folder, byte for byte", async () => {
    for (const s of ["1/2", "2/2", "1/3", "2/3", "3/3"]) expect((await run("sweep.yaml", `shard-${s.replace("/", "of")}`, { shard: s })).code).toBe(0);
    expect(Object.keys(tree("shard-1of2")).sort()).toEqual(["tiny-sweep/nfvtwin-report.json", "tiny-sweep/shard.json"]);
    expect((await merge("m2", "shard-2of2", "shard-1of2")).code).toBeLessThan(2);
    expect((await merge("m3", "shard-1of3", "shard-3of3", "shard-2of3/tiny-sweep")).code).toBeLessThan(2);
    const single = tree("w1"); // the single run of the first test
    expect(Object.keys(single)).toContain("tiny-sweep/point-004/rep-02/events.jsonl");
    expect(tree("m2")).toEqual(single);
    expect(tree("m3")).toEqual(single);
  });

  it("refuses missing, duplicate and mismatched shards: exit 2, nothing written", async () => {
    expect((await run("sweep.yaml", "seed5-2of2", { shard: "2/2", seed: 5 })).code).toBe(0);
    expect((await run("other.yaml", "other-2of2", { shard: "2/2" })).code).toBe(0);
    const refuse = async (out: string, ...dirs: string[]) => {
      const r = await merge(out, ...dirs);
      expect(r.code).toBe(2);
      expect(existsSync(at(out))).toBe(false);
      return r.stderr;
    };
    const twice = await refuse("x1", "shard-1of2", "shard-1of2");
    expect(twice).toContain("tiny-sweep: shard 1/2 given twice");
    expect(twice).toContain("tiny-sweep: shard 2/2 is missing");
    expect(await refuse("x2", "shard-1of2", "seed5-2of2")).toMatch(/seed5-2of2\/tiny-sweep\/shard\.json has seed 5 but .* has seed 9; shards of different runs cannot be merged$/);
    mkdirSync(at("x4/tiny-sweep"), { recursive: true });
    writeFileSync(at("x4/tiny-sweep/mine.txt"), "mine\n");
    expect((await merge("x4", "shard-1of2", "shard-2of2")).stderr).toBe(`nfvtwin: refusing to write ${at("x4/tiny-sweep")}: it exists and is not an nfvtwin report folder (holds mine.txt); choose another output folder or remove it`);
    expect(readdirSync(at("x4/tiny-sweep"))).toEqual(["mine.txt"]);
    const mixed = await refuse("x3", "shard-1of2", "other-2of2", "nowhere");
    expect(mixed).toContain("tiny-sweep: shard 2/2 is missing");
    expect(mixed).toContain("tiny-run: shard 1/2 is missing");
    expect(mixed).toContain("no shard.json in");
  });

  it("refuses a merge after the scenario file changed", async () => {
    expect((await run("other.yaml", "o-1of1", { shard: "1/1" })).code).toBe(0);
    writeFileSync(at("other.yaml"), TINY_SCENARIO.replace("rate: 30/h", "rate: 31/h"));
    const r = await merge("changed", "o-1of1");
    expect([r.code, existsSync(at("changed"))]).toEqual([2, false]);
    expect(r.stderr).toMatch(/tiny-run: .*other\.yaml changed since its shards ran/);
    writeFileSync(at("other.yaml"), TINY_SCENARIO);
  });

  it("refuses malformed or out-of-range --shard: exit 2, nothing written", async () => {
    for (const bad of ["3/2", "0/0", "a/b"]) {
      const r = await run("sweep.yaml", "bad-shard", { shard: bad });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^nfvtwin: --shard /);
      expect(existsSync(at("bad-shard"))).toBe(false);
    }
  });
});
