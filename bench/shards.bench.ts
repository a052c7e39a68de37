/**
 * The cost of sharding a sweep (issue 22): a 64-point sweep of a small scenario (the lab, 1 simulated
 * day a point) run as one `nfvtwin run` process, and as N processes `run --shard I/N` (one after the
 * other, as N machines would run them at once) followed by `nfvtwin merge`. The overhead is what the
 * shards and the merge cost beyond the one process: each shard pays the start-up, loading and
 * planning again and writes shard.json, the merge reads them and writes the reports. The merged folder
 * must equal the one process's byte for byte.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { timeProcess, type ProcessTiming } from "./timing.js";

function sweepScenario(repoRoot: string): string {
  return `kind: Scenario
name: shard-sweep
model: ${path.join(repoRoot, "models/lab.yaml")}
seed: 64
stop: { horizon: 1d }
placement: { policy: spread }
workload:
  streams:
    - tenant: it-apps
      arrivals: { kind: poisson, rate: 40/h }
      flavours: { C1.2xlarge: 3, C1.4xlarge: 1 }
      lifetime: { kind: exponential, mean: 24h }
expect:
  - { metric: requests.rejectionRate, max: 0.01 }
sweep:
  parameters:
    - { path: overrides.hostCount.basic, range: { from: 2, to: 16, step: 2 } }
    - { path: workload.rateMultiplier, values: [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5] }
output: { samplePeriod: 1h }
`;
}

/** Every file under `dir` as relative path → bytes, for the byte-for-byte comparison. */
function files(dir: string, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(path.join(dir, prefix))) {
    const rel = path.join(prefix, name);
    if (statSync(path.join(dir, rel)).isDirectory()) for (const [k, v] of files(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(path.join(dir, rel), "latin1"));
  }
  return out;
}

function sameTree(a: string, b: string): boolean {
  const fa = files(a);
  const fb = files(b);
  return fa.size === fb.size && [...fa].every(([k, v]) => fb.get(k) === v);
}

const sum = (xs: ReadonlyArray<ProcessTiming>, f: (t: ProcessTiming) => number | undefined): number => xs.reduce((s, t) => s + (f(t) ?? 0), 0);

export const shardsSection: BenchSection = {
  name: "shards",
  title: "Sharding a 64-point sweep: N `run --shard I/N` processes + `merge` against one process",
  async run(context: BenchContext): Promise<BenchTable> {
    const cli = path.join(context.repoRoot, "dist", "cli", "main.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "nfvtwin-bench-shards-"));
    try {
      writeFileSync(path.join(dir, "sweep.yaml"), sweepScenario(context.repoRoot));
      // Exit status 1 (an expectation failed at some points) is the sweep's answer, not a failure.
      const run = (args: ReadonlyArray<string>): ProcessTiming => timeProcess(process.execPath, [cli, ...args], dir, [0, 1]);
      const one = run(["run", "sweep.yaml", "--quiet", "--workers", "1", "--out", "one"]);
      const rows: string[][] = [["1 process", "1", seconds(one.wallSeconds), one.cpuSeconds === undefined ? "—" : seconds(one.cpuSeconds), "—", "—", "—"]];
      for (const n of context.quick ? [4] : [4, 16, 64]) {
        const shards: ProcessTiming[] = [];
        for (let i = 1; i <= n; i++) shards.push(run(["run", "sweep.yaml", "--quiet", "--workers", "1", "--shard", `${i}/${n}`, "--out", `s${n}-${i}`]));
        const merge = run(["merge", `m${n}`, ...shards.map((_, i) => `s${n}-${i + 1}`)]);
        const totalWall = sum(shards, (t) => t.wallSeconds) + merge.wallSeconds;
        const totalCpu = sum([...shards, merge], (t) => t.cpuSeconds);
        const slowest = Math.max(...shards.map((t) => t.wallSeconds));
        rows.push([
          `${n} shards + merge`,
          String(n),
          `${seconds(totalWall)} (shards ${seconds(totalWall - merge.wallSeconds)}, merge ${seconds(merge.wallSeconds)})`,
          one.cpuSeconds === undefined ? "—" : seconds(totalCpu),
          `+${seconds(totalWall - one.wallSeconds)} (${(((totalWall - one.wallSeconds) / n) * 1000).toFixed(0)} ms a shard)`,
          `${seconds(slowest + merge.wallSeconds)} (${(one.wallSeconds / (slowest + merge.wallSeconds)).toFixed(1)}x)`,
          sameTree(path.join(dir, "one"), path.join(dir, `m${n}`)) ? "yes" : "NO",
        ]);
      }
      return {
        columns: ["run", "processes", "wall, summed", "CPU, summed", "overhead vs 1 process", "wall on N machines (slowest shard + merge)", "merged = one process, byte for byte"],
        rows,
        notes: ["shards run one after the other here; on N machines the sweep takes the slowest shard plus the merge"],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
