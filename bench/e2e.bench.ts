/**
 * End to end, whole process: `nfvtwin run scenarios/placement/erlang-loss.yaml` (start-up, loading,
 * 1,000,000 arrivals, report writing) against the anchors' `erlang` workload run as whole processes
 * too, interleaved. Targets: at least 8x faster than SimPy, within 2.5x of des-reference.mjs.
 * Two in-process children split the figure: the simulation alone (erlang-child.ts) and its floor, the
 * same run with the VIM taken away (erlang-floor-child.ts), checked to produce the same run digest.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nodeScriptArgs, runJsonLine, simpyAvailable } from "./child-process.js";
import { median, ratio, seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { timeProcess, type ProcessTiming } from "./timing.js";

const PYTHON = "/usr/bin/python3";
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

/** What erlang-child and erlang-floor-child print. */
interface ChildRun {
  readonly wallSeconds: number;
  readonly logRecords: number;
  readonly digest: string;
}

interface Contender {
  readonly label: string;
  readonly run: () => ProcessTiming;
  readonly runs: ProcessTiming[];
}

export const e2eSection: BenchSection = {
  name: "e2e",
  title: "End to end: erlang-loss.yaml (1,000 hosts x 16 vCPU, 1,000,000 arrivals), whole process",
  async run(context: BenchContext): Promise<BenchTable> {
    const notes: string[] = [];
    const out = mkdtempSync(path.join(os.tmpdir(), "nfvtwin-bench-"));
    const cli = path.join(context.repoRoot, "dist", "cli", "main.js");
    const contenders: Contender[] = [
      { label: "nfvtwin run erlang-loss.yaml", run: () => timeProcess(process.execPath, [cli, "run", "scenarios/placement/erlang-loss.yaml", "--quiet", "--out", out], context.repoRoot), runs: [] },
    ];
    const anchors = context.anchorsDir;
    if (anchors === undefined) notes.push("anchors skipped: no ../shared/anchors beside the repository");
    else {
      const ref = path.join(anchors, "des-reference.mjs");
      if (existsSync(ref)) contenders.push({ label: "des-reference.mjs erlang", run: () => timeProcess(process.execPath, [ref, "erlang"], anchors), runs: [] });
      const simpy = path.join(anchors, "simpy_reference.py");
      if (existsSync(simpy) && simpyAvailable(PYTHON)) contenders.push({ label: "simpy_reference.py erlang", run: () => timeProcess(PYTHON, [simpy, "erlang"], anchors), runs: [] });
      else notes.push(`SimPy anchor skipped: install it with apt-get install python3-simpy3`);
    }
    const repetitions = context.quick ? 1 : 3;
    // The simulation alone (runScenario in a fresh process), interleaved with the others: what the
    // whole-process run spends around it (start-up, loading, summary, reports) is the difference.
    const simulation: ChildRun[] = [];
    // The floor (erlang-floor-child.ts): the same run through the kernel, the streams and the log only.
    const floor: ChildRun[] = [];
    const child = (name: string): ChildRun => {
      const r = runJsonLine(process.execPath, [...nodeScriptArgs(BENCH_DIR, name, context.scriptExtension), context.repoRoot]);
      return { wallSeconds: r.wallSeconds, logRecords: Number(r["logRecords"]), digest: String(r["digest"]) };
    };
    for (let r = 0; r < repetitions; r++) {
      for (const c of contenders) c.runs.push(c.run());
      simulation.push(child("erlang-child"));
      floor.push(child("erlang-floor-child"));
    }
    rmSync(out, { recursive: true, force: true });
    const wall = (label: string) => {
      const c = contenders.find((x) => x.label.startsWith(label));
      return c === undefined ? undefined : median(c.runs.map((x) => x.wallSeconds));
    };
    const ours = wall("nfvtwin")!;
    const ref = wall("des-reference");
    const simpy = wall("simpy");
    if (ref !== undefined) notes.push(`nfvtwin / des-reference = ${ratio(ours / ref)} (target <= 2.50x): ${ours / ref <= 2.5 ? "met" : "NOT MET"}`);
    if (simpy !== undefined) notes.push(`SimPy / nfvtwin = ${ratio(simpy / ours)} faster (target >= 8x): ${simpy / ours >= 8 ? "met" : "NOT MET"}`);
    const simulationWall = median(simulation.map((x) => x.wallSeconds));
    const floorWall = median(floor.map((x) => x.wallSeconds));
    notes.push(`the simulation alone (runScenario, in-process): ${seconds(simulationWall)}; start-up, loading, summary and reports: ${seconds(Math.max(0, ours - simulationWall))}`);
    const same = floor.every((f) => f.digest === simulation[0]!.digest && f.logRecords === simulation[0]!.logRecords);
    notes.push(
      `floor (kernel, named streams and the log digest only; no VIM): ${seconds(floorWall)}, ${same ? "the same run digest and" : "NOT the same run digest as the full run, with"} ${floor[0]!.logRecords.toLocaleString("en")} records; ` +
        `the VIM, placement and metrics add ${seconds(Math.max(0, simulationWall - floorWall))}` + (ref === undefined ? "" : `; the floor plus nfvtwin's start-up and reports alone would be ${ratio((floorWall + Math.max(0, ours - simulationWall)) / ref)} of des-reference`),
    );
    notes.push(`median of ${repetitions} interleaved whole-process runs; nfvtwin includes start-up, YAML loading and report writing`);
    const rows = contenders.map((c) => {
      const w = median(c.runs.map((x) => x.wallSeconds));
      const rss = c.runs.map((x) => x.maxRssMib ?? 0);
      return [c.label, seconds(w), `${Math.max(...rss).toFixed(0)} MiB`, ref === undefined ? "-" : ratio(w / ref)];
    });
    return { columns: ["program", "median wall", "peak memory", "vs des-reference"], rows, notes };
  },
};
