/**
 * Kernel micro-benchmarks with tinybench, in this process: the callback path, the process layer, a
 * mixed schedule/cancel load, and the random generators (style rule 5 asks to measure Alea against
 * seedrandom's default ARC4 before putting a generator in the hot path).
 */
import seedrandom from "seedrandom";
import { Bench } from "tinybench";
import { mixedSchedule, timersCallback, timersProcesses } from "./kernel-workloads.js";
import { perSecondMillions } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";

const EVENTS = 200_000;
const DRAWS = 1_000_000;

interface Case {
  readonly name: string;
  /** Operations (events or draws) per iteration, for the rate column. */
  readonly operations: number;
  readonly fn: () => void;
}

const drawAll = (next: () => number): void => {
  let sum = 0;
  for (let i = 0; i < DRAWS; i++) sum += next();
  if (sum < 0) throw new Error("unreachable; keeps the loop from being optimised away");
};

const CASES: ReadonlyArray<Case> = [
  { name: "callbacks: 1,000 timers, exp(1 s), 200k events", operations: EVENTS, fn: () => void timersCallback(EVENTS, 1000, 1) },
  { name: "processes: 1,000 timers, exp(1 s), 200k events", operations: EVENTS, fn: () => void timersProcesses(EVENTS, 1000, 1) },
  { name: "mixed: 10k entities, 4 delay kinds + cancels, 200k events", operations: EVENTS, fn: () => void mixedSchedule(EVENTS, 1) },
  { name: "rng: seedrandom.alea, 1M draws", operations: DRAWS, fn: () => drawAll(seedrandom.alea("1/bench")) },
  { name: "rng: seedrandom.xor4096, 1M draws", operations: DRAWS, fn: () => drawAll(seedrandom.xor4096("1/bench")) },
  { name: "rng: seedrandom ARC4 (default), 1M draws", operations: DRAWS, fn: () => drawAll(seedrandom("1/bench")) },
];

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

export const kernelSection: BenchSection = {
  name: "kernel",
  title: "Kernel micro-benchmarks (tinybench, in process)",
  async run(context: BenchContext): Promise<BenchTable> {
    const bench = new Bench({ time: context.quick ? 200 : 1500, warmupTime: context.quick ? 50 : 300, iterations: 5, setup: collectGarbage });
    for (const c of CASES) bench.add(c.name, c.fn);
    await bench.run();
    const rows = CASES.map((c) => {
      const result = bench.getTask(c.name)?.result;
      if (result === undefined || !("latency" in result)) return [c.name, "failed", "-", "-", "-"];
      const meanMs = result.latency.mean;
      return [c.name, `${meanMs.toFixed(2)} ms`, `${result.latency.rme.toFixed(1)} %`, String(result.latency.samplesCount), perSecondMillions(c.operations / (meanMs / 1000))];
    });
    return { columns: ["case", "mean/iteration", "± rme", "samples", "rate"], rows, notes: ["rate = events (or draws) per second of wall time, setup included"] };
  },
};
