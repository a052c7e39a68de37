/**
 * Runs one kernel workload in a fresh process and prints one JSON line, the same contract as
 * shared/anchors/des-reference.mjs, so nfvtwin and the references are timed on equal terms (a cold
 * process each, loop time only).
 *   node dist/bench/kernel-child.js callback|processes|mixed [events=2000000] [timers=1000] [seed=1]
 */
import { mixedSchedule, timersCallback, timersProcesses } from "./kernel-workloads.js";

const [mode = "callback", ...rest] = process.argv.slice(2);
const [events = 2_000_000, timers = 1000, seed = 1] = rest.map(Number);
const result =
  mode === "processes" ? timersProcesses(events, timers, seed) : mode === "mixed" ? mixedSchedule(events, seed) : timersCallback(events, timers, seed);
console.log(JSON.stringify({ impl: `nfvtwin-${mode}`, mode: "kernel", ...result, eventsPerSecond: result.events / result.wallSeconds }));
