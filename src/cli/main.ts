#!/usr/bin/env node
/**
 * The nfvtwin command line: `run`, `validate`, `schema`, `explain`, `merge`. Parsing and help come from
 * effect's CLI module; each handler is synchronous simulation work wrapped at this edge, and every
 * outcome is mapped to an exit code (0 ok, 1 expectations failed, 2 invalid input or usage, 3 internal).
 */
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import { Command } from "effect/cli";
import { cliLayer } from "./cli-layer.js";
import { rootCommand, VERSION } from "./commands.js";
import { CommandFailure, EXIT_INTERNAL_ERROR, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { afterFlush, printErr } from "./terminal.js";

const program = Command.run(rootCommand, { version: VERSION }).pipe(Effect.provide(cliLayer(process.argv.slice(2))));

Effect.runPromiseExit(program).then(
  (exit) => {
    if (Exit.isSuccess(exit)) return;
    const failure = Cause.squash(exit.cause);
    if (failure instanceof CommandFailure) {
      for (const line of failure.lines) printErr(`${line}\n`);
      process.exitCode = failure.exitCode;
      return;
    }
    // Usage errors were already printed by the CLI module with help; they are invalid input.
    if (isCliError(failure)) {
      process.exitCode = EXIT_INVALID_INPUT;
      return;
    }
    printErr(`nfvtwin: internal error: ${describe(failure)}\n`);
    process.exitCode = EXIT_INTERNAL_ERROR;
  },
  (e: unknown) => {
    printErr(`nfvtwin: internal error: ${describe(e)}\n`);
    process.exitCode = EXIT_INTERNAL_ERROR;
  },
).finally(exitWhenFlushed);

/**
 * Every output file is written (synchronously, and renamed into place) by now: exit as soon as stdout
 * and stderr have flushed, rather than wait for the report thread and the heap of a large run to be
 * torn down (about 0.1 s after a million arrivals). The write callbacks keep piped output whole.
 */
function exitWhenFlushed(): void {
  afterFlush(() => process.exit());
}

function isCliError(e: unknown): boolean {
  const tag = (e as { _tag?: unknown } | null)?._tag;
  return typeof tag === "string" && /^(ShowHelp|MissingOption|MissingArgument|InvalidValue|UnknownSubcommand|UnrecognizedOption|DuplicateOption|UserError)/.test(tag);
}

function describe(e: unknown): string {
  if (e instanceof Error) return process.env["NFVTWIN_DEBUG"] ? (e.stack ?? e.message) : e.message;
  return String(e);
}
