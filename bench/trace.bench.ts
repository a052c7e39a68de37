/**
 * Trace replay, whole process: `nfvtwin run` of a scenario replaying a generated vmtable-format
 * trace (Azure V2) on models/regional.yaml, at 100,000 and 1,000,000 rows. Targets (issue 19): the
 * million rows under 10 s, and peak memory flat in the trace's length (the trace is streamed: RSS at
 * 1M rows close to RSS at 100k).
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createStream } from "../src/kernel/index.js";
import { seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { timeProcess, type ProcessTiming } from "./timing.js";

/** Azure bucket sizes the regional model's B1 flavours fit (cores, memory GB). */
const SIZES: ReadonlyArray<[number, number]> = [[2, 2], [2, 4], [2, 8], [8, 8]];
const ROWS_PER_HOUR = 1400;

/** Writes `rows` vmtable rows in time order (Poisson arrivals at ROWS_PER_HOUR, lognormal lifetimes of about 2 h); returns the span in hours. */
function writeVmtable(file: string, rows: number): number {
  const u = createStream(19, "bench/trace");
  const fd = openSync(file, "w");
  let t = 0;
  let chunk: string[] = [];
  for (let i = 1; i <= rows; i++) {
    t += (-Math.log(1 - u.next()) * 3600) / ROWS_PER_HOUR;
    const z = Math.sqrt(-2 * Math.log(1 - u.next())) * Math.cos(2 * Math.PI * u.next());
    const start = Math.floor(t);
    const end = start + Math.round(Math.exp(8.3 + 0.9 * z));
    const [cores, gb] = SIZES[Math.floor(u.next() * SIZES.length)]!;
    chunk.push(`vm${i},sub${i % 97},dep${i % 1009},${start},${end},0,0,0,Unknown,${cores},${gb}\n`);
    if (chunk.length === 10_000) {
      writeSync(fd, chunk.join(""));
      chunk = [];
    }
  }
  writeSync(fd, chunk.join(""));
  closeSync(fd);
  return t / 3600;
}

function scenario(repoRoot: string, horizonHours: number): string {
  return `kind: Scenario
name: trace-bench
model: ${path.join(repoRoot, "models/regional.yaml")}
stop: { horizon: ${Math.ceil(horizonHours) + 1}h }
output: { samplePeriod: 6h }
workload:
  traces:
    - { id: azure, file: vmtable.csv, format: azure-v2, tenant: it-apps, flavours: [B1.small, B1.medium, B1.large, B1.2xlarge] }
`;
}

export const traceSection: BenchSection = {
  name: "trace",
  title: "Trace replay: a generated vmtable.csv on regional.yaml (2,000 hosts), whole process",
  async run(context: BenchContext): Promise<BenchTable> {
    const cli = path.join(context.repoRoot, "dist", "cli", "main.js");
    const rows: string[][] = [];
    const timings: ProcessTiming[] = [];
    for (const n of context.quick ? [100_000] : [100_000, 1_000_000]) {
      const dir = mkdtempSync(path.join(os.tmpdir(), "nfvtwin-bench-trace-"));
      try {
        const hours = writeVmtable(path.join(dir, "vmtable.csv"), n);
        writeFileSync(path.join(dir, "trace.yaml"), scenario(context.repoRoot, hours));
        const r = timeProcess(process.execPath, [cli, "run", "trace.yaml", "--quiet", "--workers", "1", "--out", "out"], dir);
        timings.push(r);
        rows.push([n.toLocaleString("en-US"), `${(hours / 24).toFixed(1)} d`, seconds(r.wallSeconds), r.cpuSeconds === undefined ? "—" : seconds(r.cpuSeconds), r.maxRssMib === undefined ? "—" : `${r.maxRssMib.toFixed(0)} MiB`]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const last = timings.at(-1)!;
    const first = timings[0]!;
    const notes = [`target < 10 s at 1,000,000 rows: ${last.wallSeconds < 10 ? "met" : "NOT MET"}`];
    if (timings.length === 2 && first.maxRssMib !== undefined && last.maxRssMib !== undefined) notes.push(`peak RSS 1M / 100k rows: ${(last.maxRssMib / first.maxRssMib).toFixed(2)}x (flat: the trace is streamed)`);
    return { columns: ["rows", "trace span", "wall", "CPU", "peak RSS"], rows, notes };
  },
};
