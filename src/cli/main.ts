#!/usr/bin/env node
/**
 * The nfvtwin command line: `run`, `validate`, `schema`, `explain`, `merge`. Parsing and help come from
 * effect's CLI module; run-command.ts runs the command and maps every outcome to an exit code (0 ok,
 * 1 expectations failed, 2 invalid input or usage, 3 internal), which this entry hands to the process.
 */
import { runCommand } from "./run-command.js";
import { afterFlush } from "./terminal.js";

void runCommand(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  exitWhenFlushed();
});

/**
 * Every output file is written (synchronously, and renamed into place) by now: exit as soon as stdout
 * and stderr have flushed, rather than wait for the report thread and the heap of a large run to be
 * torn down (about 0.1 s after a million arrivals). The write callbacks keep piped output whole.
 */
function exitWhenFlushed(): void {
  afterFlush(() => process.exit());
}
