/**
 * One nfvtwin command from argv to an exit code (0 ok, 1 expectations failed, 2 invalid input or
 * usage, 3 internal), printing through a CliIo: main.ts runs it on the process's streams, tests and
 * the fuzzer run it in-process with captured output. Paths in argv are relative to the process's cwd.
 */
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import { Command } from "effect/cli";
import { CliIoRef, processIo, type CliIo } from "./cli-io.js";
import { cliLayer } from "./cli-layer.js";
import { rootCommand, VERSION } from "./commands.js";
import { CommandFailure, EXIT_INTERNAL_ERROR, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { writeText } from "./terminal.js";

/** Runs `argv` (without the program name) and resolves with its exit code; never rejects. */
export async function runCommand(argv: ReadonlyArray<string>, io: CliIo = processIo()): Promise<number> {
  // The CLI module prints help and usage errors on the Console: they go where everything else goes.
  const program = Command.run(rootCommand, { version: VERSION }).pipe(
    Effect.provide(cliLayer(argv, io)),
    Effect.provideService(CliIoRef, io),
  );
  const printErr = (line: string) => writeText(io.stderr, `${line}\n`);
  try {
    const exit = await Effect.runPromiseExit(program);
    if (Exit.isSuccess(exit)) return 0;
    const failure = Cause.squash(exit.cause);
    if (failure instanceof CommandFailure) {
      for (const line of failure.lines) printErr(line);
      return failure.exitCode;
    }
    // Usage errors were already printed by the CLI module (usage-presenter.ts); they are invalid input.
    if (isCliError(failure)) return EXIT_INVALID_INPUT;
    printErr(`nfvtwin: internal error: ${describe(failure)}`);
  } catch (e) {
    printErr(`nfvtwin: internal error: ${describe(e)}`);
  }
  return EXIT_INTERNAL_ERROR;
}

export interface CapturedCommand {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `argv` in this process (reports rendered in this thread, no TTY) and returns what it printed. */
export async function runCommandCaptured(argv: ReadonlyArray<string>): Promise<CapturedCommand> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { isTTY: false, write: (text: string) => void (stdout += text) },
    stderr: { isTTY: false, write: (text: string) => void (stderr += text) },
    reportThread: false,
  };
  const exitCode = await runCommand(argv, io);
  return { exitCode, stdout, stderr };
}

function isCliError(e: unknown): boolean {
  const tag = (e as { _tag?: unknown } | null)?._tag;
  return typeof tag === "string" && /^(ShowHelp|MissingOption|MissingArgument|InvalidValue|UnknownSubcommand|UnrecognizedOption|DuplicateOption|UserError)/.test(tag);
}

function describe(e: unknown): string {
  if (e instanceof Error) return process.env["NFVTWIN_DEBUG"] ? (e.stack ?? e.message) : e.message;
  return String(e);
}
