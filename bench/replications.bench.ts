/**
 * Replications on worker processes (issue 4): `nfvtwin run erlang-loss --replications 32` with
 * `--workers 1` and `--workers 2`, whole processes, interleaved. Target: 2 workers take at most 0.6x
 * the time of 1. The full scenario (1,000,000 arrivals) x 32 takes minutes per repetition, so by
 * default the bench runs a copy stopped at 200,000 arrivals (`--full` for the real one); it says which.
 * Other load on the machine slows both sides unequally, so the load average and each side's CPU time
 * (user + system, all threads) are printed beside them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { median, ratio, seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { timeProcess } from "./timing.js";

const SCENARIO = "scenarios/placement/erlang-loss.yaml";
const REPLICATIONS = 32;
const SHORT_ARRIVALS = 200_000;

/**
 * The scenario to time: the shipped file, or a copy in `dir` with fewer arrivals, the model path made
 * absolute and no `expect:` (its Erlang-B bound is for the full run).
 */
function scenarioFile(repoRoot: string, dir: string, full: boolean): string {
  const shipped = path.join(repoRoot, SCENARIO);
  if (full) return shipped;
  const text = readFileSync(shipped, "utf8")
    .replace(/^model: (.*)$/m, (_, model: string) => `model: ${path.resolve(path.dirname(shipped), model)}`)
    .replace(/^stop: \{ arrivals: \d+ \}$/m, `stop: { arrivals: ${SHORT_ARRIVALS} }`)
    // The Erlang-B bound holds in steady state; 200,000 arrivals end before the 16,000 slots fill up.
    .replace(/^expect:[\s\S]*$/m, "");
  if (!text.includes(`arrivals: ${SHORT_ARRIVALS}`)) throw new Error(`could not shorten ${SCENARIO}: its stop line changed`);
  const copy = path.join(dir, "erlang-loss-short.yaml");
  writeFileSync(copy, text);
  return copy;
}

const loadAverage = (): string => os.loadavg().map((x) => x.toFixed(2)).join(" ");

export const replicationsSection: BenchSection = {
  name: "replications",
  title: `Replications: erlang-loss.yaml --replications ${REPLICATIONS} on 1 and 2 workers, whole process`,
  async run(context: BenchContext): Promise<BenchTable> {
    const full = process.argv.includes("--full");
    const dir = mkdtempSync(path.join(os.tmpdir(), "nfvtwin-bench-reps-"));
    const file = scenarioFile(context.repoRoot, dir, full);
    const cli = path.join(context.repoRoot, "dist", "cli", "main.js");
    const runWith = (workers: number) =>
      timeProcess(process.execPath, [cli, "run", file, "--replications", String(REPLICATIONS), "--workers", String(workers), "--quiet", "--out", path.join(dir, `out-${workers}`)], context.repoRoot);
    const loadBefore = loadAverage();
    const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
    const cpu: Record<1 | 2, number[]> = { 1: [], 2: [] };
    const repetitions = context.quick ? 1 : 3;
    for (let r = 0; r < repetitions; r++) {
      for (const w of [1, 2] as const) {
        const t = runWith(w);
        times[w].push(t.wallSeconds);
        cpu[w].push(t.cpuSeconds ?? NaN);
      }
    }
    const loadAfter = loadAverage();
    rmSync(dir, { recursive: true, force: true });
    const one = median(times[1]);
    const two = median(times[2]);
    const notes = [
      `${full ? "the shipped scenario (1,000,000 arrivals)" : `a copy stopped at ${SHORT_ARRIVALS.toLocaleString("en")} arrivals instead of 1,000,000, without its Erlang-B expectation (--full for the real one)`}, ${REPLICATIONS} replications`,
      `2 workers / 1 worker = ${ratio(two / one)} (target <= 0.60x): ${two / one <= 0.6 ? "met" : "NOT MET"}`,
      `median of ${repetitions} interleaved runs each; ${os.cpus().length} CPUs; load average (1, 5, 15 min) before ${loadBefore}, after ${loadAfter}`,
    ];
    // CPU time shows the pool's own cost apart from the machine's load: equal CPU, half the wall = ideal.
    const rows = ([1, 2] as const).map((w) => [
      `--workers ${w}`,
      seconds(median(times[w])),
      times[w].map((t) => t.toFixed(2)).join(", "),
      ratio(median(times[w]) / one),
      Number.isNaN(median(cpu[w])) ? "-" : seconds(median(cpu[w])),
    ]);
    return { columns: ["workers", "median wall", "runs (s)", "vs 1 worker", "median CPU (user+sys)"], rows, notes };
  },
};
