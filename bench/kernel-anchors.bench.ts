/**
 * The kernel against the reference models of shared/anchors, measured in the same session: the
 * `kernel` workload (1,000 self-rescheduling exponential timers, 2,000,000 events), each program a
 * fresh process timing its own loop, repeated and interleaved so machine noise hits all of them alike.
 * Targets: nfvtwin <= 1.5x des-reference.mjs, and >= 4x faster than SimPy.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nodeScriptArgs, runJsonLine, simpyAvailable, type JsonRun } from "./child-process.js";
import { median, perSecondMillions, ratio, seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";

const EVENTS = 2_000_000;
const TIMERS = 1000;
const PYTHON = "/usr/bin/python3";
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

interface Contender {
  readonly label: string;
  readonly run: () => JsonRun;
  readonly walls: number[];
  events: number;
}

export const kernelAnchorsSection: BenchSection = {
  name: "kernel-anchors",
  title: `Kernel vs reference models: ${TIMERS.toLocaleString("en")} timers, ${EVENTS.toLocaleString("en")} events (fresh process each, loop time)`,
  async run(context: BenchContext): Promise<BenchTable> {
    const notes: string[] = [];
    const contenders = buildContenders(context, notes);
    const repetitions = context.quick ? 1 : 3;
    for (let round = 0; round < repetitions; round++) {
      for (const contender of contenders) {
        const result = contender.run();
        contender.walls.push(result.wallSeconds);
        contender.events = result.events ?? EVENTS;
      }
    }
    return summarize(contenders, repetitions, notes);
  },
};

function buildContenders(context: BenchContext, notes: string[]): Contender[] {
  const node = process.execPath;
  const child = (mode: string) => (): JsonRun =>
    runJsonLine(node, [...nodeScriptArgs(BENCH_DIR, "kernel-child", context.scriptExtension), mode, String(EVENTS), String(TIMERS), "1"]);
  const contenders: Contender[] = [
    { label: "nfvtwin (callbacks)", run: child("callback"), walls: [], events: EVENTS },
    { label: "nfvtwin (generator processes)", run: child("processes"), walls: [], events: EVENTS },
  ];
  const anchors = context.anchorsDir;
  if (anchors === undefined) {
    notes.push("anchors skipped: no ../shared/anchors beside the repository (set NFVTWIN_ANCHORS_DIR to point at it)");
    return contenders;
  }
  const reference = path.join(anchors, "des-reference.mjs");
  if (existsSync(reference)) {
    contenders.push({ label: "des-reference.mjs", run: () => runJsonLine(node, [reference, "kernel", String(EVENTS), String(TIMERS)]), walls: [], events: EVENTS });
  } else {
    notes.push(`des-reference skipped: ${reference} not found`);
  }
  const simpy = path.join(anchors, "simpy_reference.py");
  if (!existsSync(simpy)) {
    notes.push(`SimPy anchor skipped: ${simpy} not found`);
  } else if (!simpyAvailable(PYTHON)) {
    notes.push(`SimPy anchor skipped: ${PYTHON} cannot import simpy; install it with: apt-get install python3-simpy3`);
  } else {
    contenders.push({ label: "simpy_reference.py (SimPy)", run: () => runJsonLine(PYTHON, [simpy, "kernel", String(EVENTS), String(TIMERS)]), walls: [], events: EVENTS });
  }
  return contenders;
}

function summarize(contenders: ReadonlyArray<Contender>, repetitions: number, notes: string[]): BenchTable {
  const medianOf = (label: string): number | undefined => {
    const found = contenders.find((c) => c.label.startsWith(label));
    return found === undefined ? undefined : median(found.walls);
  };
  const reference = medianOf("des-reference");
  const ours = medianOf("nfvtwin (callbacks)");
  const simpy = medianOf("simpy_reference");
  const rows = contenders.map((c) => {
    const wall = median(c.walls);
    return [c.label, seconds(wall), seconds(Math.min(...c.walls)), perSecondMillions(c.events / wall), reference === undefined ? "-" : ratio(wall / reference)];
  });
  if (ours !== undefined && reference !== undefined) {
    const r = ours / reference;
    notes.push(`nfvtwin / des-reference = ${ratio(r)} (target <= 1.50x): ${r <= 1.5 ? "met" : "NOT MET"}`);
  }
  if (ours !== undefined && simpy !== undefined) {
    const r = simpy / ours;
    notes.push(`SimPy / nfvtwin = ${ratio(r)} faster (target >= 4x): ${r >= 4 ? "met" : "NOT MET"}`);
  }
  notes.push(`median of ${repetitions} interleaved runs per program; ratios are of medians`);
  notes.push("nfvtwin draws exponential delays of mean 1000 ms rounded to integer ms (the kernel's time unit); the references use real-valued time of mean 1");
  return { columns: ["program", "median wall", "best wall", "events/s", "vs des-reference"], rows, notes };
}
