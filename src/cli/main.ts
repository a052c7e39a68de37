#!/usr/bin/env node
/**
 * The nfvtwin command line: `run`, `validate`, `schema`, `explain`, `merge`. Parsing and help come from
 * effect's CLI module; run-command.ts runs the command and maps every outcome to an exit code (0 ok,
 * 1 expectations failed, 2 invalid input or usage, 3 internal), which this entry hands to the process.
 */
import { defaultHeapLimitMb } from "./heap-limit.js";
import { prestartThread } from "./simulation-threads.js";

// A `run` starts its first simulation thread before the command line module (effect, the loaders)
// is even loaded, so that the thread's start-up overlaps all of it (simulation-threads.ts; bench: the
// whole-process erlang-loss run, bench/README.md). With --max-heap-mb, run's handler starts it.
const argv = process.argv.slice(2);
if (argv[0] === "run" && !argv.some((a) => a.startsWith("--max-heap-mb"))) prestartThread(defaultHeapLimitMb());

const [{ runCommand }, { afterFlush }] = await Promise.all([import("./run-command.js"), import("./terminal.js")]);
void runCommand(argv).then((code) => {
  process.exitCode = code;
  // Every output file is written (synchronously, and renamed into place) by now: exit as soon as
  // stdout and stderr have flushed, rather than wait for the report thread and the heap of a large
  // run to be torn down (about 0.1 s after a million arrivals). The write callbacks keep piped output whole.
  afterFlush(() => process.exit());
});

